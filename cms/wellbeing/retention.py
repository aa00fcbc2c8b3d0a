"""Requests to the psychologist do not stay forever: `HELP_RETENTION_DAYS` (one school year by
default) after a request was written, it goes with its replies, whatever happened since.
Counting from the day it was written, not from the last reply, gives every request a date it
is gone by that its author can be told in advance. The access log keeps only numbers, so it
stays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import HelpReply, HelpRequest

__all__ = ["Purged", "help_requests_purge", "help_requests_purge_old"]


@dataclass(frozen=True)
class Purged:
    requests: int
    replies: int
    days: int


def help_requests_purge(*, older_than_days: int, dry_run: bool = False, now=None) -> Purged:
    """Delete (or, in a dry run, count) the requests written more than `older_than_days` ago."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    with transaction.atomic():
        due = HelpRequest.objects.filter(created_at__lt=cutoff)
        outcome = Purged(
            requests=due.count(),
            replies=HelpReply.objects.filter(request__in=due).count(),
            days=older_than_days,
        )
        if not dry_run:
            due.delete()
    return outcome


@task(backend="background")
def help_requests_purge_old(older_than_days: int | None = None) -> str:
    """The scheduled form of `manage.py purge_help_requests` (enqueue it daily)."""
    days = settings.HELP_RETENTION_DAYS if older_than_days is None else older_than_days
    done = help_requests_purge(older_than_days=days)
    return f"{done.requests} help requests and {done.replies} replies deleted"
