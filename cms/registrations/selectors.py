"""Reads for registrations: which page is a registrable event, where its places stand, who
waits where, who may be named in public, and everything one person (or their children) holds.

The API, the no-JavaScript pages and the emails all read through here, so they never disagree.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from .events import RegistrableEvent, Window
from .models import ACTIVE, EventPlaces, Registration, RegistrationStatus
from .questions import Question, questions_of
from .rules import guests_welcome, may_register

__all__ = [
    "EventState",
    "questions_of",
    "PersonState",
    "event_state",
    "forget_events",
    "moscow_time",
    "participants_public",
    "registrable_event",
    "registration_active_for",
    "registration_by_token",
    "registrations_for_person",
    "waiting_position",
]

# The public list is for a glance at who comes, not a directory: a bounded number of names.
MAX_PUBLIC_NAMES = 300


def _is_event(page) -> bool:
    return hasattr(page, "registration_opens") and hasattr(page, "registration_class_ids")


# A popular event is asked for hundreds of times a second when registration opens; its page
# is read once per process every few seconds (and at once again after any publish, unpublish
# or change of who may view a page, `forget_events`).
EVENT_SECONDS = 5.0
_events: dict[int, tuple[float, RegistrableEvent | None]] = {}


def forget_events(**kwargs) -> None:
    _events.clear()


def registrable_event(*, event_id: int) -> RegistrableEvent | None:
    """The live, public event page `event_id`, or None (drafts, private pages and other
    pages are never revealed)."""
    now = time.monotonic()
    cached = _events.get(event_id)
    if cached is not None and now - cached[0] < EVENT_SECONDS:
        return cached[1]
    event = _registrable_event(event_id)
    if len(_events) > 1000:
        _events.clear()
    _events[event_id] = (now, event)
    return event


def _registrable_event(event_id: int) -> RegistrableEvent | None:
    """The page behind `registrable_event`.

    Every translation of an event shares one registration: the English page of an event
    counts the same places as the Russian one, so a translation resolves to its page in the
    default language when that page is live and public.
    """
    page = Page.objects.live().public().filter(pk=event_id).first()
    if page is None:
        return None
    page = page.specific
    if not _is_event(page):
        return None
    if page.locale.language_code != settings.LANGUAGE_CODE:
        source = (
            Page.objects.live()
            .public()
            .filter(
                translation_key=page.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .first()
        )
        if source is not None and _is_event(source.specific):
            return source.specific
    return page


def waiting_position(registration: Registration) -> int | None:
    """1 for the first in line; None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITING
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registration_by_token(*, event: RegistrableEvent, raw_token: str) -> Registration | None:
    """The guest registration waiting for the confirmation link `raw_token`."""
    from .services import token_hash

    return Registration.objects.filter(
        event_id=event.pk,
        status=RegistrationStatus.UNCONFIRMED,
        confirmation_token_hash=token_hash(raw_token),
    ).first()


def registration_active_for(*, event: RegistrableEvent, person) -> Registration | None:
    return Registration.objects.filter(event_id=event.pk, person=person, status__in=ACTIVE).first()


def participants_public(*, event: RegistrableEvent) -> list[str]:
    """The names of registrants who chose to appear on the public list, as an anonymous
    reader may see them: a pupil as their consent allows, a guest by first name only."""
    from cms.users.selectors import display_name_for

    registrations = (
        Registration.objects.filter(
            event_id=event.pk,
            public_listing=True,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING),
        )
        .select_related("person", "person__school_class")
        .order_by("created_at", "pk")[:MAX_PUBLIC_NAMES]
    )
    names = []
    for registration in registrations:
        if registration.person is not None:
            names.append(display_name_for(person=registration.person, viewer=None))
        else:
            names.append((registration.guest_name.split() or [""])[0])
    return [name for name in names if name]


