"""What invitees find in their mailbox (a real SMTP server): an invitation with the meeting as
a calendar request, a move with the next sequence, a cancellation, a guest's link; a
confidential meeting is «Консультация» in all of them."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from cms.meetings import selectors, services
from cms.meetings.models import ParticipantStatus
from tests.cms.meetings.conftest import soon
from tests.tasks import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def calendar_of(message) -> icalendar.Calendar:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


def test_an_invitation_carries_a_calendar_request_and_a_move_the_next_sequence(cast, smtp):
    meeting = services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Разбор проекта", starts_at=soon(),
        participants=[cast["pupil"]],
    )  # fmt: skip
    run_worker()
    [invitation] = smtp.to("pupil@example.org")
    smtp.clear()
    services.meeting_move(
        meeting=meeting, by=cast["tutor"], starts_at=timezone.now() + timedelta(days=1)
    )
    run_worker()
    [moved] = smtp.to("pupil@example.org")

    first, second = calendar_of(invitation), calendar_of(moved)
    [event] = first.walk("VEVENT")
    [event2] = second.walk("VEVENT")
    assert "Разбор проекта" in invitation["Subject"]
    assert str(first["method"]) == "REQUEST"
    assert str(event["uid"]) == f"meeting-{meeting.pk}@127.0.0.1" or str(event["uid"]).startswith(
        f"meeting-{meeting.pk}@"
    )
    assert str(event["summary"]) == "Разбор проекта"
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    assert event["dtstart"].dt.utcoffset() == timedelta(0)
    assert str(second["method"]) == "REQUEST"
    assert str(event2["uid"]) == str(event["uid"])
    assert int(event2["sequence"]) == int(event["sequence"]) + 1


def test_a_cancellation_carries_a_calendar_cancel(cast, meeting, smtp):
    run_worker()
    smtp.clear()

    services.meeting_cancel(meeting=meeting, by=cast["tutor"])
    run_worker()

    [message] = smtp.to("pupil@example.org")
    calendar = calendar_of(message)
    [event] = calendar.walk("VEVENT")
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1
    assert smtp.to("tutor@example.org") == []


def test_a_guest_gets_a_link_whose_token_opens_their_invitation(cast, meeting, smtp, client):
    services.meeting_invite(meeting=meeting, by=cast["tutor"], emails=["Guest@Firm.example"])
    run_worker()

    [message] = smtp.to("guest@firm.example")
    text = message.get_body(preferencelist=("plain",)).get_content()
    token = text.split("#guest=", 1)[1].split()[0]
    info = client.get(f"/api/meetings/guest/{token}")
    answered = client.post(
        f"/api/meetings/guest/{token}", {"answer": "accept"}, content_type="application/json"
    )

    assert str(calendar_of(message)["method"]) == "REQUEST"
    assert info.status_code == 200 and info.json()["title"] == "Разбор проекта"
    assert answered.json()["my_status"] == "accepted"
    assert client.get("/api/meetings/guest/not-a-token").status_code == 404
    participant = selectors.guest_participant(raw_token=token)
    assert participant.token_hash != token


def test_a_confidential_meeting_is_a_consultation_in_the_email_and_its_calendar(cast, smtp):
    room = services.room_of_person(person=cast["psychologist"])
    services.meeting_create(
        room=room, host=cast["psychologist"], title="Тревога перед экзаменом", starts_at=soon(),
        participants=[cast["pupil"]], participant_status=ParticipantStatus.INVITED,
        confidential=True,
    )  # fmt: skip
    run_worker()

    [message] = smtp.to("pupil@example.org")
    [event] = calendar_of(message).walk("VEVENT")
    assert "Тревога" not in message.as_string()
    assert "Консультация" in message["Subject"]
    assert str(event["summary"]) == "Консультация"
