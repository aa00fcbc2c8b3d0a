"""What a person's calendar feed lists, gathered from the apps that know it.

An app with dated things a person takes part in (registrations for events, room bookings,
consultations) registers a source in its `AppConfig.ready`:

    register_calendar_source(registrations_calendar)   # fn(person) -> iterable of CalendarEntry

Until such apps exist the feed is a valid, empty calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

__all__ = ["CalendarEntry", "calendar_sources", "register_calendar_source"]


@dataclass(frozen=True)
class CalendarEntry:
    """One event of the feed. `uid` must be stable and unique across the site (such as
    `registration-42`): calendar apps update the event they already have by it. Times are
    aware datetimes (the feed writes them in UTC); `end` may be None for a moment in time."""

    uid: str
    title: str
    start: datetime
    end: datetime | None = None
    location: str = ""
    url: str = ""
    description: str = ""


CalendarSource = Callable[[object], Iterable[CalendarEntry]]
_sources: list[CalendarSource] = []


def register_calendar_source(source: CalendarSource) -> None:
    """Add `source(person)` to every person's feed; registering it twice adds it once."""
    if source not in _sources:
        _sources.append(source)


def unregister_calendar_source(source: CalendarSource) -> None:
    if source in _sources:
        _sources.remove(source)


def calendar_sources() -> list[CalendarSource]:
    return list(_sources)