@dataclass(frozen=True)
class PersonState:
    """One person's standing for an event, as they (or their parent) see it."""

    person_id: int
    name: str
    may_register: bool
    registration: Registration | None
    position: int | None

    def as_json(self) -> dict:
        registration = self.registration
        confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
        return {
            "id": self.person_id,
            "name": self.name,
            "may_register": self.may_register,
            "status": registration.status if registration else None,
            "position": self.position,
            "code": registration.code if confirmed else None,
            "answers": registration.answers if registration else {},
            "public_listing": registration.public_listing if registration else False,
            "attended": bool(registration and registration.attended_at),
        }


@dataclass(frozen=True)
class EventState:
    """Where an event's registration stands now, for everyone and for one viewer."""

    event: RegistrableEvent
    window: str
    capacity: int | None
    taken: int
    waiting: int
    questions: list[Question]
    participants: list[str]
    guests_welcome: bool
    me: PersonState | None = None
    children: list[PersonState] = field(default_factory=list)

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    def as_json(self) -> dict:
        event = self.event
        return {
            "event": {
                "id": event.pk,
                "title": event.title,
                "start": _iso(event.start),
                "end": _iso(event.end),
            },
            "window": {
                "state": self.window,
                "opens": _iso(event.registration_opens),
                "closes": _iso(event.registration_closes),
            },
            "capacity": self.capacity,
            "taken": self.taken,
            "free": self.free,
            "waiting": self.waiting,
            "moderated": bool(event.registration_moderated),
            "guests_welcome": self.guests_welcome,
            "questions": [question.as_json() for question in self.questions],
            "participants": self.participants,
            "me": self.me.as_json() if self.me else None,
            "children": [child.as_json() for child in self.children],
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _person_state(*, event, person, viewer) -> PersonState:
    from cms.users.selectors import display_name_for

    registration = registration_active_for(event=event, person=person)
    return PersonState(
        person_id=person.pk,
        name=display_name_for(person=person, viewer=viewer),
        may_register=may_register(by=viewer, person=person, event=event),
        registration=registration,
        position=waiting_position(registration) if registration else None,
    )


def event_state(*, event: RegistrableEvent, viewer=None, now: datetime | None = None) -> EventState:
    """The live state of `event`; with `viewer` signed in, also their own standing and their
    children's."""
    from cms.users.selectors import children_of

    taken = EventPlaces.objects.filter(event_id=event.pk).values_list("taken", flat=True).first()
    waiting = Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.WAITING
    ).count()
    me, children = None, []
    if viewer is not None and viewer.is_authenticated:
        me = _person_state(event=event, person=viewer, viewer=viewer)
        children = [
            _person_state(event=event, person=child, viewer=viewer)
            for child in children_of(parent=viewer).select_related("school_class")
            if viewer.has_perm("users.view_person", child)
        ]
    return EventState(
        event=event,
        window=Window.of(event, now or timezone.now()).state,
        capacity=event.capacity,
        taken=taken or 0,
        waiting=waiting,
        questions=questions_of(event),
        participants=participants_public(event=event),
        guests_welcome=guests_welcome(event),
        me=me,
        children=children,
    )


def registrations_for_person(*, person, limit: int = 200) -> list[Registration]:
    """`person`'s registrations and their children's (not the cancelled ones), soonest event
    first, each with `.page` (the event) and `.position` set."""
    from cms.users.selectors import children_of

    ids = [person.pk, *children_of(parent=person).values_list("pk", flat=True)]
    registrations = list(
        Registration.objects.filter(person_id__in=ids)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("person", "person__school_class")
        .order_by("-created_at", "-pk")[:limit]
    )
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in={r.event_id for r in registrations}).specific()
    }
    kept = []
    for registration in registrations:
        page = pages.get(registration.event_id)
        if page is None or not _is_event(page):
            continue
        registration.page = page
        registration.position = waiting_position(registration)
        kept.append(registration)
    kept.sort(key=lambda r: (r.page.start, r.pk))
    return kept


def moscow_time(moment: datetime) -> str:
    """A moment as the school reads it (the site's time zone): «25 ноября 2026, 15:00»."""
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "j E Y, H:i")
