"""A forgotten password is replaced through a link emailed to the account's address."""

import pytest

from cms.users.choices import RoleChoices

from .conftest import link_in, make_account, sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-passphrase"


def test_the_reset_email_arrives_and_its_link_sets_a_password_of_at_least_12_characters(
    client, smtp, security_log
):
    make_account("parent", RoleChoices.PARENT, email="parent@example.org")

    client.post("/ru/accounts/password/reset/", {"email": "parent@example.org"})
    [message] = smtp.to("parent@example.org")
    link = link_in(message.get_body(("plain",)).get_content())
    form_url = client.get(link)["Location"]
    too_short = client.post(form_url, {"password1": "short-one", "password2": "short-one"})
    saved = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert "сброс" in message["Subject"].lower() or "парол" in message["Subject"].lower()
    assert too_short.status_code == 200
    assert "12" in too_short.content.decode()
    assert saved.status_code == 302
    assert sign_in(client, "parent", NEW_PASSWORD)["Location"] == "/ru/cabinet/"
    assert security_log.events("password.reset")


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, smtp):
    response = client.post("/ru/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response["Location"] == "/ru/accounts/password/reset/done/"
    assert smtp.messages == []
