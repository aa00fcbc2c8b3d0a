"""Calendar files (iCalendar) of meetings: an invitation (METHOD:REQUEST), a move (REQUEST
again, with the next SEQUENCE) and a cancellation (METHOD:CANCEL, STATUS:CANCELLED), all with
one stable UID per meeting, `meeting-<pk>@<host>`, and times in UTC; and the meetings of a
person's calendar feed.

A confidential meeting is «Консультация» in every calendar, whoever reads it: a calendar is
shared, synced and shown on lock screens.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import vCalAddress, vText

from cms.calendars.sources import CalendarEntry, register_calendar_source
from cms.core.ics import ics_calendar, ics_event

from .models import Meeting, MeetingParticipant, MeetingStatus, ParticipantStatus

__all__ = [
    "ICS_MIMETYPE",
    "meeting_ics",
    "meeting_title_for_outside",
    "meeting_uid",
    "meetings_calendar",
    "notification_attachments",
]

ICS_MIMETYPE = "text/calendar"
PRODID = "-//Lyceum digital coworking space//Meetings//RU"
# How far back the feed lists meetings.
FEED_PAST = timedelta(days=30)


def _domain() -> str:
    return urlsplit(settings.PUBLIC_BASE_URL).hostname or "localhost"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{_domain()}"


def meeting_title_for_outside(meeting: Meeting) -> str:
    """The title in emails, notifications and calendars: «Консультация» when confidential."""
    return _("Консультация") if meeting.confidential else meeting.title


def meeting_ics(
    *, meeting: Meeting, cancel: bool = False, attendee: str = "", url: str = ""
) -> bytes:
    """The meeting as a calendar request (or cancellation) for one attendee's mailbox."""
    entry = ics_event(
        uid=meeting_uid(meeting),
        stamp=timezone.now(),
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=meeting_title_for_outside(meeting),
        description="" if meeting.confidential else meeting.description,
        url=url,
    )
    entry.add("sequence", meeting.sequence)
    entry.add("status", "CANCELLED" if cancel else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].strip('> ')}")
    organizer.params["cn"] = vText(_("Цифровое пространство лицея"))
    entry.add("organizer", organizer)
    if attendee:
        address = vCalAddress(f"mailto:{attendee}")
        address.params["role"] = vText("REQ-PARTICIPANT")
        entry.add("attendee", address)
    calendar = ics_calendar(prodid=PRODID, events=[entry])
    calendar["method"] = "CANCEL" if cancel else "REQUEST"
    return calendar.to_ical()


def _meeting_id_of(url: str) -> int | None:
    values = parse_qs(urlsplit(url or "").query).get("meeting") or []
    return int(values[0]) if values and values[0].isdigit() else None


def notification_attachments(notification) -> list[tuple[str, bytes, str]]:
    """The calendar file an invitation, move or cancellation email carries."""
    from . import kinds

    meeting_id = _meeting_id_of(notification.url)
    if meeting_id is None:
        return []
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return []
    recipient = notification.recipient
    if (
        meeting.host_id != recipient.pk
        and not MeetingParticipant.objects.filter(meeting=meeting, person=recipient).exists()
    ):
        return []
    cancel = notification.kind == kinds.CANCELLED.code
    if not cancel and meeting.status == MeetingStatus.CANCELLED:
        return []
    language = getattr(recipient, "language", "") or settings.LANGUAGE_CODE
    with override(language):
        content = meeting_ics(
            meeting=meeting,
            cancel=cancel,
            attendee=recipient.email,
            url=settings.PUBLIC_BASE_URL + notification.url,
        )
    return [(f"meeting-{meeting.pk}.ics", content, ICS_MIMETYPE)]


# Who has a meeting in their calendar: its host, and participants who accepted or are in.
IN_FEED = (ParticipantStatus.ACCEPTED, ParticipantStatus.ADMITTED)


def meetings_calendar(person):
    """The person's meetings for the calendar feed: hosted, accepted or admitted to."""
    from django.db.models import Q

    from .selectors import meetings_url

    since = timezone.now() - FEED_PAST
    meetings = (
        Meeting.objects.filter(
            Q(host=person) | Q(participants__person=person, participants__status__in=IN_FEED)
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(starts_at__gte=since)
        .distinct()
        .order_by("starts_at", "pk")[:500]
    )
    language = getattr(person, "language", "") or settings.LANGUAGE_CODE
    for meeting in meetings:
        yield CalendarEntry(
            uid=meeting_uid(meeting),
            title=meeting_title_for_outside(meeting),
            start=meeting.starts_at,
            end=meeting.ends_at,
            url=settings.PUBLIC_BASE_URL + meetings_url(meeting_id=meeting.pk, language=language),
            description="" if meeting.confidential else meeting.description,
        )


register_calendar_source(meetings_calendar)
