"""People the school brings in (roster, invitation) use the same account pages as everyone."""

import re

import pytest

from cms.users.services import roster_import
from tests.cms.users.conftest import csv_bytes

from .conftest import link_in, sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kx8#mQ2$vLp9-tulip"
HEADER = "surname,name,class,role,email,language\n"


def import_teacher():
    roster_import(
        data=csv_bytes("Кузнецова,Мария,,учитель,teacher@example.org,ru", header=HEADER),
        filename="staff.csv",
    )


def test_after_accepting_the_invitation_a_teacher_signs_in_by_email_straight_away(
    client, mailoutbox
):
    import_teacher()
    path = re.search(r"https?://[^/\s]+(/\S+/)", mailoutbox[0].body).group(1)
    client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()

    response = sign_in(client, "teacher@example.org", NEW_PASSWORD)

    assert response["Location"] == "/ru/cabinet/"
    assert "_auth_user_id" in client.session


def test_a_teacher_who_lost_the_invitation_resets_a_password_and_signs_in(client, mailoutbox):
    import_teacher()
    mailoutbox.clear()

    client.post("/ru/accounts/password/reset/", {"email": "teacher@example.org"})
    form_url = client.get(link_in(mailoutbox[0].body))["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert sign_in(client, "teacher@example.org", NEW_PASSWORD)["Location"] == "/ru/cabinet/"
