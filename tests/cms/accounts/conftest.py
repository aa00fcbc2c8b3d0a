import re
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache

from cms.users.models import User
from cms.users.services import email_address_record
from tests.cms.security.conftest import SecurityLog
from tests.cms.users.conftest import make_person

PASSWORD = "correct-horse-battery-staple"
ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts requests in the cache; each test starts with no requests counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    """As in production: the test settings switch the requirement off for other tests."""
    settings.SECOND_FACTOR_REQUIRED = True


@pytest.fixture
def security_log():
    from django.conf import settings

    return SecurityLog(settings.SECURITY_LOG_FILE)


def make_account(username: str, *roles: str, email: str = "", **fields) -> User:
    """A person who can sign in: a password and a verified address (`<username>@example.org`)."""
    person = make_person(username, *roles, email=email or f"{username}@example.org", **fields)
    person.set_password(PASSWORD)
    person.save(update_fields=["password"])
    email_address_record(user=person, verified=True)
    return person


def sign_in(
    client, login: str, password: str = PASSWORD, *, language="ru", address=ADDRESS, **data
):
    """POST the account pages' sign-in form from `address`, as a browser does."""
    return client.post(
        f"/{language}/accounts/login/",
        {"login": login, "password": password, **data},
        REMOTE_ADDR=address,
    )


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for `secret`."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def totp_activate(user: User, secret: str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") -> str:
    TOTP.activate(user, secret)
    return secret


def link_in(text: str) -> str:
    """The path of the first link to this site in an email's text."""
    return re.search(r"https?://[^/\s]+(/\S+)", text).group(1)
