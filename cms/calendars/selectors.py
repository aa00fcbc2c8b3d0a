"""Reads of calendar feeds: which person a feed address belongs to, and the feed itself."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.core.ics import ics_calendar, ics_event
from cms.users.selectors import token_hash

from .models import CalendarFeedToken
from .sources import CalendarEntry, calendar_sources

__all__ = ["calendar_entries_for", "calendar_feed_for", "calendar_feed_owner", "calendar_ics"]


def calendar_feed_owner(*, raw_token: str):
    """The active person whose feed `raw_token` opens, or None (unknown, replaced, revoked).

    The lookup is by the token's SHA-256, so the time it takes tells nothing about the token:
    nobody can steer which stored hashes a guess is compared with.
    """
    if not raw_token or len(raw_token) > 100:
        return None
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw_token), user__is_active=True)
        .first()
    )
    return feed.user if feed else None


def calendar_feed_for(*, user) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user).first()


def calendar_entries_for(*, person) -> list[CalendarEntry]:
    """Everything `person` is registered for or invited to, from every source, by start."""
    entries = [entry for source in calendar_sources() for entry in source(person)]
    return sorted(entries, key=lambda entry: (_utc(entry.start), entry.uid))


def calendar_ics(*, person) -> bytes:
    """The person's feed as an iCalendar file, named in their language."""
    stamp = timezone.now()
    domain = urlsplit(settings.PUBLIC_BASE_URL).hostname or "localhost"
    events = [
        ics_event(
            # A UID is unique worldwide: the site's domain makes ours so.
            uid=entry.uid if "@" in entry.uid else f"{entry.uid}@{domain}",
            stamp=stamp,
            start=entry.start,
            end=entry.end,
            summary=entry.title,
            description=entry.description,
            location=entry.location,
            url=entry.url,
        )
        for entry in calendar_entries_for(person=person)
    ]
    with translation.override(person.language):
        name = _("Коворкинг лицея: мои события")
    prodid = f"-//{settings.WAGTAIL_SITE_NAME}//calendar//{person.language.upper()}"
    return ics_calendar(prodid=prodid, name=name, events=events).to_ical()


def _utc(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(UTC)
