"""The calendar feed in "download my data" and "delete my account" (`cms/users/personal_data.py`).

The export says whether a feed address exists and since when, never its token (a credential).
"""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import CalendarFeedToken
from .selectors import calendar_entries_for


def calendar_export(person) -> dict:
    feed = CalendarFeedToken.objects.filter(user=person).first()
    return {
        "feed_created_at": feed.created_at if feed else None,
        "entries": [
            {
                "title": entry.title,
                "start": entry.start,
                "end": entry.end,
                "location": entry.location,
                "url": entry.url,
            }
            for entry in calendar_entries_for(person=person)
        ],
    }


def calendar_erase(person) -> None:
    CalendarFeedToken.objects.filter(user=person).delete()


register_exporter("calendar", calendar_export, models=["calendars.CalendarFeedToken"])
register_eraser("calendar", calendar_erase, models=["calendars.CalendarFeedToken"])
