"""Writes of the meeting rooms: rooms, meetings and the people in them.

Other apps (consultations, the psychologist's help) make meetings through these functions,
never by creating rows themselves, so every meeting gets the same invitations, calendar
entries and safety checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cms.users.selectors import display_name_for

from .models import Meeting, MeetingParticipant, ParticipantStatus, Room, RoomKind

__all__ = ["meeting_create", "room_of_person"]


def room_of_person(*, person) -> Room:
    """The person's own room, made the first time it is asked for (one per person: a
    constraint, so two first requests at once still make one room)."""
    room = Room.objects.filter(kind=RoomKind.PERSONAL, owner=person).first()
    if room is not None:
        return room
    try:
        with transaction.atomic():
            return Room.objects.create(
                kind=RoomKind.PERSONAL,
                owner=person,
                title=_("Комната: %(name)s") % {"name": display_name_for(person=person)},
            )
    except IntegrityError:
        return Room.objects.get(kind=RoomKind.PERSONAL, owner=person)


@transaction.atomic
def meeting_create(
    *,
    room: Room,
    host,
    title: str,
    starts_at: datetime,
    duration_minutes: int = 45,
    description: str = "",
    participants: Iterable = (),
    participant_status: str = ParticipantStatus.INVITED,
    confidential: bool = False,
) -> Meeting:
    """A meeting in `room` hosted by `host`, with `participants` (people) in
    `participant_status` (invited by default; a booked consultation admits them at once)."""
    meeting = Meeting.objects.create(
        room=room,
        host=host,
        title=title,
        description=description,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        confidential=confidential,
    )
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(
            meeting=meeting, person=person, status=participant_status, invited_by=host
        )
        for person in {p.pk: p for p in participants if p.pk != host.pk}.values()
    )
    return meeting
