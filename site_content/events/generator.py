"""The project event generator: a teacher's short form becomes a draft event page made from the
template of its kind, submitted to the moderation workflow; the teacher hears when it is live."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from anyascii import anyascii
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from cms.notifications.email import recipient_language
from cms.notifications.services import notification_send
from cms.registrations.rules import is_organiser
from site_content.taxonomy.models import EventType

from .models import (
    CHALLENGE_KINDS,
    EventIndexPage,
    EventKind,
    EventPage,
    EventTemplate,
    GeneratedEvent,
)

__all__ = [
    "Challenge",
    "EventRequest",
    "event_generate",
    "event_template_for",
    "generated_event_published",
]

# The event type a kind is filed under when its template names none.
KIND_EVENT_TYPES = {
    EventKind.HACKATHON: "hackathon",
    EventKind.PROBLEM_SESSION: "problem-session",
    EventKind.DEFENCE_DAY: "project-defence",
    EventKind.CONFERENCE: "conference",
    EventKind.MASTER_CLASS: "master-class",
}


@dataclass(frozen=True)
class Challenge:
    title: str
    statement: str
    partner_id: int | None = None


@dataclass(frozen=True)
class EventRequest:
    """What the teacher filled in."""

    kind: str
    title: str
    start: datetime
    end: datetime | None = None
    place: str = ""
    audience: tuple = ()
    capacity: int | None = None
    challenges: tuple[Challenge, ...] = field(default_factory=tuple)


def event_template_for(*, kind: str, locale=None) -> EventTemplate | None:
    """The template of `kind` in `locale` (the Russian one, or any, when there is none)."""
    templates = EventTemplate.objects.filter(kind=kind).select_related("locale", "event_type")
    if locale is not None:
        found = templates.filter(locale=locale).first()
        if found is not None:
            return found
    return templates.filter(locale__language_code="ru").first() or templates.first()


def _unique_slug(index: EventIndexPage, title: str) -> str:
    base = (slugify(anyascii(title)) or "event")[:70].strip("-") or "event"
    taken = set(index.get_children().values_list("slug", flat=True))
    taken |= EventIndexPage.reserved_child_slugs()
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _programme(template: EventTemplate | None, start: datetime, end: datetime) -> list[dict]:
    """The template's sessions placed on the event's dates (Moscow time)."""
    if template is None:
        return []
    local_start = timezone.localtime(start)
    several_days = timezone.localtime(end).date() > local_start.date()
    sessions = []
    for block in template.programme:
        value = block.value
        day = int(value.get("day") or 1)
        begins = local_start + timedelta(days=day - 1, minutes=int(value.get("starts_after") or 0))
        session = {
            "day": begins.date().isoformat() if several_days else None,
            "starts": begins.strftime("%H:%M:%S"),
            "ends": None,
            "title": value.get("title", ""),
            "speakers": "",
            "place": value.get("place", ""),
            "description": value.get("description", ""),
        }
        duration = value.get("duration")
        if duration:
            finishes = begins + timedelta(minutes=int(duration))
            if finishes.date() == begins.date():
                session["ends"] = finishes.strftime("%H:%M:%S")
        sessions.append({"type": "session", "value": session})
    return sessions


def _copy_stream(stream) -> list[dict]:
    """A stream's blocks without their ids, so the page's blocks get ids of their own."""
    return [{"type": block["type"], "value": block["value"]} for block in stream.raw_data]


def _window(template: EventTemplate | None, start: datetime, now: datetime):
    opens_days = template.registration_opens_days if template else 14
    closes_hours = template.registration_closes_hours if template else 2
    opens = max(now, start - timedelta(days=opens_days))
    closes = start - timedelta(hours=closes_hours)
    if closes <= opens:
        closes = start
    return opens, closes


def _event_type(template: EventTemplate | None, kind: str, locale) -> EventType | None:
    if template is not None and template.event_type_id:
        return template.event_type
    slug = KIND_EVENT_TYPES.get(kind)
    return (
        EventType.objects.filter(slug=slug, locale=locale).first()
        or EventType.objects.filter(slug=slug).first()
    )


def event_generate(*, by, index: EventIndexPage, request: EventRequest) -> EventPage:
    """Make a draft event page from the template of `request.kind` under `index`, owned by
    `by`, and submit it to the moderation workflow (a page without one stays a draft)."""
    if not is_organiser(by):
        raise PermissionDenied
    template = event_template_for(kind=request.kind, locale=index.locale)
    now = timezone.now()
    duration = timedelta(hours=template.duration_hours if template else 3)
    end = request.end or request.start + duration
    opens, closes = _window(template, request.start, now)
    team_event = request.kind in CHALLENGE_KINDS
    page = EventPage(
        title=request.title.strip(),
        slug=_unique_slug(index, request.title),
        lead=(template.lead if template else ""),
        event_type=_event_type(template, request.kind, index.locale),
        start=request.start,
        end=end,
        place=request.place.strip() or (template.place if template else ""),
        capacity=request.capacity if request.capacity else (template and template.capacity),
        registration_opens=opens,
        registration_closes=closes,
        registration_access=template.registration_access if template else "signed_in",
        registration_moderated=template.registration_moderated if template else False,
        reminder_hours=template.reminder_hours if template else "24,1",
        team_size_min=template.team_size_min if template and team_event else None,
        team_size_max=template.team_size_max if template and team_event else None,
        owner=by,
        live=False,
        locale=index.locale,
    )
    page.programme = _programme(template, request.start, end)
    page.body = _copy_stream(template.body) if template else []
    page.registration_questions = _copy_stream(template.registration_questions) if template else []
    page.challenges = [
        {
            "type": "challenge",
            "value": {
                "title": challenge.title.strip(),
                "statement": challenge.statement.strip(),
                "partner": challenge.partner_id,
            },
        }
        for challenge in (request.challenges if team_event else ())
    ]
    page.audience = list(request.audience)
    with transaction.atomic():
        index.add_child(instance=page)
        revision = page.save_revision(user=by, log_action=True)
        page.latest_revision = revision
        GeneratedEvent.objects.create(
            page=page, requested_by=by, template=template, kind=request.kind
        )
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, by)
    return page


def generated_event_published(*, page) -> bool:
    """Tell the teacher who generated `page` that it is live; once, however often it is
    published again. Returns whether a notification went out."""
    record = GeneratedEvent.objects.filter(pk=page.pk).select_related("requested_by").first()
    if record is None or record.requested_by is None or record.published_notified_at:
        return False
    claimed = GeneratedEvent.objects.filter(pk=page.pk, published_notified_at__isnull=True).update(
        published_notified_at=timezone.now()
    )
    if not claimed:
        return False
    teacher = record.requested_by
    with override(recipient_language(teacher)):
        notification_send(
            recipient=teacher,
            kind="event_published",
            title=_("Событие «%(title)s» опубликовано") % {"title": page.title},
            body=_("Страница события видна всем; регистрация работает по её настройкам."),
            url=page.url or "",
        )
    return True
