"""iCalendar (RFC 5545) files for events: one per event page, and one per events index."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["CalendarEvent", "calendar_ics", "fold_line", "ics_escape"]

PRODID = "-//Lyceum digital coworking space//Events//RU"
MAX_OCTETS = 75


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


def ics_escape(text: str) -> str:
    """A TEXT value escaped as RFC 5545, section 3.3.11 requires."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> list[str]:
    """Split a content line into physical lines of at most 75 octets (RFC 5545, 3.1).

    Continuation lines start with one space, which counts toward their 75 octets; a line
    is never split inside a UTF-8 character, so Cyrillic text stays valid.
    """
    parts: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, MAX_OCTETS
        current += char
        size += width
    parts.append(current)
    return parts


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: CalendarEvent) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_utc(event.stamp or event.start)}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        f"SUMMARY:{ics_escape(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{ics_escape(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{ics_escape(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(ics_escape(c) for c in event.categories))
    lines.append("END:VEVENT")
    return lines


def calendar_ics(events: Iterable[CalendarEvent], *, name: str = "") -> bytes:
    """A VCALENDAR with the events, times in UTC, CRLF line ends, folded lines, UTF-8."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{ics_escape(name)}")
    for event in events:
        lines.extend(_event_lines(event))
    lines.append("END:VCALENDAR")
    physical = [part for line in lines for part in fold_line(line)]
    return ("\r\n".join(physical) + "\r\n").encode("utf-8")
