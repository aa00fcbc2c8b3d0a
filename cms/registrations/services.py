"""Writes for registrations: register, confirm, cancel, approve, promote, check in.

Every function that can change who holds a place runs in one transaction that first locks the
event's `EventPlaces` row (`_places_locked`), so the count and the waiting list change as one,
and capacity holds however many people press the button at once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .events import RegistrableEvent, Window
from .models import ACTIVE, EventPlaces, Registration, RegistrationStatus
from .questions import answers_clean
from .rules import may_register

__all__ = [
    "RegistrationError",
    "guest_registration_confirm",
    "guest_registration_create",
    "guest_registration_request",
    "registration_approve",
    "registration_cancel",
    "registration_check_in",
    "registration_create",
    "registration_decline",
    "registration_move",
    "waitlist_promote",
]

# Called with (registration, what) after a commit: "confirmed", "waiting", "promoted", …
# The tasks module subscribes to send emails; tests may subscribe too.
_listeners: list[Callable[[Registration, str], None]] = []


def on_registration_change(listener: Callable[[Registration, str], None]):
    _listeners.append(listener)
    return listener


def _tell(registration: Registration, what: str) -> None:
    for listener in list(_listeners):
        transaction.on_commit(lambda listener=listener: listener(registration, what))


class RegistrationError(Exception):
    """A registration the rules refuse; `code` for the API, `message` for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    created: bool


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _places_locked(event: RegistrableEvent) -> EventPlaces:
    """The event's places row, locked until the transaction ends."""
    EventPlaces.objects.get_or_create(event_id=event.pk)
    return EventPlaces.objects.select_for_update().get(event_id=event.pk)


def _window_open(event: RegistrableEvent) -> None:
    state = Window.of(event, timezone.now()).state
    if state == "none":
        raise RegistrationError("no_registration", _("На это событие регистрация не нужна."))
    if state == "not_open":
        raise RegistrationError("not_open", _("Регистрация ещё не открылась."))
    if state == "closed":
        raise RegistrationError("closed", _("Регистрация закрыта."))


def _has_room(event: RegistrableEvent, places: EventPlaces) -> bool:
    return event.capacity is None or places.taken < event.capacity


def _place(event: RegistrableEvent, places: EventPlaces, registration: Registration) -> None:
    """Give `registration` a place if one is free (pending when the organiser approves each),
    else a spot at the end of the waiting list."""
    if _has_room(event, places):
        registration.status = (
            RegistrationStatus.PENDING
            if event.registration_moderated
            else RegistrationStatus.CONFIRMED
        )
        places.taken += 1
        places.save(update_fields=["taken"])
    else:
        registration.status = RegistrationStatus.WAITING
    registration.status_changed_at = timezone.now()


def registration_create(
    *,
    event: RegistrableEvent,
    person,
    by=None,
    answers: dict | None = None,
    public_listing: bool = False,
) -> Outcome:
    """Register `person` (by themselves, or by `by`: their parent or an organiser).

    Registering again while registered returns the existing registration unchanged.
    """
    by = by or person
    if not may_register(by=by, person=person, event=event):
        raise PermissionDenied
    _window_open(event)
    clean = answers_clean(event=event, answers=answers or {})
    try:
        with transaction.atomic():
            places = _places_locked(event)
            existing = Registration.objects.filter(
                event_id=event.pk, person=person, status__in=ACTIVE
            ).first()
            if existing is not None:
                return Outcome(existing, created=False)
            registration = Registration(
                event_id=event.pk,
                person=person,
                registered_by=by if by.pk != person.pk else None,
                language=getattr(person, "language", "ru") or "ru",
                answers=clean,
                public_listing=public_listing,
            )
            _place(event, places, registration)
            registration.save()
            _tell(registration, registration.status)
            return Outcome(registration, created=True)
    except IntegrityError:
        # Only a unique code drawn twice gets here (the lock serialises one event's writes).
        return registration_create(
            event=event, person=person, by=by, answers=answers, public_listing=public_listing
        )


