"""A visitor from outside signs up, confirms their address and becomes a public participant."""

import pytest
from allauth.account.models import EmailAddress

from cms.users.choices import RoleChoices
from cms.users.models import User

from .conftest import PASSWORD, link_in, make_account

pytestmark = pytest.mark.django_db


def sign_up(client, email, *, language="ru", password=PASSWORD):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": password, "password2": password},
    )


def test_a_visitor_signs_up_confirms_the_emailed_link_and_is_a_public_participant(
    client, mailoutbox
):
    response = sign_up(client, "visitor@example.net")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    [message] = mailoutbox
    assert message.to == ["visitor@example.net"]
    assert "подтвердите" in message.subject.lower()
    assert "Цифровое коворкинг-пространство" in message.body
    link = link_in(message.body)
    assert link.startswith("/ru/accounts/confirm-email/")

    assert client.get(link).status_code == 200
    confirmed = client.post(link)

    person = User.objects.get(email="visitor@example.net")
    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/ru/cabinet/"
    assert int(client.session["_auth_user_id"]) == person.pk
    assert person.roles == {RoleChoices.PUBLIC}
    assert person.language == "ru"
    assert person.email_verified_at is not None
    assert EmailAddress.objects.get(user=person).verified


def test_a_visitor_signing_up_in_english_gets_english_email_and_keeps_english(client, mailoutbox):
    sign_up(client, "guest@example.net", language="en")

    [message] = mailoutbox
    assert "Please Confirm Your Email Address" in message.subject
    assert link_in(message.body).startswith("/en/accounts/confirm-email/")
    assert User.objects.get(email="guest@example.net").language == "en"


def test_a_signed_up_visitor_cannot_sign_in_before_confirming(client, mailoutbox):
    sign_up(client, "visitor@example.net")
    client.logout()
    mailoutbox.clear()

    response = client.post(
        "/ru/accounts/login/", {"login": "visitor@example.net", "password": PASSWORD}
    )

    assert "_auth_user_id" not in client.session
    assert response["Location"] == "/ru/accounts/confirm-email/"


def test_a_short_password_is_refused_at_sign_up_and_says_why(client):
    response = sign_up(client, "visitor@example.net", password="short-pw")

    assert response.status_code == 200
    assert not User.objects.filter(email="visitor@example.net").exists()
    assert "12" in response.content.decode()


def test_sign_up_is_refused_when_the_school_switched_it_off(client, settings, mailoutbox):
    settings.ACCOUNT_PUBLIC_SIGNUP = False

    page = client.get("/ru/accounts/signup/")
    response = sign_up(client, "visitor@example.net")

    assert "Регистрация закрыта" in page.content.decode()
    assert response.status_code == 200
    assert not User.objects.filter(email="visitor@example.net").exists()
    assert mailoutbox == []


def test_signing_up_with_a_taken_address_does_not_reveal_that_it_has_an_account(client, mailoutbox):
    make_account("teacher", RoleChoices.TEACHER, email="teacher@example.org")

    taken = sign_up(client, "teacher@example.org")
    fresh = sign_up(client, "new@example.net")

    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert User.objects.filter(email__iexact="teacher@example.org").count() == 1
    assert not User.objects.get(username="teacher").has_role(RoleChoices.PUBLIC)
    # The owner of the address is told that someone tried, instead of the visitor.
    assert [m.to for m in mailoutbox] == [["teacher@example.org"], ["new@example.net"]]
