"""Data retention: past events keep their counts and lose their registrants' personal data."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.registrations import services
from cms.registrations.models import EventTally, Registration, RegistrationStatus
from cms.registrations.retention import registrations_shred_old
from site_content.events.models import EventPage

pytestmark = pytest.mark.django_db

S = RegistrationStatus
QUESTIONS = [
    {"type": "short_text", "id": "q-diet", "value": {"label": "Питание", "required": False}}
]


def ended(event, days_ago: int):
    """Move an event (registered for while open) into the past."""
    end = timezone.now() - timedelta(days=days_ago)
    EventPage.objects.filter(pk=event.pk).update(
        start=end - timedelta(hours=3),
        end=end,
        registration_opens=end - timedelta(days=10),
        registration_closes=end - timedelta(days=1),
    )


@pytest.fixture
def past_event(make_event, people):
    """A public event two pupils and a guest registered for (one pupil waiting), ended 40 days
    ago; one pupil came."""
    event = make_event(
        "old", capacity=1, registration_access="public", registration_questions=QUESTIONS
    )
    first = services.registration_create(
        event=event, person=people["pupils"][0], answers={"q-diet": "без глютена"}
    ).registration
    services.registration_create(event=event, person=people["pupils"][1])
    guest, token = services.guest_registration_create(
        event=event, name="Гость Петров", email="guest@example.org", answers={"q-diet": "веган"}
    )
    services.guest_registration_confirm(event=event, raw_token=token)
    services.registration_check_in(event=event, code=first.code)
    ended(event, days_ago=40)
    return event


def shred(*args) -> str:
    out = StringIO()
    call_command("shred_event_data", *args, stdout=out)
    return out.getvalue()


def test_shredding_keeps_counts_and_removes_answers_and_guests(past_event):
    output = shred("--older-than", "30")

    tally = EventTally.objects.get(event_id=past_event.pk)
    assert tally.counts == {S.CONFIRMED: 1, S.WAITING: 2}
    assert tally.attended == 1
    left = Registration.objects.filter(event_id=past_event.pk)
    assert not left.filter(person__isnull=True).exists()
    assert not Registration.objects.filter(guest_email="guest@example.org").exists()
    assert list(left.values_list("answers", flat=True)) == [{}, {}]
    assert "1 events shredded" in output and "1 guest registrations removed" in output


def test_a_person_keeps_the_record_that_they_came(past_event, people):
    shred("--older-than", "30")

    mine = Registration.objects.get(event_id=past_event.pk, person=people["pupils"][0])
    assert mine.attended_at is not None


def test_shredding_again_changes_nothing(past_event):
    shred("--older-than", "30")
    tally = EventTally.objects.get(event_id=past_event.pk)

    output = shred("--older-than", "30")

    assert "0 events shredded" in output
    assert EventTally.objects.get(event_id=past_event.pk).counts == tally.counts


def test_a_dry_run_shows_the_counts_and_removes_nothing(past_event):
    output = shred("--older-than", "30", "--dry-run")

    assert "would shred" in output and "guests removed 1" in output
    assert not EventTally.objects.exists()
    assert Registration.objects.filter(guest_email="guest@example.org").exists()


def test_events_that_ended_recently_are_left_alone(past_event):
    output = shred("--older-than", "60")

    assert "0 events shredded" in output
    assert Registration.objects.get(guest_email="guest@example.org").answers == {"q-diet": "веган"}


def test_the_scheduled_task_uses_the_retention_setting(past_event, settings):
    settings.EVENT_DATA_RETENTION_DAYS = 30

    result = registrations_shred_old.call()

    assert result == "1 events shredded"
    assert EventTally.objects.filter(event_id=past_event.pk).exists()
