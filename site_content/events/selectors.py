"""Reads for events: the clock, upcoming and past listings, registration state, calendars.

"Upcoming" and "past" are decided when the static site is built, against `events_now()`.
The site is rebuilt whenever an editor publishes, and `manage.py publish` run once a day
(cron or a systemd timer) moves finished events to the past and updates the registration
notes even on days nobody publishes anything. Tests replace `events_now` to fix the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.core.build_cache import per_index

from .ics import CalendarEvent

if TYPE_CHECKING:
    from publish.site_index import SiteIndex

    from .models import EventPage

__all__ = [
    "EVENT_TIME_ZONE",
    "EventItem",
    "EventListing",
    "Registration",
    "event_calendar_entry",
    "event_listing",
    "event_registration",
    "events_now",
    "moscow_time",
]

EVENT_TIME_ZONE = ZoneInfo("Europe/Moscow")


def events_now() -> datetime:
    """The moment listings and registration notes are computed for: the build's clock."""
    return timezone.now()


def moscow_time(moment: datetime) -> str:
    """A moment as readers in St. Petersburg read it: «25 ноября 2026, 15:00»."""
    return date_format(moment.astimezone(EVENT_TIME_ZONE), "j E Y, H:i")


@dataclass(frozen=True)
class Registration:
    """Where an event's registration stands at build time, and the note for readers without
    JavaScript. `state` is none, not_open, open or closed: only what the dates decide. Free
    places, "full" and the waiting list change with every registration, so only the
    registration widget (from the API) and the registration page say them."""

    state: str
    message: str

    @property
    def has_widget(self) -> bool:
        return self.state != "none"


def event_registration(*, event: EventPage, now: datetime) -> Registration:
    """The registration state of an event at `now`."""
    if not event.registration_opens or not event.registration_closes:
        return Registration("none", _("Регистрация не нужна: вход свободный."))
    if now >= event.registration_closes or now >= event.end:
        return Registration("closed", _("Регистрация закрыта."))
    if now < event.registration_opens:
        return Registration(
            "not_open",
            _("Регистрация откроется %(when)s (МСК).")
            % {"when": moscow_time(event.registration_opens)},
        )
    return Registration(
        "open",
        _(
            "Регистрация открыта до %(when)s (МСК). Свободные места и форма — на странице "
            "регистрации."
        )
        % {"when": moscow_time(event.registration_closes)},
    )


@dataclass(frozen=True)
class EventItem:
    """A public event and its address, as the listings show it."""

    page: EventPage
    url: str
    type_label: str
    type_slug: str
    is_ongoing: bool = False


@dataclass(frozen=True)
class EventListing:
    """Events still to come (soonest first) and events that are over (latest first)."""

    upcoming: list[EventItem]
    past: list[EventItem]


def event_listing(
    *,
    index_id: int,
    index: SiteIndex,
    now: datetime,
    labels,
    event_type: str | None = None,
) -> EventListing:
    """The public events under an index, split at `now`; `event_type` is a type's slug.

    An event is upcoming until it ends. Ties are broken by page id, so two builds of the same
    content list events in the same order.
    """
    from .models import EventPage

    urls = {info.id: info.url for info in index.children_of(index_id)}
    # The index page, its calendar and each type's page list the same events: read them once.
    pages = per_index(
        index,
        ("events under", index_id),
        lambda: list(EventPage.objects.filter(pk__in=list(urls)).select_related("event_type")),
    )
    if event_type is not None:
        pages = [p for p in pages if p.event_type is not None and p.event_type.slug == event_type]
    items = []
    for page in pages:
        term = page.event_type
        items.append(
            EventItem(
                page=page,
                url=urls[page.pk],
                type_label=labels.label(term) if term else "",
                type_slug=term.slug if term else "",
                is_ongoing=page.start <= now < page.end,
            )
        )
    upcoming = sorted(
        (i for i in items if i.page.end > now), key=lambda i: (i.page.start, i.page.pk)
    )
    past = sorted(
        (i for i in items if i.page.end <= now),
        key=lambda i: (i.page.start, i.page.pk),
        reverse=True,
    )
    return EventListing(upcoming=upcoming, past=past)


def event_calendar_entry(*, event: EventPage, url: str, type_label: str = "") -> CalendarEvent:
    """An event as a calendar entry; its UID stays the same across edits and translations."""
    location = event.place
    if event.online_url:
        location = f"{location} ({event.online_url})" if location else event.online_url
    description = "\n\n".join(part for part in (event.lead, settings.PUBLIC_BASE_URL + url) if part)
    return CalendarEvent(
        uid=f"event-{event.translation_key}@{_uid_domain()}",
        start=event.start,
        end=event.end,
        summary=event.title,
        description=description,
        location=location,
        url=settings.PUBLIC_BASE_URL + url,
        categories=(type_label,) if type_label else (),
        stamp=event.last_published_at or event.first_published_at,
    )


def _uid_domain() -> str:
    return settings.PUBLIC_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
