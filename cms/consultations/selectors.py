"""Reads of consultations: the hosts with hours ahead, a host's hours with their slots as the
viewer may see them, and a person's place in the live queue."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from cms.users.selectors import display_name_for

from .models import ConsultationHours, QueueEntry, QueueStatus
from .rules import HOST_ROLES, may

__all__ = [
    "hours_for_viewer",
    "hours_of_host",
    "hours_state",
    "hosts_with_hours",
    "queue_position",
]

User = get_user_model()
# How far back a host still sees their own hours (a session that just ended, its queue).
RECENT = timedelta(days=1)


def person_json(person, viewer) -> dict:
    """A person as the API shows them to `viewer`: id and the name their consent allows."""
    return {"id": person.pk, "name": display_name_for(person=person, viewer=viewer)}


def hosts_with_hours(*, viewer) -> list[dict]:
    """Teachers, tutors and the psychologist with hours that have not ended yet (but for the
    asker: nobody books their own hours)."""
    hosts = (
        User.objects.filter(
            role_links__role__in=HOST_ROLES,
            consultation_hours__ends_at__gt=timezone.now(),
            is_active=True,
        )
        .exclude(pk=viewer.pk)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    return [person_json(host, viewer) for host in hosts]


def hours_of_host(*, host_id: int):
    """A host's hours that have not ended, earliest first."""
    return (
        ConsultationHours.objects.filter(host_id=host_id, ends_at__gt=timezone.now())
        .select_related("host")
        .order_by("starts_at", "pk")
    )


def hours_for_viewer(*, viewer):
    """The hours a person has to do with: a host's own (including those of the last day),
    and for everyone the hours they booked or queue in that have not ended."""
    now = timezone.now()
    return (
        ConsultationHours.objects.filter(
            Q(host=viewer, ends_at__gt=now - RECENT)
            | Q(bookings__student=viewer, ends_at__gt=now)
            | Q(queue__person=viewer, queue__status__in=[QueueStatus.WAITING, QueueStatus.CALLED])
        )
        .select_related("host")
        .distinct()
        .order_by("starts_at", "pk")
    )


def queue_position(*, hours: ConsultationHours, person) -> dict:
    """Where `person` stands: `{status, position, meeting_id}`. Position counts the waiting
    entries ahead (by arrival) plus one; a called person has the meeting's id instead."""
    entry = (
        QueueEntry.objects.filter(
            hours=hours, person=person, status__in=[QueueStatus.WAITING, QueueStatus.CALLED]
        )
        .order_by("-joined_at", "-pk")
        .first()
    )
    if entry is None:
        return {"status": None, "position": None, "meeting_id": None}
    if entry.status == QueueStatus.CALLED:
        return {"status": entry.status, "position": None, "meeting_id": hours.live_meeting_id}
    ahead = QueueEntry.objects.filter(hours=hours, status=QueueStatus.WAITING).filter(
        Q(joined_at__lt=entry.joined_at) | Q(joined_at=entry.joined_at, pk__lt=entry.pk)
    )
    return {"status": entry.status, "position": ahead.count() + 1, "meeting_id": None}


def hours_state(*, hours: ConsultationHours, viewer) -> dict:
    """The hours as `viewer` sees them: the host sees who booked and who waits; anyone else
    sees only whether each slot is free, and their own booking and place in the queue."""
    is_host = hours.host_id == viewer.pk
    now = timezone.now()
    slots = []
    for slot in hours.slots.select_related("booking__student").order_by("starts_at", "pk"):
        booking = getattr(slot, "booking", None)
        mine = booking is not None and booking.student_id == viewer.pk
        item = {
            "id": slot.pk,
            "starts_at": slot.starts_at,
            "ends_at": slot.starts_at + timedelta(minutes=hours.slot_minutes),
            "taken": booking is not None,
            "mine": mine,
            "booking": None,
        }
        if booking is not None and (is_host or mine):
            item["booking"] = {
                "id": booking.pk,
                "student": person_json(booking.student, viewer),
                "meeting_id": booking.meeting_id,
            }
        slots.append(item)
    waiting = hours.queue.filter(status=QueueStatus.WAITING)
    queue = {"waiting": waiting.count(), "entries": []}
    if is_host:
        queue["entries"] = [
            {
                "id": entry.pk,
                "person": person_json(entry.person, viewer),
                "status": entry.status,
                "joined_at": entry.joined_at,
            }
            for entry in hours.queue.filter(
                status__in=[QueueStatus.WAITING, QueueStatus.CALLED]
            ).select_related("person")
        ]
    running = hours.starts_at <= now < hours.ends_at
    return {
        "id": hours.pk,
        "host": person_json(hours.host, viewer),
        "starts_at": hours.starts_at,
        "ends_at": hours.ends_at,
        "slot_minutes": hours.slot_minutes,
        "place": hours.place,
        "notes": hours.notes,
        "running": running,
        "live_meeting_id": hours.live_meeting_id if is_host else None,
        "slots": slots,
        "queue": queue,
        "me": None if is_host else queue_position(hours=hours, person=viewer),
        "permissions": {
            "change": is_host,
            "book": may(viewer, "consultations.book", hours),
            "queue": running and may(viewer, "consultations.queue", hours),
        },
    }