def guest_registration_create(
    *, event: RegistrableEvent, name: str, email: str, language: str = "ru",
    answers: dict | None = None, public_listing: bool = False,
) -> tuple[Registration, str | None]:  # fmt: skip
    """A visitor without an account asks for a place; it is theirs once they follow the link
    sent to `email` (double opt-in). Returns the registration and the raw token to email
    (None when this address already has an active registration: nothing new is sent)."""
    from .rules import guests_welcome

    if not guests_welcome(event):
        raise PermissionDenied
    _window_open(event)
    clean = answers_clean(event=event, answers=answers or {})
    email = email.strip()
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        _places_locked(event)
        existing = Registration.objects.filter(
            event_id=event.pk, person__isnull=True, guest_email__iexact=email, status__in=ACTIVE
        ).first()
        if existing is not None:
            if existing.status != RegistrationStatus.UNCONFIRMED:
                return existing, None
            existing.confirmation_token_hash = token_hash(raw)
            existing.save(update_fields=["confirmation_token_hash"])
            return existing, raw
        registration = Registration.objects.create(
            event_id=event.pk,
            guest_name=name.strip()[:150],
            guest_email=email,
            language=language,
            answers=clean,
            public_listing=public_listing,
            status=RegistrationStatus.UNCONFIRMED,
            confirmation_token_hash=token_hash(raw),
        )
    return registration, raw


def guest_registration_request(**kwargs) -> Registration:
    """`guest_registration_create`, then the link to confirm goes out by email (after the
    commit, by the task worker). Nothing is sent for an address already registered."""
    from .tasks import guest_link_send

    registration, raw = guest_registration_create(**kwargs)
    if raw is not None:
        transaction.on_commit(lambda: guest_link_send.enqueue(registration.pk, raw))
    return registration


def guest_registration_confirm(*, event: RegistrableEvent, raw_token: str) -> Registration:
    """The guest followed the emailed link: now they get a place or a spot in line."""
    hashed = token_hash(raw_token)
    with transaction.atomic():
        places = _places_locked(event)
        registration = Registration.objects.filter(
            event_id=event.pk, confirmation_token_hash=hashed
        ).first()
        if registration is None or not secrets.compare_digest(
            registration.confirmation_token_hash, hashed
        ):
            raise RegistrationError("invalid_link", _("Ссылка недействительна или устарела."))
        if registration.status != RegistrationStatus.UNCONFIRMED:
            return registration
        _window_open(event)
        _place(event, places, registration)
        registration.confirmation_token_hash = ""
        registration.save()
        _tell(registration, registration.status)
        return registration


def registration_cancel(*, registration: Registration, event: RegistrableEvent, by=None) -> None:
    """Cancel a registration (the person, their parent or an organiser); a freed place goes
    to the first person on the waiting list at once."""
    if timezone.now() >= event.start and not _is_organiser(by):
        raise RegistrationError("started", _("Событие уже началось: отменить нельзя."))
    with transaction.atomic():
        places = _places_locked(event)
        registration.refresh_from_db()
        if not registration.is_active:
            return
        _end(event, places, registration, RegistrationStatus.CANCELLED)
        _tell(registration, "cancelled")


