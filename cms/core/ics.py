"""iCalendar (RFC 5545) for every .ics the project writes: the events' published files, a
person's calendar feed and the registration emails and pages. The `icalendar` package writes
them, so escaping, 75-octet folding and CRLF line ends are its business; these two functions
only keep one calendar shape and one event shape, with every time in UTC."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.utils import timezone
from icalendar import Calendar, Event, vText

__all__ = ["ics_calendar", "ics_event"]


def ics_calendar(*, prodid: str, name: str = "", events: Iterable[Event] = ()) -> Calendar:
    """A calendar to publish, named `name` in calendar apps, holding `events`."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        # The package writes an X- property it has no type for as is; a title with a comma,
        # semicolon or line break must be escaped as TEXT.
        calendar.add("x-wr-calname", vText(name))
    for event in events:
        calendar.add_component(event)
    return calendar


def ics_event(
    *,
    uid: str,
    stamp: datetime,
    start: datetime,
    end: datetime | None = None,
    summary: str,
    description: str = "",
    location: str = "",
    url: str = "",
    categories: Iterable[str] = (),
) -> Event:
    """One VEVENT. `stamp` is when its content last changed: a published file passes the page's
    publish time, so two builds of the same content write the same bytes."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", _utc(start))
    if end is not None:
        event.add("dtend", _utc(end))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    if categories := [category for category in categories if category]:
        event.add("categories", categories)
    return event


def _utc(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(UTC)
