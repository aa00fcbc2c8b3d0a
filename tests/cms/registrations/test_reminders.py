"""Reminders go out at the event's hours before it starts, in the person's language, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.notifications.models import Notification
from cms.registrations import services
from cms.registrations.reminders import registration_remind

pytestmark = pytest.mark.django_db

TASK = "cms.registrations.reminders.registration_remind"


def reminder_tasks():
    return sorted(
        (row.args_kwargs["args"][1], row.run_after)
        for row in DBTaskResult.objects.filter(task_path=TASK)
    )


def soon_event(make_event, minutes=30, **fields):
    now = timezone.now()
    start = now + timedelta(minutes=minutes)
    return make_event(
        start=start,
        registration_opens=now - timedelta(days=1),
        registration_closes=start,
        **fields,
    )


def test_a_place_sets_one_task_per_reminder_at_its_moment(
    make_event, people, django_capture_on_commit_callbacks
):
    event = make_event(capacity=5, reminder_hours="24,1")

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, person=people["pupils"][0])

    assert reminder_tasks() == [
        (1, event.start - timedelta(hours=1)),
        (24, event.start - timedelta(hours=24)),
    ]


def test_the_waiting_list_gets_no_reminders_until_promoted(
    make_event, people, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, reminder_hours="24")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_create(event=event, person=people["pupils"][0])
        services.registration_create(event=event, person=people["pupils"][1])
    assert len(reminder_tasks()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first.registration, event=event)

    assert len(reminder_tasks()) == 2


def test_a_due_reminder_is_sent_once_in_the_persons_language(make_event, people):
    pupil = people["pupils"][0]
    pupil.language = "en"
    pupil.save()
    event = soon_event(make_event, title="Robotics hackathon", reminder_hours="1")
    registration = services.registration_create(event=event, person=pupil).registration

    first = registration_remind.func(registration.pk, 1)
    second = registration_remind.func(registration.pk, 1)

    assert (first, second) == ("sent", "already reminded")
    (notification,) = Notification.objects.filter(recipient=pupil, kind="event_reminder")
    assert notification.title.startswith("Reminder: «Robotics hackathon» starts")
    assert "Moscow time" in notification.title


def test_a_guest_is_reminded_by_email(make_event, smtp):
    event = soon_event(make_event, registration_access="public", reminder_hours="1")
    registration, token = services.guest_registration_create(
        event=event, name="Ирина", email="irina@example.org"
    )
    services.guest_registration_confirm(event=event, raw_token=token)

    assert registration_remind.func(registration.pk, 1) == "sent"
    assert registration_remind.func(registration.pk, 1) == "already reminded"

    (message,) = smtp.messages
    assert message["To"] == "irina@example.org"
    assert "Напоминание" in message["Subject"]
    assert registration.code in message.get_body(("plain",)).get_content()


def test_no_reminder_for_a_cancelled_registration(make_event, people):
    event = soon_event(make_event, reminder_hours="1")
    registration = services.registration_create(event=event, person=people["pupils"][0])
    services.registration_cancel(registration=registration.registration, event=event)

    assert registration_remind.func(registration.registration.pk, 1) == "no longer registered"
    assert not Notification.objects.filter(kind="event_reminder").exists()


def test_an_event_moved_later_is_reminded_at_its_new_moment(
    make_event, people, django_capture_on_commit_callbacks
):
    event = soon_event(make_event, minutes=50, reminder_hours="1")
    registration = services.registration_create(event=event, person=people["pupils"][0])
    event.start += timedelta(days=2)
    event.end += timedelta(days=2)
    event.save_revision().publish()

    assert registration_remind.func(registration.registration.pk, 1) == "moved"
    assert (1, event.start - timedelta(hours=1)) in reminder_tasks()
    assert not Notification.objects.filter(kind="event_reminder").exists()


def test_publishing_again_sets_new_reminders_only_when_the_time_changed(
    make_event, people, django_capture_on_commit_callbacks
):
    event = make_event(capacity=5, reminder_hours="24")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, person=people["pupils"][0])
        event.title = "Новое название"
        event.save_revision().publish()
    assert len(reminder_tasks()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        event.start += timedelta(hours=3)
        event.end += timedelta(hours=3)
        event.save_revision().publish()

    assert (24, event.start - timedelta(hours=24)) in reminder_tasks()
    assert len(reminder_tasks()) == 2
