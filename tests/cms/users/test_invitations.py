"""The invitation a new person receives: a link that sets a password once, within a week."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.users.models import Invitation, User
from cms.users.services import roster_import

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kx8#mQ2$vLp9-tulip"


def invite(mailoutbox, *, language="ru"):
    header = "surname,name,class,role,email,language\n"
    roster_import(
        data=csv_bytes("Кузнецова,Мария,,учитель,teacher@example.org," + language, header=header),
        filename="staff.csv",
    )
    [message] = mailoutbox
    path = re.search(r"https?://[^/\s]+(/\S+/)", message.body).group(1)
    return message, path


def test_the_invitation_email_has_a_one_time_link_in_the_persons_language(mailoutbox):
    message, path = invite(mailoutbox)

    assert message.to == ["teacher@example.org"]
    assert message.subject == "Приглашение в цифровое коворкинг-пространство лицея"
    assert re.fullmatch(r"/ru/accounts/invitation/[\w-]{40,}/", path)
    html = message.alternatives[0][0]
    assert path in html and "Задать пароль" in html
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in Invitation.objects.get().token_hash


def test_an_english_speaker_gets_the_invitation_in_english(mailoutbox):
    message, path = invite(mailoutbox, language="en")

    assert path.startswith("/en/accounts/invitation/")
    assert "digital coworking space" in message.subject
    assert "Hello" in message.body


def test_the_link_sets_the_password_signs_the_person_in_and_works_only_once(client, mailoutbox):
    _message, path = invite(mailoutbox)

    page = client.get(path)
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    person = User.objects.get(email="teacher@example.org")
    assert person.check_password(NEW_PASSWORD)
    assert person.email_verified_at is not None
    assert int(client.session["_auth_user_id"]) == person.pk
    assert client.get(response["Location"]).status_code == 200
    client.logout()
    again = client.post(path, {"new_password1": "another-Passw0rd!", "new_password2": "x"})
    assert again.status_code == 404
    assert "Ссылка не действует" in again.content.decode()


def test_an_expired_link_is_refused(client, mailoutbox):
    _message, path = invite(mailoutbox)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 404
    assert not User.objects.get(email="teacher@example.org").has_usable_password()


def test_an_invitation_is_valid_for_seven_days(mailoutbox):
    invite(mailoutbox)

    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )


def test_a_short_password_is_refused_with_the_reason_and_the_link_still_works(client, mailoutbox):
    _message, path = invite(mailoutbox)

    response = client.post(path, {"new_password1": "short1!", "new_password2": "short1!"})

    assert response.status_code == 200
    assert "12" in response.content.decode()
    assert Invitation.objects.get().used_at is None
    assert "_auth_user_id" not in client.session


def test_an_unknown_token_is_refused(client):
    assert client.get("/ru/accounts/invitation/not-a-token/").status_code == 404
