"""What registrants find in their mailbox (a real SMTP server): confirmations with the event
as a calendar file, the waiting list, a promotion, and a guest's link; each once, in their
language."""

from __future__ import annotations

import re

import icalendar
import pytest
from django.test import Client

from cms.notifications.models import Notification
from cms.registrations import services
from cms.registrations.models import Registration, RegistrationStatus
from cms.registrations.tasks import guest_email_send
from tests.tasks import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def calendar_of(message) -> icalendar.Calendar:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


@pytest.fixture
def pupils(people):
    for i, pupil in enumerate(people["pupils"]):
        pupil.email = f"pupil{i}@example.org"
        pupil.save()
    return people["pupils"]


def test_the_confirmation_carries_the_event_with_a_reminder_and_the_code(make_event, pupils, smtp):
    event = make_event(capacity=5, reminder_hours="24,2")

    registration = services.registration_create(event=event, person=pupils[0]).registration
    run_worker()

    [message] = smtp.to("pupil0@example.org")
    assert event.title in message["Subject"]
    assert registration.code in message.get_body(preferencelist=("plain",)).get_content()
    [entry] = calendar_of(message).walk("VEVENT")
    assert entry.decoded("dtstart") == event.start.replace(microsecond=0)
    assert entry.decoded("dtend") == event.end.replace(microsecond=0)
    assert str(entry["summary"]) == event.title
    assert registration.code in str(entry["description"])
    [alarm] = entry.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger").total_seconds() == -2 * 3600


def test_the_waiting_list_and_a_promotion_are_told_and_only_the_promotion_has_the_calendar(
    make_event, pupils, smtp
):
    event = make_event(capacity=1)
    first = services.registration_create(event=event, person=pupils[0]).registration
    services.registration_create(event=event, person=pupils[1])
    run_worker()
    [waiting] = smtp.to("pupil1@example.org")
    smtp.clear()

    services.registration_cancel(registration=first, event=event)
    run_worker()

    assert "1" in waiting.get_body(preferencelist=("plain",)).get_content()
    assert not list(waiting.iter_attachments())
    [promoted] = smtp.to("pupil1@example.org")
    assert "Место освободилось" in promoted["Subject"]
    assert calendar_of(promoted).walk("VEVENT")
    [cancelled] = smtp.to("pupil0@example.org")
    assert "отменена" in cancelled["Subject"]


def test_emails_come_in_the_recipients_language(make_event, pupils, smtp):
    pupils[0].language = "en"
    pupils[0].save()

    services.registration_create(event=make_event(), person=pupils[0])
    run_worker()

    [message] = smtp.to("pupil0@example.org")
    assert "You are registered" in message["Subject"]


def test_a_parent_who_registers_a_child_hears_too(make_event, people, smtp):
    parent = people["parent"]
    parent.email = "parent@example.org"
    parent.save()

    services.registration_create(event=make_event(), person=people["pupils"][0], by=parent)
    run_worker()

    [message] = smtp.to("parent@example.org")
    assert calendar_of(message).walk("VEVENT")
    assert Notification.objects.filter(recipient=parent).count() == 1


def test_a_guest_confirms_by_the_emailed_link_and_then_gets_the_confirmation(make_event, smtp):
    event = make_event(registration_access="public", capacity=3)
    client = Client()

    client.post(
        f"/api/events/{event.pk}/guest-registration",
        {"name": "Ольга", "email": "olga@example.org"},
        content_type="application/json",
    )
    run_worker()
    [invitation] = smtp.to("olga@example.org")
    link = re.search(r"https?://\S+/confirm/\S+/", invitation.get_body(("plain",)).get_content())
    path = "/" + link.group(0).split("/", 3)[3]
    smtp.clear()

    asked = client.get(path)
    confirmed = client.post(path)
    run_worker()

    assert asked.status_code == 200
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
    assert confirmed.status_code == 200
    [message] = smtp.to("olga@example.org")
    assert calendar_of(message).walk("VEVENT")


def test_a_retried_guest_email_is_sent_once(make_event, smtp):
    event = make_event(registration_access="public")
    registration, token = services.guest_registration_create(
        event=event, name="Ольга", email="olga@example.org"
    )
    services.guest_registration_confirm(event=event, raw_token=token)
    run_worker()
    smtp.clear()

    guest_email_send.call(registration.pk, "confirmed")

    assert smtp.messages == []


def test_a_refusing_mail_server_is_tried_again_later(make_event, smtp):
    event = make_event(registration_access="public")
    registration, token = services.guest_registration_create(
        event=event, name="Ольга", email="olga@example.org"
    )
    smtp.refuse = True

    result = guest_email_send.call(registration.pk, "waiting")
    smtp.refuse = False
    again = guest_email_send.call(registration.pk, "waiting")

    assert result.startswith("attempt 1 failed")
    assert again == "sent"
    assert len(smtp.to("olga@example.org")) == 1
