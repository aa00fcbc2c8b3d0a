"""What happens on the account pages is written to the security log."""

import pytest
from bs4 import BeautifulSoup

from cms.users.choices import RoleChoices

from .conftest import ADDRESS, PASSWORD, link_in, make_account, sign_in, totp_code

pytestmark = pytest.mark.django_db


def test_sign_up_confirmation_and_a_failed_sign_in_are_logged(client, mailoutbox, security_log):
    client.post(
        "/ru/accounts/signup/",
        {"email": "visitor@example.net", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.post(link_in(mailoutbox[0].body))
    client.logout()
    sign_in(client, "visitor@example.net", "a-wrong-password-here")

    assert security_log.events("account.signed_up")[0]["username"] == "visitor"
    assert security_log.events("email.confirmed")[0]["username"] == "visitor"
    failed = security_log.events("signin.failed")[0]
    assert (failed["username"], failed["address"]) == ("visitor@example.net", ADDRESS)


def test_adding_an_authenticator_is_logged(
    client, security_log, django_capture_on_commit_callbacks
):
    make_account("editor", RoleChoices.STAFF)
    sign_in(client, "editor")
    client.post(client.get("/ru/accounts/2fa/totp/activate/")["Location"], {"password": PASSWORD})
    page = BeautifulSoup(client.get("/ru/accounts/2fa/totp/activate/").content, "html.parser")
    secret = page.select_one("#authenticator_secret")["value"]
    # allauth announces the new authenticator once its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ru/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert [e["type"] for e in security_log.events("mfa.added")][:1] == ["totp"]
    assert security_log.events("mfa.added")[0]["username"] == "editor"
