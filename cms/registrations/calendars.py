"""Calendar files (iCalendar, written by `cms.core.ics`) about registrations: the event one is
registered for, with a reminder and the check-in code, and the moment registration opens."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Alarm

from cms.core.ics import ics_calendar, ics_event

from .events import RegistrableEvent, reminder_offsets

__all__ = [
    "ICS_MIMETYPE",
    "notification_attachments",
    "registration_ics",
    "registration_window_ics",
]

ICS_MIMETYPE = "text/calendar"
PRODID = "-//Lyceum digital coworking space//Registrations//RU"
# Without the event's own reminder hours, the calendar reminds an hour before.
DEFAULT_ALARM_HOURS = 1
WINDOW_ALARM = timedelta(minutes=10)


def _domain() -> str:
    return settings.PUBLIC_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def _page_url(event) -> str:
    url = event.get_url() if hasattr(event, "get_url") else ""
    return settings.PUBLIC_BASE_URL + url if url and url.startswith("/") else (url or "")


def _location(event) -> str:
    place, online = getattr(event, "place", ""), getattr(event, "online_url", "")
    return f"{place} ({online})" if place and online else (place or online)


def _alarm(*, before: timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before)
    return alarm


def registration_ics(*, registration, event: RegistrableEvent, now: datetime) -> bytes:
    """The event as one calendar entry for a registrant: the check-in code in its description
    and a reminder as long before the start as the event's first reminder."""
    url = _page_url(event)
    code = _("Код для входа: %(code)s") % {"code": registration.code}
    entry = ics_event(
        uid=f"registration-{registration.pk}@{_domain()}",
        stamp=now,
        start=event.start,
        end=event.end,
        summary=event.title,
        description="\n\n".join(part for part in (code, url) if part),
        location=_location(event),
        url=url,
    )
    hours = (reminder_offsets(event.reminder_hours) or [DEFAULT_ALARM_HOURS])[-1]
    entry.add_component(
        _alarm(before=timedelta(hours=hours), text=_("Скоро: %(title)s") % {"title": event.title})
    )
    return ics_calendar(prodid=PRODID, events=[entry]).to_ical()


def registration_window_ics(*, event: RegistrableEvent, url: str, now: datetime) -> bytes:
    """The moment registration opens, as a short calendar entry with a reminder just before."""
    entry = ics_event(
        uid=f"registration-opens-{event.translation_key}@{_domain()}",
        stamp=now,
        start=event.registration_opens,
        end=event.registration_opens + timedelta(minutes=15),
        summary=_("Открывается регистрация: %(title)s") % {"title": event.title},
        description=url,
        url=url,
    )
    entry.add_component(
        _alarm(
            before=WINDOW_ALARM,
            text=_("Скоро откроется регистрация: %(title)s") % {"title": event.title},
        )  # fmt: skip
    )
    return ics_calendar(prodid=PRODID, events=[entry]).to_ical()


def notification_attachments(notification) -> list[tuple[str, bytes, str]]:
    """The calendar entries a registration notification's email carries: one for each
    confirmed registration of its event held by (or made by) the recipient."""
    from django.utils import timezone

    from .models import Registration, RegistrationStatus
    from .selectors import registrable_event

    try:
        match = resolve(notification.url.split("?", 1)[0])
    except Resolver404:
        return []
    if match.view_name != "registrations:register":
        return []
    event = registrable_event(event_id=int(match.kwargs["event_id"]))
    if event is None:
        return []
    registrations = Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.CONFIRMED
    ).filter(person=notification.recipient) | Registration.objects.filter(
        event_id=event.pk,
        status=RegistrationStatus.CONFIRMED,
        registered_by=notification.recipient,
    )
    now = timezone.now()
    with override(getattr(notification.recipient, "language", None) or settings.LANGUAGE_CODE):
        return [
            (
                f"event-{registration.code}.ics",
                registration_ics(registration=registration, event=event, now=now),
                ICS_MIMETYPE,
            )  # fmt: skip
            for registration in registrations.order_by("pk")
        ]
