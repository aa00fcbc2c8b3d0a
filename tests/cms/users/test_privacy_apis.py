"""`/api/me/export` (download my data) and `/api/me/delete` (delete my account)."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session

from cms.notifications.models import Notification
from cms.users.models import Guardianship, User

pytestmark = pytest.mark.django_db

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def parent(family, password):
    parent = family["parent"]
    parent.first_name, parent.last_name = "Ольга", "Смирнова"
    parent.set_password(password)
    parent.save()
    Authenticator.objects.create(
        user=parent, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    Notification.objects.create(recipient=parent, kind="general", title="Собрание")
    Notification.objects.create(recipient=family["teacher"], kind="general", title="Учителю")
    return parent


def test_a_visitor_can_neither_export_nor_delete(client):
    assert client.get("/api/me/export").status_code == 401
    response = client.post("/api/me/delete", {"password": "x"}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_my_data_downloads_as_one_named_json_file_with_my_child_but_nobody_elses_data(
    client, parent, family, security_log
):
    client.force_login(parent)

    response = client.get("/api/me/export", HTTP_ACCEPT="text/html,*/*;q=0.8")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="coworking-data-parent-')
    assert disposition.endswith('.json"')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["format_version"] == 1
    assert data["generated_at"]
    assert data["sections"]["profile"]["last_name"] == "Смирнова"
    assert data["sections"]["family"]["children"][0]["name"] == "Артём Смирнов"
    text = response.content.decode()
    assert "Учителю" not in text
    assert "teacher@example.org" not in text
    assert "7Б" not in text
    assert parent.password not in text
    assert "pbkdf2" not in text and "md5$" not in text
    assert TOTP_SECRET not in text
    [event] = security_log.events("personal_data.exported")
    assert event["user_id"] == parent.pk
    assert event["actor"] == "parent"


def test_a_wrong_password_deletes_nothing_and_says_so_in_the_one_error_shape(
    client, parent, security_log
):
    client.force_login(parent)

    response = client.post(
        "/api/me/delete", {"password": "not-my-password"}, content_type="application/json"
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["password"]
    assert User.objects.get(pk=parent.pk).last_name == "Смирнова"
    assert client.get("/api/me").json()["authenticated"] is True
    assert security_log.events("account.deletion_refused")
    assert "not-my-password" not in security_log.text()


def test_a_missing_password_is_a_400(client, parent):
    client.force_login(parent)

    response = client.post("/api/me/delete", {}, content_type="application/json")

    assert response.status_code == 400
    assert "password" in response.json()["error"]["fields"]


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_staff_are_told_an_administrator_removes_their_account(
    client, family, superuser, password, who
):
    person = superuser if who == "superuser" else family["editor"]
    person.set_password(password)
    person.save()
    client.force_login(person)

    response = client.post(
        "/api/me/delete", {"password": password}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert "администратор" in response.json()["error"]["message"]
    assert User.objects.get(pk=person.pk).is_active


def test_deleting_my_account_signs_me_out_everywhere_and_leaves_no_personal_data(
    client, parent, family, password, security_log
):
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(parent)
    client.force_login(parent)

    response = client.post(
        "/api/me/delete", {"password": password}, content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json() == {"deleted": True}
    assert client.get("/api/me").json() == {"authenticated": False}
    assert elsewhere.get("/api/me").json() == {"authenticated": False}
    gone = User.objects.get(pk=parent.pk)
    assert gone.username.startswith("deleted-")
    assert not gone.is_active
    assert [gone.first_name, gone.last_name, gone.email] == ["", "", ""]
    assert not Guardianship.objects.filter(parent=gone).exists()
    assert not Notification.objects.filter(recipient=gone).exists()
    assert not Authenticator.objects.filter(user=gone).exists()
    for session in Session.objects.all():
        assert session.get_decoded().get("_auth_user_id") != str(parent.pk)
    assert Notification.objects.filter(recipient=family["teacher"]).exists()
    [event] = security_log.events("account.deleted")
    assert event["user_id"] == parent.pk
    assert "parent" not in json.dumps(event)
    assert not gone.check_password(password)


def test_a_pupil_may_delete_their_own_account(client, family):
    pupil = family["child"]
    pupil.set_password("pupil-password-1234")
    pupil.save()
    client.force_login(pupil)

    response = client.post(
        "/api/me/delete", {"password": "pupil-password-1234"}, content_type="application/json"
    )

    assert response.status_code == 200
    assert not Guardianship.objects.filter(child=pupil).exists()
    assert not User.objects.filter(last_name="Смирнов").exists()
