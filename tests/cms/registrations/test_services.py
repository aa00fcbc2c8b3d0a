"""Registering, waiting, cancelling, approving and checking in, as the services do it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils import timezone

from cms.registrations import services
from cms.registrations.models import EventPlaces, Registration, RegistrationStatus
from cms.registrations.questions import AnswersInvalid

pytestmark = pytest.mark.django_db

S = RegistrationStatus


def register(event, person, **kwargs):
    return services.registration_create(event=event, person=person, **kwargs).registration


def statuses(event):
    return list(
        Registration.objects.filter(event_id=event.pk)
        .order_by("created_at", "pk")
        .values_list("person__username", "status")
    )


def test_places_go_in_order_then_the_waiting_list(make_event, people):
    event = make_event(capacity=2)

    for pupil in people["pupils"][:4]:
        register(event, pupil)

    assert [s for _, s in statuses(event)] == [S.CONFIRMED, S.CONFIRMED, S.WAITING, S.WAITING]
    assert EventPlaces.objects.get(event_id=event.pk).taken == 2


def test_registering_twice_keeps_one_registration(make_event, people):
    event = make_event(capacity=5)
    pupil = people["pupils"][0]

    first = services.registration_create(event=event, person=pupil)
    again = services.registration_create(event=event, person=pupil)

    assert (first.created, again.created) == (True, False)
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(event_id=event.pk).count() == 1


def test_the_database_refuses_a_second_active_registration(make_event, people):
    """The rule holds even for code that skips the service."""
    event = make_event(capacity=5)
    pupil = people["pupils"][0]
    register(event, pupil)

    with pytest.raises(IntegrityError):
        Registration.objects.create(event_id=event.pk, person=pupil, status=S.WAITING)


def test_a_cancellation_promotes_the_first_in_line_at_once(make_event, people):
    event = make_event(capacity=1)
    first, second, third = (register(event, p) for p in people["pupils"][:3])

    services.registration_cancel(registration=first, event=event)

    assert statuses(event) == [
        ("pupil0", S.CANCELLED),
        ("pupil1", S.CONFIRMED),
        ("pupil2", S.WAITING),
    ]
    assert EventPlaces.objects.get(event_id=event.pk).taken == 1


def test_leaving_the_waiting_list_frees_no_place(make_event, people):
    event = make_event(capacity=1)
    holder, waiting = (register(event, p) for p in people["pupils"][:2])

    services.registration_cancel(registration=waiting, event=event)

    assert EventPlaces.objects.get(event_id=event.pk).taken == 1
    assert statuses(event) == [("pupil0", S.CONFIRMED), ("pupil1", S.CANCELLED)]


def test_after_cancelling_one_may_register_again_at_the_end_of_the_line(make_event, people):
    event = make_event(capacity=1)
    first = register(event, people["pupils"][0])
    register(event, people["pupils"][1])
    services.registration_cancel(registration=first, event=event)

    again = register(event, people["pupils"][0])

    assert again.status == S.WAITING


def test_more_capacity_promotes_the_waiting_list(make_event, people):
    event = make_event(capacity=1)
    for pupil in people["pupils"][:3]:
        register(event, pupil)
    event.capacity = 2

    assert services.waitlist_promote(event=event) == 1
    assert [s for _, s in statuses(event)] == [S.CONFIRMED, S.CONFIRMED, S.WAITING]


def test_moderated_registrations_hold_a_place_until_the_organiser_decides(make_event, people):
    event = make_event(capacity=1, registration_moderated=True)
    pending = register(event, people["pupils"][0])
    waiting = register(event, people["pupils"][1])
    assert (pending.status, waiting.status) == (S.PENDING, S.WAITING)

    services.registration_decline(registration=pending, event=event)
    waiting.refresh_from_db()
    assert waiting.status == S.PENDING

    services.registration_approve(registration=waiting, event=event)
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED


def test_no_registration_before_the_window_or_after_it(make_event, people):
    now = timezone.now()
    early = make_event("early", registration_opens=now + timedelta(days=1))
    late = make_event(
        "late",
        registration_opens=now - timedelta(days=3),
        registration_closes=now - timedelta(days=1),
    )

    for event, code in ((early, "not_open"), (late, "closed")):
        with pytest.raises(services.RegistrationError) as error:
            register(event, people["pupils"][0])
        assert error.value.code == code


def test_a_parent_registers_their_own_child_only(make_event, people):
    event = make_event(capacity=5)
    child, other = people["pupils"][0], people["pupils"][1]

    registration = register(event, child, by=people["parent"])

    assert registration.registered_by == people["parent"]
    with pytest.raises(PermissionDenied):
        register(event, other, by=people["parent"])


def test_restricted_events_admit_the_chosen_roles_and_classes(make_event, people):
    from cms.users.models import SchoolClass

    event = make_event(registration_access="restricted", registration_roles=["teacher"])
    event.registration_classes.add(SchoolClass.objects.get(name="7А"))

    register(event, people["teacher"])
    register(event, people["pupils"][0])
    with pytest.raises(PermissionDenied):
        register(event, people["partner"])


def test_answers_are_checked_against_the_questions(make_event, people):
    event = make_event(
        registration_questions=[
            ("short_text", {"label": "Школа", "required": True}),
            ("choice", {"label": "Секция", "required": False, "options": ["Робототехника", "ИИ"]}),
            ("yes_no", {"label": "Нужна парковка", "required": False}),
        ]
    )
    school, section, parking = (str(block.id) for block in event.registration_questions)

    with pytest.raises(AnswersInvalid) as error:
        register(event, people["pupils"][0], answers={section: "Химия", parking: "да"})
    assert set(error.value.fields) == {school, section, parking}

    kept = register(
        event,
        people["pupils"][0],
        answers={school: " Лицей 239 ", section: "ИИ", parking: False, "extra": "x"},
    )
    assert kept.answers == {school: "Лицей 239", section: "ИИ", parking: False}


def test_a_guest_holds_nothing_until_the_emailed_link_is_followed(make_event):
    event = make_event(capacity=1, registration_access="public")

    registration, token = services.guest_registration_create(
        event=event, name="Ирина Гостева", email="guest@example.org"
    )
    assert registration.status == S.UNCONFIRMED
    assert EventPlaces.objects.get(event_id=event.pk).taken == 0

    confirmed = services.guest_registration_confirm(event=event, raw_token=token)

    assert confirmed.status == S.CONFIRMED
    assert EventPlaces.objects.get(event_id=event.pk).taken == 1
    with pytest.raises(services.RegistrationError):
        services.guest_registration_confirm(event=event, raw_token="forged")


def test_guests_are_refused_where_an_account_is_required(make_event):
    event = make_event(registration_access="signed_in")

    with pytest.raises(PermissionDenied):
        services.guest_registration_create(event=event, name="Гость", email="g@example.org")


def test_check_in_marks_attendance_once(make_event, people):
    event = make_event(capacity=5)
    registration = register(event, people["pupils"][0])
    typed = f" {registration.code[:3].lower()}-{registration.code[3:]} "

    first = services.registration_check_in(event=event, code=typed)
    second = services.registration_check_in(event=event, code=registration.code)

    assert (first[1], second[1]) == (True, False)
    with pytest.raises(services.RegistrationError):
        services.registration_check_in(event=event, code="ZZZZZZ")


def test_cancelling_after_the_start_is_for_organisers_only(make_event, people):
    now = timezone.now()
    event = make_event(
        capacity=5,
        start=now + timedelta(hours=2),
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(hours=1),
    )
    registration = register(event, people["pupils"][0])
    event.start = now - timedelta(minutes=5)

    with pytest.raises(services.RegistrationError):
        services.registration_cancel(registration=registration, event=event, by=people["pupils"][0])
    services.registration_cancel(registration=registration, event=event, by=people["staff"])
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED
