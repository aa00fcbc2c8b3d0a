"""Every way of setting a password asks for at least 12 characters."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from tests.publish import processes

pytestmark = pytest.mark.django_db


def ensure_admin(tmp_path, **env):
    environment = processes.django_env(
        site_dir=tmp_path / "site", media_root=tmp_path / "media", var_dir=tmp_path / "var"
    )
    environment.pop("ADMIN_PASSWORD", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "ensure_admin"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_ensure_admin_refuses_a_weak_admin_password_and_creates_nobody(tmp_path, django_user_model):
    result = ensure_admin(tmp_path, ADMIN_PASSWORD="1")

    assert result.returncode != 0
    assert "ADMIN_PASSWORD is not accepted" in result.stderr
    assert "at least 12 characters" in result.stderr
    assert "Traceback" not in result.stderr
    assert not django_user_model.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_ensure_admin_generates_a_password_that_passes_the_policy(tmp_path, django_user_model):
    result = ensure_admin(tmp_path)

    password = result.stdout.rsplit(": ", 1)[-1].strip()
    assert result.returncode == 0, result.stderr
    assert len(password) >= 12
    assert django_user_model.objects.get(username=os.environ.get("ADMIN_USERNAME", "admin"))


def test_the_admin_refuses_an_eleven_character_password_for_a_new_user(
    client, superuser, django_user_model
):
    client.force_login(superuser)

    response = client.post(
        "/admin/users/new/",
        {
            "username": "pupil",
            "email": "pupil@school.example",
            "first_name": "Ivan",
            "last_name": "Ivanov",
            "password1": "Kx8#mQ2$vLp",
            "password2": "Kx8#mQ2$vLp",
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert not django_user_model.objects.filter(username="pupil").exists()
    assert "12" in response.content.decode()


def test_the_admin_accepts_a_twelve_character_password(client, superuser, django_user_model):
    client.force_login(superuser)

    response = client.post(
        "/admin/users/new/",
        {
            "username": "pupil",
            "email": "pupil@school.example",
            "first_name": "Ivan",
            "last_name": "Ivanov",
            "password1": "Kx8#mQ2$vLp9",
            "password2": "Kx8#mQ2$vLp9",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert django_user_model.objects.get(username="pupil").check_password("Kx8#mQ2$vLp9")
    assert Permission.objects.exists()
