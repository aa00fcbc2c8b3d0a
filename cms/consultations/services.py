"""Writes of consultations: publishing, changing and withdrawing hours, booking and cancelling
a slot, and the live queue (join, leave, the host's "next").

Booking relies on the database: a slot has at most one booking (a one-to-one row) and a
person at most one booking per hours (a unique constraint), so of twenty students pressing
"book" at once exactly one gets the slot, whichever gunicorn worker serves them. The queue's
"next" locks the first waiting entry with SKIP LOCKED, so two "next" at once call two people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.meetings.models import Meeting, MeetingStatus, ParticipantStatus
from cms.meetings.services import meeting_cancel, meeting_create, person_admit, room_of_person
from cms.notifications.services import notification_send
from cms.users.choices import RoleChoices
from cms.users.selectors import cabinet_url_for, display_name_for

from . import kinds
from .models import (
    HOURS_MAX_MINUTES,
    SLOT_MINUTES_MAX,
    SLOT_MINUTES_MIN,
    ConsultationBooking,
    ConsultationHours,
    ConsultationSlot,
    QueueEntry,
    QueueStatus,
)

__all__ = [
    "ConsultationError",
    "QueueCall",
    "booking_cancel",
    "hours_delete",
    "hours_publish",
    "hours_update",
    "queue_join",
    "queue_leave",
    "queue_take_next",
    "slot_book",
]


def meetings_url() -> str:
    """Where the notifications lead: the cabinet's meetings page, where the widget lives."""
    return f"{cabinet_url_for(language=(get_language() or 'ru')[:2])}meetings/"


class ConsultationError(Exception):
    """The rules refuse the change: `code` for programs, `message` for people, `field` when
    one input is at fault."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


@dataclass(frozen=True)
class QueueCall:
    """Whom the host's "next" called, and the meeting they are admitted to."""

    person: object
    meeting_id: int


def _cancel_meeting(meeting: Meeting | None) -> None:
    """Cancel a booked meeting the way every meeting is cancelled (the pupil gets the
    cancellation and their calendar drops the event): through the meetings app, in the
    host's name, whoever of the two cancelled the booking."""
    if meeting is None or meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.ENDED):
        return
    meeting_cancel(meeting=meeting, by=meeting.host)


def _check_period(*, starts_at: datetime, ends_at: datetime, slot_minutes: int) -> None:
    if not SLOT_MINUTES_MIN <= slot_minutes <= SLOT_MINUTES_MAX:
        raise ConsultationError(
            "invalid",
            _("Длина слота — от %(min)s до %(max)s минут.")
            % {"min": SLOT_MINUTES_MIN, "max": SLOT_MINUTES_MAX},
            field="slot_minutes",
        )
    if ends_at <= starts_at:
        raise ConsultationError("invalid", _("Конец должен быть позже начала."), field="ends_at")
    if ends_at - starts_at > timedelta(minutes=HOURS_MAX_MINUTES):
        raise ConsultationError(
            "invalid",
            _("Часы консультаций длятся не больше 8 часов. Разбейте их на несколько."),
            field="ends_at",
        )
    if ends_at - starts_at < timedelta(minutes=slot_minutes):
        raise ConsultationError(
            "invalid",
            _("В эти часы не помещается ни одного слота: сделайте слот короче."),
            field="slot_minutes",
        )
    if ends_at <= timezone.now():
        raise ConsultationError(
            "invalid", _("Эти часы уже прошли: выберите время в будущем."), field="starts_at"
        )


def _lock_host(host) -> None:
    """Serialise changes to one host's hours, so two at once cannot overlap (portable: a
    row lock on the host, not a PostgreSQL exclusion constraint)."""
    get_user_model().objects.select_for_update().filter(pk=host.pk).first()


