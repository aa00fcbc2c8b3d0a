"""The organisers' registrations list in the Wagtail admin: who sees which event, the exports,
approve / decline / cancel, and the printed list."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from cms.registrations import services
from cms.registrations.models import EventPlaces, Registration, RegistrationStatus
from tests.cms.users.conftest import make_person

pytestmark = pytest.mark.django_db

S = RegistrationStatus
LIST = "/admin/event_registrations/"


def questions(*items):
    return [
        {"type": kind, "id": qid, "value": {"label": label, "required": False, **extra}}
        for kind, qid, label, extra in items
    ]


@pytest.fixture
def organisers(people):
    """The teacher in the event organisers' group (admin access); the editor with admin access."""
    Group.objects.get(name="Организаторы событий").user_set.add(people["teacher"])
    people["staff"].user_permissions.add(Permission.objects.get(codename="access_admin"))
    return people


@pytest.fixture
def two_events(make_event, organisers):
    """The teacher's hackathon (with questions) and an editor's conference, a pupil in each."""
    mine = make_event(
        "hackathon",
        title="Хакатон 7А",
        owner=organisers["teacher"],
        capacity=10,
        registration_questions=questions(
            ("short_text", "q-team", "Название команды", {}),
            ("yes_no", "q-laptop", "Нужен ноутбук?", {}),
        ),
    )
    theirs = make_event("conference", title="Конференция для всех", capacity=10)
    pupils = organisers["pupils"]
    services.registration_create(
        event=mine, person=pupils[0], answers={"q-team": "Ракета", "q-laptop": True}
    )
    services.registration_create(event=theirs, person=pupils[1])
    return mine, theirs


def test_a_teacher_sees_only_the_registrations_of_their_own_event(client, two_events, organisers):
    client.force_login(organisers["teacher"])

    page = client.get(LIST).content.decode()

    assert "Ученик0" in page and "Хакатон 7А" in page
    assert "Ученик1" not in page and "Конференция для всех" not in page


def test_a_teacher_sees_the_answers_in_the_list(client, two_events, organisers):
    client.force_login(organisers["teacher"])

    page = client.get(LIST).content.decode()

    assert "Название команды: Ракета" in page
    assert "Нужен ноутбук?: да" in page


def test_staff_see_every_events_registrations(client, two_events, organisers):
    client.force_login(organisers["staff"])

    page = client.get(LIST).content.decode()

    assert "Ученик0" in page and "Ученик1" in page


def test_a_pupil_is_kept_out_of_the_list(client, two_events, organisers):
    pupil = organisers["pupils"][2]
    client.force_login(pupil)

    response = client.get(LIST)

    assert response.status_code in (302, 403)
    assert "Ученик0" not in response.content.decode()


def test_a_pupil_with_admin_access_is_still_refused(client, two_events, organisers):
    pupil = organisers["pupils"][2]
    pupil.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(pupil)

    response = client.get(LIST)

    assert response.status_code in (302, 403)
    assert "Ученик0" not in response.content.decode()


def test_the_list_filters_by_status_and_attendance(client, make_event, organisers):
    event = make_event(owner=organisers["teacher"], capacity=1)
    first, second = (
        services.registration_create(event=event, person=p).registration
        for p in organisers["pupils"][:2]
    )
    services.registration_check_in(event=event, code=first.code)
    client.force_login(organisers["teacher"])

    waiting = client.get(LIST, {"status": S.WAITING}).content.decode()
    came = client.get(LIST, {"attended": "true"}).content.decode()
    absent = client.get(LIST, {"attended": "false"}).content.decode()

    assert "Ученик1" in waiting and "Ученик0" not in waiting
    assert "Ученик0" in came and "Ученик1" not in came
    assert "Ученик1" in absent and "Ученик0" not in absent


