"""Signing in on the account pages: by email or username, locked per account and address."""

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings

from cms.users.choices import RoleChoices

from .conftest import ADDRESS, PASSWORD, make_account, sign_in

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-at-all"


def alert(response) -> str:
    """The text of the form's error announcement."""
    return BeautifulSoup(response.content, "html.parser").select_one("[role=alert]").get_text()


@pytest.fixture
def parent():
    return make_account("parent", RoleChoices.PARENT, email="parent@example.org")


def test_a_person_signs_in_with_their_email_and_lands_in_their_cabinet(client, parent):
    response = sign_in(client, "Parent@Example.org")

    assert response.status_code == 302
    assert response["Location"] == "/ru/cabinet/"
    assert int(client.session["_auth_user_id"]) == parent.pk


def test_a_person_signs_in_with_their_username_on_the_english_page(client, parent):
    response = sign_in(client, "parent", language="en")

    assert response["Location"] == "/en/cabinet/"
    assert int(client.session["_auth_user_id"]) == parent.pk


def test_a_wrong_password_is_refused_without_saying_whether_the_account_exists(client, parent):
    wrong_password = alert(sign_in(client, "parent@example.org", WRONG))
    unknown_account = alert(sign_in(client, "nobody@example.org", WRONG))

    assert "_auth_user_id" not in client.session
    assert "неверн" in wrong_password.lower() or "не верн" in wrong_password.lower()
    assert wrong_password == unknown_account


def test_five_wrong_passwords_lock_that_account_from_that_address_only(client, parent):
    teacher = make_account("teacher", RoleChoices.TEACHER)
    statuses = [
        sign_in(client, "parent@example.org", WRONG).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]

    locked = sign_in(client, "parent@example.org")
    other_case = sign_in(client, "PARENT@example.org")
    other_account = sign_in(client, teacher.email)
    client.logout()
    other_address = sign_in(client, "parent@example.org", address="192.0.2.50")

    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert locked.status_code == other_case.status_code == 429
    assert "Вход временно заблокирован" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    assert AccessAttempt.objects.get().username == "parent@example.org"
    assert AccessAttempt.objects.get().ip_address == ADDRESS
    assert other_account.status_code == 302
    assert other_address.status_code == 302


def test_the_lockout_page_speaks_english_on_the_english_sign_in_page(client, parent):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "parent", WRONG, language="en")

    response = sign_in(client, "parent", language="en")

    assert response.status_code == 429
    assert "Sign-in temporarily blocked" in response.content.decode()


def test_signing_out_needs_the_button_not_just_a_link(client, parent):
    sign_in(client, "parent")

    page = client.get("/ru/accounts/logout/")
    still_in = "_auth_user_id" in client.session
    response = client.post("/ru/accounts/logout/")

    assert page.status_code == 200
    assert still_in
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_address_leads_to_the_account_pages(client):
    from_admin = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en", follow=True)

    assert from_admin.redirect_chain[-1][0] == "/en/accounts/login/?next=%2Fadmin%2F"
    assert from_admin.status_code == 200


def test_the_wagtail_sign_in_form_no_longer_signs_anyone_in(client, superuser_account):
    response = client.post(
        "/admin/login/", {"username": "director", "password": PASSWORD}, REMOTE_ADDR=ADDRESS
    )

    assert response.status_code == 302
    assert response["Location"] == "/ru/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_a_redirect_after_sign_in_stays_on_this_site(client):
    response = client.get("/admin/login/", {"next": "https://elsewhere.example/"})

    assert response["Location"] == "/ru/accounts/login/"


@pytest.fixture
def superuser_account(db):
    return make_account("director", is_superuser=True, is_staff=True)
