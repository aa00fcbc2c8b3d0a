"""Meetings in "download my data" and "delete my account".

A person's file lists the meetings they took part in (with their answers and reasons), the
meetings they hosted (with the minutes they kept) and their rooms. Deleting the account first
cancels their upcoming hosted meetings through the services, so the invited hear of it, then
removes their participations, hosted meetings and rooms.
"""

from __future__ import annotations

from django.utils import timezone

from cms.users.personal_data import register_eraser, register_exporter

from . import services
from .models import Meeting, MeetingParticipant, MeetingStatus, Room


def meetings_export(person) -> dict:
    participations = [
        {
            "meeting": p.meeting.title,
            "starts_at": p.meeting.starts_at,
            "status": p.status,
            "reason": p.reason,
            "added_at": p.created_at,
            "answered_at": p.responded_at,
        }
        for p in MeetingParticipant.objects.filter(person=person).select_related("meeting")
    ]
    hosted = [
        {
            "meeting": m.title,
            "room": m.room.title,
            "starts_at": m.starts_at,
            "duration_minutes": m.duration_minutes,
            "status": m.status,
            "description": m.description,
            "minutes": m.minutes,
        }
        for m in Meeting.objects.filter(host=person).select_related("room")
    ]
    rooms = list(Room.objects.filter(owner=person).values_list("title", flat=True))
    return {"participations": participations, "hosted_meetings": hosted, "rooms": rooms}


def meetings_erase(person) -> None:
    upcoming = Meeting.objects.filter(
        host=person,
        status__in=(MeetingStatus.SCHEDULED, MeetingStatus.STARTED),
        starts_at__gte=timezone.now(),
    )
    for meeting in upcoming:
        services.meeting_cancel(meeting=meeting, by=person)
    MeetingParticipant.objects.filter(person=person).delete()
    MeetingParticipant.objects.filter(invited_by=person).update(invited_by=None)
    Meeting.objects.filter(host=person).delete()
    Room.objects.filter(owner=person).delete()


MODELS = ["meetings.Room", "meetings.Meeting", "meetings.MeetingParticipant"]
register_exporter("meetings", meetings_export, models=MODELS)
register_eraser("meetings", meetings_erase, models=MODELS)
