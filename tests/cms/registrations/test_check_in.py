"""Check-in at the door: the organiser types the code from the confirmation, once per person."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.registrations import services
from cms.registrations.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def door(make_event, people, client):
    """The teacher's event, two pupils registered, the teacher signed in."""
    Group.objects.get(name="Организаторы событий").user_set.add(people["teacher"])
    event = make_event(owner=people["teacher"], capacity=5, title="Защита проектов")
    registrations = [
        services.registration_create(event=event, person=p).registration
        for p in people["pupils"][:2]
    ]
    client.force_login(people["teacher"])
    return event, registrations, f"/admin/check-in/{event.pk}/"


def test_typing_the_code_marks_the_person_as_come(client, door):
    event, (first, _), url = door

    page = client.post(url, {"code": first.code}).content.decode()

    assert "Отмечен(а)" in page and "Ученик0" in page
    assert "Пришли 1 из 2" in page
    assert Registration.objects.get(pk=first.pk).attended_at is not None


def test_a_code_typed_in_lower_case_with_spaces_is_understood(client, door):
    _, (first, _), url = door
    typed = f"{first.code[:3].lower()} {first.code[3:].lower()}"

    client.post(url, {"code": typed})

    assert Registration.objects.get(pk=first.pk).attended_at is not None


def test_a_second_scan_says_when_the_person_came(client, door):
    _, (first, _), url = door
    client.post(url, {"code": first.code})
    came = Registration.objects.get(pk=first.pk).attended_at

    page = client.post(url, {"code": first.code}).content.decode()

    at = timezone.localtime(came).strftime("%H:%M")
    assert f"Уже отмечен(а) в {at}" in page
    assert Registration.objects.get(pk=first.pk).attended_at == came
    assert "Пришли 1 из 2" in page


def test_an_unknown_code_is_refused_and_marks_nobody(client, door):
    _, _, url = door

    page = client.post(url, {"code": "ZZZZZZ"}).content.decode()

    assert "Нет подтверждённой регистрации с таким кодом" in page
    assert not Registration.objects.filter(attended_at__isnull=False).exists()


def test_a_code_for_another_event_is_refused(client, door, make_event, people):
    _, _, url = door
    other = make_event("other", capacity=5)
    stranger = services.registration_create(event=other, person=people["pupils"][3]).registration

    client.post(url, {"code": stranger.code})

    assert Registration.objects.get(pk=stranger.pk).attended_at is None


def test_the_qr_link_fills_the_code_in_and_marks_nobody_until_confirmed(client, door):
    _, (first, _), url = door

    page = client.get(url, {"code": first.code}).content.decode()

    assert f'value="{first.code}"' in page
    assert Registration.objects.get(pk=first.pk).attended_at is None


def test_attendance_shows_in_the_list(client, door):
    _, (first, _), url = door
    client.post(url, {"code": first.code})

    page = client.get("/admin/event_registrations/", {"attended": "true"}).content.decode()

    assert "Ученик0" in page and "Ученик1" not in page


def test_a_teacher_of_another_event_cannot_check_anyone_in(client, door, people):
    _, (first, _), url = door
    from tests.cms.users.conftest import make_person

    outsider = make_person("another-teacher", "teacher")
    Group.objects.get(name="Организаторы событий").user_set.add(outsider)
    client.force_login(outsider)

    response = client.post(url, {"code": first.code})

    assert response.status_code in (302, 403)
    assert Registration.objects.get(pk=first.pk).attended_at is None
