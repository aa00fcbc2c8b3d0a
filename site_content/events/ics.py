"""iCalendar (RFC 5545) files for events: one per event page, and one per events index."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from cms.core.ics import ics_calendar, ics_event

__all__ = ["CalendarEvent", "calendar_ics"]

PRODID = "-//Lyceum digital coworking space//Events//RU"


@dataclass(frozen=True)
class CalendarEvent:
    """What a calendar application needs to know about one event."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    stamp: datetime | None = None


def calendar_ics(events: Iterable[CalendarEvent], *, name: str = "") -> bytes:
    """A VCALENDAR with the events, times in UTC, CRLF line ends, folded lines, UTF-8."""
    entries = [
        ics_event(
            uid=event.uid,
            stamp=event.stamp or event.start,
            start=event.start,
            end=event.end,
            summary=event.summary,
            description=event.description,
            location=event.location,
            url=event.url,
            categories=event.categories,
        )
        for event in events
    ]
    return ics_calendar(prodid=PRODID, name=name, events=entries).to_ical()