def registration_move(
    *, registration: Registration, event: RegistrableEvent, to_event: RegistrableEvent
) -> Registration:
    """The organiser moves someone to another event: a place there (or the end of its waiting
    list), and the place left here goes to the first in line. Answers stay behind, since the
    other event asks its own questions. Returns the new registration."""
    if to_event.pk == event.pk:
        raise RegistrationError("same_event", _("Это то же самое событие."))
    with transaction.atomic():
        # Both events' rows, always in the same order, so two moves never wait for each other.
        locked = {e.pk: _places_locked(e) for e in sorted((event, to_event), key=lambda e: e.pk)}
        registration.refresh_from_db()
        if not registration.is_active:
            raise RegistrationError(
                "not_active", _("Перенести можно только действующую регистрацию.")
            )
        taken = Registration.objects.filter(event_id=to_event.pk, status__in=ACTIVE)
        if registration.person_id is not None:
            taken = taken.filter(person_id=registration.person_id)
        else:
            taken = taken.filter(person__isnull=True, guest_email__iexact=registration.guest_email)
        if taken.exists():
            raise RegistrationError(
                "already_registered", _("На то событие этот участник уже записан.")
            )
        moved = Registration(
            event_id=to_event.pk,
            person_id=registration.person_id,
            registered_by=registration.registered_by,
            guest_name=registration.guest_name,
            guest_email=registration.guest_email,
            language=registration.language,
            public_listing=registration.public_listing,
        )
        _place(to_event, locked[to_event.pk], moved)
        moved.save()
        _end(event, locked[event.pk], registration, RegistrationStatus.CANCELLED)
        _tell(registration, "moved")
        _tell(moved, moved.status)
        return moved


def registration_decline(*, registration: Registration, event: RegistrableEvent) -> None:
    """The organiser turns a pending (or waiting) registration down."""
    with transaction.atomic():
        places = _places_locked(event)
        registration.refresh_from_db()
        if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITING):
            raise RegistrationError(
                "not_pending", _("Отклонить можно только заявку, которая ждёт решения.")
            )
        _end(event, places, registration, RegistrationStatus.DECLINED)
        _tell(registration, "declined")


def _end(event, places: EventPlaces, registration: Registration, status: str) -> None:
    """Close `registration` with `status`; a place it held goes to the waiting list."""
    freed = registration.holds_place
    registration.status = status
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at"])
    if freed:
        places.taken -= 1
        places.save(update_fields=["taken"])
    _promote(event, places)


def registration_approve(*, registration: Registration, event: RegistrableEvent) -> None:
    """The organiser accepts a pending registration (its place is already held)."""
    with transaction.atomic():
        _places_locked(event)
        registration.refresh_from_db()
        if registration.status != RegistrationStatus.PENDING:
            raise RegistrationError(
                "not_pending", _("Одобрить можно только заявку, которая ждёт решения.")
            )
        registration.status = RegistrationStatus.CONFIRMED
        registration.status_changed_at = timezone.now()
        registration.save(update_fields=["status", "status_changed_at"])
        _tell(registration, "approved")


def waitlist_promote(*, event: RegistrableEvent) -> int:
    """Give free places to the waiting list in order (after capacity grew); how many moved."""
    with transaction.atomic():
        return _promote(event, _places_locked(event))


def _promote(event: RegistrableEvent, places: EventPlaces) -> int:
    moved = 0
    while _has_room(event, places):
        first = (
            Registration.objects.filter(event_id=event.pk, status=RegistrationStatus.WAITING)
            .order_by("created_at", "pk")
            .first()
        )
        if first is None:
            break
        _place(event, places, first)
        first.save(update_fields=["status", "status_changed_at"])
        _tell(first, "promoted")
        moved += 1
    return moved


def registration_check_in(*, event: RegistrableEvent, code: str) -> tuple[Registration, bool]:
    """Mark attendance by the code from the confirmation; returns (registration, first time)."""
    code = code.strip().upper().replace(" ", "").replace("-", "")
    registration = Registration.objects.filter(
        event_id=event.pk, code=code, status=RegistrationStatus.CONFIRMED
    ).first()
    if registration is None:
        raise RegistrationError(
            "unknown_code", _("Нет подтверждённой регистрации с таким кодом на это событие.")
        )
    marked = Registration.objects.filter(pk=registration.pk, attended_at__isnull=True).update(
        attended_at=timezone.now()
    )
    registration.refresh_from_db(fields=["attended_at"])
    return registration, bool(marked)


def _is_organiser(user) -> bool:
    from .rules import is_organiser

    return user is not None and is_organiser(user)