def test_the_csv_export_has_a_column_per_question(client, two_events, organisers):
    mine, _ = two_events
    client.force_login(organisers["teacher"])

    response = client.get(LIST, {"event": mine.pk, "export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Disposition"].startswith('attachment; filename="registrations-')
    assert len(rows) == 1
    row = rows[0]
    assert row["Участник"] == "Ученик0"
    assert row["Класс"] == "7А"
    assert row["Статус"] == "зарегистрирован"
    assert (row["Название команды"], row["Нужен ноутбук?"]) == ("Ракета", "да")
    assert len(row["Код"]) == 6


def test_the_xlsx_export_opens_as_a_spreadsheet(client, two_events, organisers):
    mine, _ = two_events
    client.force_login(organisers["teacher"])

    response = client.get(LIST, {"event": mine.pk, "export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[:3] == ["Участник", "Почта", "Класс"]
    assert header[-2:] == ["Название команды", "Нужен ноутбук?"]
    assert [(r[0], r[-2], r[-1]) for r in rows] == [("Ученик0", "Ракета", "да")]


def test_a_teacher_cannot_export_another_events_registrations(client, two_events, organisers):
    _, theirs = two_events
    client.force_login(organisers["teacher"])

    response = client.get(LIST, {"event": theirs.pk, "export": "csv"})

    body = b"".join(response.streaming_content).decode() if response.streaming else ""
    assert "Ученик1" not in body


def _act(client, registration, action):
    return client.post(f"{LIST}{registration.pk}/{action}/")


def test_declining_and_approving_in_the_admin_keep_the_places_right(client, make_event, organisers):
    event = make_event(owner=organisers["teacher"], capacity=1, registration_moderated=True)
    first, second = (
        services.registration_create(event=event, person=p).registration
        for p in organisers["pupils"][:2]
    )
    client.force_login(organisers["teacher"])

    _act(client, first, "decline")
    second.refresh_from_db()
    assert second.status == S.PENDING  # the freed place went to the first in line
    _act(client, second, "approve")
    second.refresh_from_db()

    first.refresh_from_db()
    assert (first.status, second.status) == (S.DECLINED, S.CONFIRMED)
    assert EventPlaces.objects.get(event_id=event.pk).taken == 1


def test_cancelling_in_the_admin_promotes_the_waiting_list(client, make_event, organisers):
    event = make_event(owner=organisers["teacher"], capacity=1)
    first, second = (
        services.registration_create(event=event, person=p).registration
        for p in organisers["pupils"][:2]
    )
    client.force_login(organisers["teacher"])

    confirm = client.get(f"{LIST}{first.pk}/cancel/")
    response = _act(client, first, "cancel")

    assert "Отменить регистрацию" in confirm.content.decode()
    assert response.status_code == 302
    assert Registration.objects.get(pk=second.pk).status == S.CONFIRMED
    assert EventPlaces.objects.get(event_id=event.pk).taken == 1


def test_a_teacher_cannot_cancel_a_registration_for_someone_elses_event(
    client, two_events, organisers
):
    _, theirs = two_events
    registration = Registration.objects.get(event_id=theirs.pk)
    client.force_login(organisers["teacher"])

    response = _act(client, registration, "cancel")

    assert response.status_code in (302, 403)
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED


def test_the_printed_list_has_names_codes_and_a_signature_column(client, make_event, organisers):
    event = make_event(owner=organisers["teacher"], capacity=2, title="Мастер-класс")
    placed = [
        services.registration_create(event=event, person=p).registration
        for p in organisers["pupils"][:3]
    ]
    client.force_login(organisers["teacher"])

    page = client.get(f"{LIST}print/{event.pk}/").content.decode()

    assert "Мастер-класс" in page and "Подпись участника" in page
    for registration in placed[:2]:
        assert registration.code in page
    assert "Ученик2" not in page  # on the waiting list: no place, not on the door list
    assert "@media print" not in page  # the print rules come from the stylesheet


def test_nobody_but_organisers_gets_the_printed_list(client, two_events, organisers):
    mine, _ = two_events
    outsider = make_person("another-teacher", "teacher")
    Group.objects.get(name="Организаторы событий").user_set.add(outsider)
    client.force_login(outsider)

    response = client.get(f"{LIST}print/{mine.pk}/")

    assert response.status_code in (302, 403)
    assert "Ученик0" not in response.content.decode()


def test_an_organiser_moves_someone_to_another_of_their_events(client, make_event, organisers):
    teacher = organisers["teacher"]
    full = make_event("full", title="Хакатон, поток 1", owner=teacher, capacity=1)
    other = make_event("other", title="Хакатон, поток 2", owner=teacher, capacity=5)
    someone_elses = make_event("conference", title="Чужая конференция", capacity=5)
    moving, waiting = (
        services.registration_create(event=full, person=p).registration
        for p in organisers["pupils"][:2]
    )
    client.force_login(teacher)

    form = client.get(f"{LIST}{moving.pk}/move/").content.decode()
    response = client.post(f"{LIST}{moving.pk}/move/", {"to_event": other.pk})

    assert "Хакатон, поток 2" in form and "Чужая конференция" not in form
    assert response.status_code == 302
    moved = Registration.objects.get(event_id=other.pk, person=organisers["pupils"][0])
    assert moved.status == S.CONFIRMED
    assert Registration.objects.get(pk=moving.pk).status == S.CANCELLED
    # The place left behind went to the first in line.
    assert Registration.objects.get(pk=waiting.pk).status == S.CONFIRMED
    refused = client.post(f"{LIST}{waiting.pk}/move/", {"to_event": someone_elses.pk})
    assert refused.status_code == 400
    assert Registration.objects.get(pk=waiting.pk).event_id == full.pk


def test_moving_to_an_event_the_person_is_already_on_is_refused(make_event, organisers):
    first = make_event("first", capacity=5)
    second = make_event("second", capacity=5)
    pupil = organisers["pupils"][0]
    registration = services.registration_create(event=first, person=pupil).registration
    services.registration_create(event=second, person=pupil)

    with pytest.raises(services.RegistrationError) as error:
        services.registration_move(registration=registration, event=first, to_event=second)

    assert error.value.code == "already_registered"
    assert Registration.objects.get(pk=registration.pk).status == S.CONFIRMED
