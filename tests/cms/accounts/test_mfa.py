"""A second factor: required for staff, experts and the psychologist; optional for the rest."""

import pytest
from allauth.mfa.models import Authenticator
from bs4 import BeautifulSoup

from cms.users.choices import RoleChoices

from .conftest import ADDRESS, PASSWORD, make_account, sign_in, totp_activate, totp_code

pytestmark = pytest.mark.django_db

ACTIVATE = "/ru/accounts/2fa/totp/activate/"


@pytest.fixture
def director():
    return make_account("director", is_superuser=True, is_staff=True)


def activate_from_the_page(client):
    """Read the secret off the set-up page, as a person types it into their app, and confirm.

    allauth asks for the password again first: adding a factor is a change to the account.
    """
    response = client.get(ACTIVATE)
    assert response["Location"].startswith("/ru/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    page = BeautifulSoup(client.get(ACTIVATE).content, "html.parser")
    secret = page.select_one("#authenticator_secret")["value"]
    return client.post(ACTIVATE, {"code": totp_code(secret)})


def test_a_director_without_an_authenticator_cannot_open_the_admin_until_they_add_one(
    client, director
):
    signed_in = sign_in(client, "director@example.org", next="/admin/")
    blocked = client.get("/admin/")
    elsewhere = client.get("/ru/accounts/password/change/")
    activated = activate_from_the_page(client)
    admin = client.get("/admin/")

    assert signed_in["Location"] == "/admin/"
    assert blocked.status_code == 302
    assert blocked["Location"] == ACTIVATE
    assert elsewhere["Location"] == ACTIVATE
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=director, type="totp").exists()
    assert admin.status_code == 200


def test_with_an_authenticator_signing_in_asks_for_its_code_before_the_admin_opens(
    client, director
):
    secret = totp_activate(director)

    after_password = sign_in(client, "director", next="/admin/")
    not_yet = "_auth_user_id" in client.session
    wrong = client.post(after_password["Location"], {"code": "000000"})
    after_code = client.post(after_password["Location"], {"code": totp_code(secret)})

    assert after_password["Location"] == "/ru/accounts/2fa/authenticate/"
    assert not not_yet
    assert wrong.status_code == 200
    assert after_code["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "role",
    [RoleChoices.STAFF, RoleChoices.ADMINISTRATOR, RoleChoices.EXPERT, RoleChoices.PSYCHOLOGIST],
)
def test_experts_the_psychologist_and_staff_must_set_up_an_authenticator(client, role):
    make_account("someone", role)

    sign_in(client, "someone")

    assert client.get("/ru/accounts/password/change/")["Location"] == ACTIVATE
    assert client.get("/api/")["Content-Type"].startswith("application/json")
    assert client.get("/api/").status_code == 403


def test_a_parent_may_go_on_without_an_authenticator_and_add_one_if_they_wish(client):
    parent = make_account("parent", RoleChoices.PARENT)

    sign_in(client, "parent")
    password_page = client.get("/ru/accounts/password/change/")
    activated = activate_from_the_page(client)

    assert password_page.status_code == 200
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=parent, type="totp").exists()


def test_a_staff_member_can_still_sign_out_before_setting_up_an_authenticator(client):
    make_account("editor", RoleChoices.STAFF)
    sign_in(client, "editor")

    response = client.post("/ru/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
