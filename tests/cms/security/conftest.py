import json

import pytest
from django.conf import settings


class SecurityLog:
    """The events the security log file gained since the test started."""

    def __init__(self, path):
        self.path = path
        self.start = path.stat().st_size if path.exists() else 0

    def events(self, name: str | None = None) -> list[dict]:
        records = [json.loads(line) for line in self.text().splitlines() if line.strip()]
        return [r for r in records if name is None or r["event"] == name]

    def text(self) -> str:
        # `start` counts bytes: earlier lines may hold Cyrillic names, two bytes a letter.
        return self.path.read_bytes()[self.start :].decode("utf-8") if self.path.exists() else ""


@pytest.fixture
def security_log():
    return SecurityLog(settings.SECURITY_LOG_FILE)


@pytest.fixture
def password():
    return "correct-horse-battery-staple"


@pytest.fixture
def superuser(django_user_model, password):
    from cms.users.services import email_address_record

    director = django_user_model.objects.create_superuser(
        username="director", email="director@school.example", password=password
    )
    email_address_record(user=director, verified=True)
    return director


def sign_in(client, username, password, *, address="203.0.113.7", language="ru"):
    """POST the sign-in form of the account pages from `address`, as a browser does."""
    return client.post(
        f"/{language}/accounts/login/",
        {"login": username, "password": password},
        REMOTE_ADDR=address,
    )