def _check_no_overlap(*, host, starts_at, ends_at, exclude_pk=None) -> None:
    overlapping = ConsultationHours.objects.filter(
        host=host, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude_pk is not None:
        overlapping = overlapping.exclude(pk=exclude_pk)
    if overlapping.exists():
        raise ConsultationError(
            "overlap",
            _("В это время у вас уже есть часы консультаций. Выберите другое время."),
            field="starts_at",
        )


def _make_slots(hours: ConsultationHours) -> None:
    step = timedelta(minutes=hours.slot_minutes)
    starts, slots = hours.starts_at, []
    while starts + step <= hours.ends_at:
        slots.append(ConsultationSlot(hours=hours, starts_at=starts))
        starts += step
    ConsultationSlot.objects.bulk_create(slots)


@transaction.atomic
def hours_publish(
    *,
    host,
    starts_at: datetime,
    ends_at: datetime,
    slot_minutes: int = 15,
    place: str = "",
    notes: str = "",
) -> ConsultationHours:
    """Publish `host`'s consultation hours in their own room, cut into slots."""
    if not host.has_role(RoleChoices.TEACHER, RoleChoices.TUTOR, RoleChoices.PSYCHOLOGIST):
        raise ConsultationError(
            "forbidden", _("Часы консультаций публикуют учителя, тьюторы и психолог.")
        )
    _check_period(starts_at=starts_at, ends_at=ends_at, slot_minutes=slot_minutes)
    _lock_host(host)
    _check_no_overlap(host=host, starts_at=starts_at, ends_at=ends_at)
    hours = ConsultationHours.objects.create(
        host=host,
        room=room_of_person(person=host),
        starts_at=starts_at,
        ends_at=ends_at,
        slot_minutes=slot_minutes,
        place=place,
        notes=notes,
    )
    _make_slots(hours)
    return hours


@transaction.atomic
def hours_update(*, hours: ConsultationHours, by, **changes) -> ConsultationHours:
    """Change the place and notes at any time; the time and slot length only while nobody
    has booked (a booked student's meeting must not move under them)."""
    hours = ConsultationHours.objects.select_for_update().get(pk=hours.pk)
    for field in ("place", "notes"):
        if field in changes:
            setattr(hours, field, changes[field])
    timing = {
        field: changes[field]
        for field in ("starts_at", "ends_at", "slot_minutes")
        if field in changes and changes[field] != getattr(hours, field)
    }
    if timing:
        if hours.bookings.exists():
            raise ConsultationError(
                "has_bookings",
                _(
                    "На эти часы уже записались: время и длину слота поменять нельзя. "
                    "Отмените часы и опубликуйте новые."
                ),
            )
        for field, value in timing.items():
            setattr(hours, field, value)
        _check_period(
            starts_at=hours.starts_at, ends_at=hours.ends_at, slot_minutes=hours.slot_minutes
        )
        _lock_host(hours.host)
        _check_no_overlap(
            host=hours.host, starts_at=hours.starts_at, ends_at=hours.ends_at, exclude_pk=hours.pk
        )
        hours.slots.all().delete()
        _make_slots(hours)
    hours.save()
    return hours


@transaction.atomic
def hours_delete(*, hours: ConsultationHours, by) -> int:
    """Withdraw the hours: every booked meeting (and the live one) is cancelled, which tells
    the people who booked, with the calendar cancellation. Returns how many bookings there
    were."""
    hours = ConsultationHours.objects.select_for_update().get(pk=hours.pk)
    bookings = list(hours.bookings.select_related("meeting"))
    for booking in bookings:
        _cancel_meeting(booking.meeting)
    _cancel_meeting(hours.live_meeting)
    hours.delete()
    return len(bookings)


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


@transaction.atomic
def slot_book(*, slot: ConsultationSlot, person) -> ConsultationBooking:
    """Book `slot` for `person`: a meeting in the host's room for the slot's time, with the
    person admitted. The database decides who wins a slot wanted by many."""
    hours = slot.hours
    if hours.host_id == person.pk:
        raise ConsultationError("own_hours", _("Нельзя записаться на свои часы консультаций."))
    if slot.starts_at <= timezone.now():
        raise ConsultationError("past", _("Это время уже прошло. Выберите слот позже."))
    try:
        with transaction.atomic():
            booking = ConsultationBooking.objects.create(slot=slot, hours=hours, student=person)
    except IntegrityError:
        if ConsultationBooking.objects.filter(slot=slot).exists():
            raise ConsultationError(
                "taken", _("Этот слот уже занят. Выберите другое время.")
            ) from None
        raise ConsultationError(
            "already_booked",
            _("Вы уже записаны на эти часы. Чтобы выбрать другое время, отмените запись."),
        ) from None
    host_name = display_name_for(person=hours.host)
    booking.meeting = meeting_create(
        room=hours.room,
        host=hours.host,
        title=_("Консультация: %(name)s") % {"name": host_name},
        starts_at=slot.starts_at,
        duration_minutes=hours.slot_minutes,
        description=hours.place,
        participants=[person],
        participant_status=ParticipantStatus.ADMITTED,
        confidential=hours.host.has_role(RoleChoices.PSYCHOLOGIST),
    )
    booking.save(update_fields=["meeting"])
    notification_send(
        recipient=hours.host,
        kind=kinds.BOOKED.code,
        title=_("Запись на консультацию %(when)s") % {"when": _when(slot.starts_at)},
        body=_("%(name)s записался на консультацию.")
        % {"name": display_name_for(person=person, viewer=hours.host)},
        url=meetings_url(),
    )
    return booking


@transaction.atomic
def booking_cancel(*, booking: ConsultationBooking, by) -> None:
    """Cancel a booking (the person who booked, or the host): the slot is free again, the
    meeting is cancelled and the other side is told."""
    booking = (
        ConsultationBooking.objects.select_for_update(of=("self",))
        .select_related("hours__host", "student", "slot", "meeting")
        .get(pk=booking.pk)
    )
    hours = booking.hours
    _cancel_meeting(booking.meeting)
    if by.pk == hours.host_id:
        # The pupil has heard already: the meeting's cancellation, with its calendar file.
        booking.delete()
        return
    other = hours.host
    notification_send(
        recipient=other,
        kind=kinds.BOOKING_CANCELLED.code,
        title=_("Запись на консультацию %(when)s отменена")
        % {"when": _when(booking.slot.starts_at)},
        body=_("Отменил: %(name)s.") % {"name": display_name_for(person=by, viewer=other)},
        url=meetings_url(),
    )
    booking.delete()


def hours_running(hours: ConsultationHours, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return hours.starts_at <= now < hours.ends_at


def queue_join(*, hours: ConsultationHours, person) -> QueueEntry:
    """Stand in the live queue (once: joining again keeps one's place)."""
    if hours.host_id == person.pk:
        raise ConsultationError("own_hours", _("Нельзя встать в очередь к самому себе."))
    if not hours_running(hours):
        raise ConsultationError(
            "not_now",
            _("Живая очередь открыта только во время часов консультаций: %(from)s–%(to)s.")
            % {
                "from": _when(hours.starts_at),
                "to": timezone.localtime(hours.ends_at).strftime("%H:%M"),
            },
        )
    try:
        with transaction.atomic():
            return QueueEntry.objects.create(hours=hours, person=person)
    except IntegrityError:
        return QueueEntry.objects.get(
            hours=hours, person=person, status__in=[QueueStatus.WAITING, QueueStatus.CALLED]
        )


def queue_leave(*, hours: ConsultationHours, person) -> bool:
    """Leave the queue (whether waiting or already called); False when not in it."""
    return bool(
        QueueEntry.objects.filter(
            hours=hours, person=person, status__in=[QueueStatus.WAITING, QueueStatus.CALLED]
        ).update(status=QueueStatus.LEFT)
    )


def _live_meeting(hours: ConsultationHours) -> Meeting:
    """The hours' live meeting, made the first time it is needed (under the hours' lock)."""
    hours = ConsultationHours.objects.select_for_update().get(pk=hours.pk)
    meeting = hours.live_meeting
    if meeting is not None and meeting.status not in (MeetingStatus.CANCELLED, MeetingStatus.ENDED):
        return meeting
    minutes = int((hours.ends_at - hours.starts_at).total_seconds() // 60)
    meeting = meeting_create(
        room=hours.room,
        host=hours.host,
        title=_("Консультации: живая очередь"),
        starts_at=hours.starts_at,
        duration_minutes=max(5, min(minutes, HOURS_MAX_MINUTES)),
        description=hours.place,
        confidential=hours.host.has_role(RoleChoices.PSYCHOLOGIST),
    )
    hours.live_meeting = meeting
    hours.save(update_fields=["live_meeting"])
    return meeting


@transaction.atomic
def queue_take_next(*, hours: ConsultationHours, by) -> QueueCall:
    """The host calls the first person waiting: they are admitted to the live meeting and
    told to come in. Two "next" at once never call the same person (SKIP LOCKED)."""
    if hours.host_id != by.pk:
        raise ConsultationError("forbidden", _("Вызывать из очереди может только ведущий."))
    entry = (
        QueueEntry.objects.select_for_update(skip_locked=True)
        .filter(hours=hours, status=QueueStatus.WAITING)
        .order_by("joined_at", "pk")
        .first()
    )
    if entry is None:
        raise ConsultationError("queue_empty", _("В очереди никого нет."))
    meeting = _live_meeting(hours)
    entry.status = QueueStatus.CALLED
    entry.called_at = timezone.now()
    entry.save(update_fields=["status", "called_at"])
    # Called from the queue means admitted: the person does not wait in the lobby again.
    person_admit(meeting=meeting, person=entry.person, by=by)
    notification_send(
        recipient=entry.person,
        kind=kinds.CALLED.code,
        title=_("Ваша очередь: %(name)s ждёт вас")
        % {"name": display_name_for(person=hours.host, viewer=entry.person)},
        body=_("Откройте страницу встреч и нажмите «Войти»."),
        url=meetings_url(),
    )
    return QueueCall(person=entry.person, meeting_id=meeting.pk)
