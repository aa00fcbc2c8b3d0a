"""Production refuses unsafe settings; the deploy checklist passes with a real secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="cms.settings.production")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.slow
def test_the_deploy_checklist_is_clean_with_production_settings_and_a_real_secret():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x9!vQ2#pLr8$Wm4^Zt6&Yk1*Hb3(Jn7)Gc5-Fd0_Se2+Ua9=Xo4",
        ALLOWED_HOSTS="coworking.example.org",
        PUBLIC_BASE_URL="https://coworking.example.org",
        # Production refuses to start without the key of the psychologist's requests.
        HELP_ENCRYPTION_KEYS="SooZQ4yT6bvBTUzIu2Xs6KOqjz53fg7UJWmvoaNZNYY=",
    )

    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.slow
def test_gunicorn_without_a_settings_module_runs_production_and_refuses_a_missing_secret():
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [sys.executable, "-c", "import cms.wsgi"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
