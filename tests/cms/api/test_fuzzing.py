"""Schemathesis fuzzes every endpoint of the live schema on a real gunicorn, signed in and out.

No answer may be a server error, and every answer must match what the schema documents (status
code, content type, body). The signed-in run sends the session cookie and the CSRF token, so
writes are fuzzed too.
"""

import os
import secrets
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from tests.publish import processes

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance"
)
CSRF = "fuzzcsrftokenfuzzcsrftokenfuzzcs"


@pytest.fixture(scope="module")
def schemathesis():
    command = shutil.which("st", path=os.path.dirname(sys.executable))
    if command is None:
        pytest.fail("schemathesis is missing: install the test extra (pip install '.[test]')")
    return command


def published_site(site_dir):
    """A live build, so the health check answers 200: its 503 before any publish is by design."""
    build = site_dir / "builds" / "fuzz"
    build.mkdir(parents=True)
    (site_dir / "live").symlink_to(build)


def signed_in_cookie(django_user_model) -> str:
    # A password the fuzzer cannot guess, so `POST /api/me/delete` never deletes the account
    # whose session the run goes on with.
    user = django_user_model.objects.create_user(
        username="fuzzer", email="fuzzer@example.org", password=secrets.token_urlsafe(24)
    )
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}; csrftoken={CSRF}"


@pytest.mark.parametrize("visitor", ["signed out", "signed in"])
def test_no_endpoint_answers_5xx_or_outside_its_schema(
    visitor, tmp_path, schemathesis, django_user_model
):
    env = processes.django_env(
        site_dir=tmp_path / "site", media_root=tmp_path / "media", var_dir=tmp_path / "var"
    )
    # The session below is signed with this process's secret; the server must share it.
    env["SECRET_KEY"] = settings.SECRET_KEY
    # Fuzzing sends hundreds of requests from one address; 429s would hide the endpoints.
    env["API_RATE_LIMITS"] = "address=100000,100000;user=100000,100000;write=100000,100000"
    headers = []
    if visitor == "signed in":
        headers = [
            "-H",
            f"Cookie: {signed_in_cookie(django_user_model)}",
            "-H",
            f"X-CSRFToken: {CSRF}",
        ]
    published_site(tmp_path / "site")
    with processes.gunicorn(env=env, ready_path="/api/health") as base_url:
        result = subprocess.run(
            [
                schemathesis, "run", f"{base_url}/api/schema/",
                "--checks", CHECKS,
                "--max-examples", "15",
                "--seed", "1",
                *headers,
            ],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip

    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
