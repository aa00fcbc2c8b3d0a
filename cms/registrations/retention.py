"""Data retention: some time after an event, its registrations' personal data goes.

What goes: the answers, guests' names and email addresses (their registrations are deleted
outright), who registered whom, unused confirmation links and the record of reminders. What
stays: an `EventTally` of how many registered in each status and how many came, and a signed-in
person's own registration (status and attendance, with nothing they answered), which belongs
to their account and goes with it: it is what their cabinet lists as "events I attended".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from .models import EventTally, Registration, RegistrationReminder

__all__ = ["Shredded", "events_shred", "registrations_shred_old"]


@dataclass(frozen=True)
class Shredded:
    """What was (or, in a dry run, would be) removed for one event."""

    event_id: int
    title: str
    counts: dict[str, int]
    attended: int
    guests_deleted: int
    answers_cleared: int


def events_due(*, older_than_days: int, now=None) -> list:
    """Events with registrations, not yet shredded, that ended more than `older_than_days` ago."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    ids = (
        Registration.objects.exclude(event_id__in=EventTally.objects.values("event_id"))
        .values_list("event_id", flat=True)
        .distinct()
    )
    due = []
    for page in Page.objects.filter(pk__in=list(ids)).specific().order_by("pk"):
        end = getattr(page, "end", None) or getattr(page, "start", None)
        if end is not None and end < cutoff:
            due.append(page)
    return due


def _shred_one(event, *, dry_run: bool) -> Shredded:
    registrations = Registration.objects.filter(event_id=event.pk)
    counts = dict(
        registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    attended = registrations.filter(attended_at__isnull=False).count()
    guests = registrations.filter(person__isnull=True)
    people = registrations.filter(person__isnull=False)
    outcome = Shredded(
        event_id=event.pk,
        title=event.title,
        counts=counts,
        attended=attended,
        guests_deleted=guests.count(),
        answers_cleared=people.exclude(answers={}).count(),
    )
    if dry_run:
        return outcome
    EventTally.objects.create(event_id=event.pk, counts=counts, attended=attended)
    RegistrationReminder.objects.filter(registration__event_id=event.pk).delete()
    guests.delete()
    people.update(answers={}, registered_by=None, confirmation_token_hash="")
    return outcome


def events_shred(*, older_than_days: int, dry_run: bool = False, now=None) -> list[Shredded]:
    """Shred the personal data of every event that ended more than `older_than_days` ago.

    Each event in its own transaction, its tally written with the shredding: a run stopped
    halfway leaves every event either whole or shredded, and the next run carries on. An
    event already shredded is skipped, so running it again changes nothing.
    """
    done = []
    for event in events_due(older_than_days=older_than_days, now=now):
        with transaction.atomic():
            done.append(_shred_one(event, dry_run=dry_run))
    return done


@task(backend="background")
def registrations_shred_old(older_than_days: int | None = None) -> str:
    """The scheduled form of `manage.py shred_event_data` (enqueue it daily)."""
    days = settings.EVENT_DATA_RETENTION_DAYS if older_than_days is None else older_than_days
    done = events_shred(older_than_days=days)
    return f"{len(done)} events shredded"
