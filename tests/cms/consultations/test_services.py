"""Consultation hours as their host and the people who book them see them happen."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cms.consultations import services
from cms.consultations.models import ConsultationBooking, QueueEntry, QueueStatus
from cms.meetings.models import MeetingParticipant, ParticipantStatus, RoomKind
from cms.notifications.models import Notification

from .conftest import make_hours

pytestmark = pytest.mark.django_db


def test_publishing_hours_cuts_them_into_slots_in_the_hosts_own_room(cast, hours):
    starts = [slot.starts_at for slot in hours.slots.order_by("starts_at")]

    assert len(starts) == 4
    assert starts[0] == hours.starts_at
    assert starts[-1] == hours.ends_at - timedelta(minutes=15)
    assert hours.room.kind == RoomKind.PERSONAL
    assert hours.room.owner == cast["tutor"]


def test_a_period_shorter_than_one_slot_is_refused_with_the_field_to_fix(cast):
    with pytest.raises(services.ConsultationError) as refused:
        make_hours(cast["tutor"], minutes=10, slot_minutes=15)

    assert refused.value.field == "slot_minutes"


def test_a_host_cannot_publish_hours_overlapping_their_own(cast, hours):
    with pytest.raises(services.ConsultationError) as refused:
        make_hours(cast["tutor"], starts_in=timedelta(days=1, minutes=30))

    assert refused.value.code == "overlap"


def test_another_hosts_hours_at_the_same_time_are_fine(cast, hours):
    other = make_hours(cast["teacher"])

    assert other.starts_at == hours.starts_at


def test_a_student_cannot_publish_hours(cast):
    with pytest.raises(services.ConsultationError) as refused:
        make_hours(cast["student"])

    assert refused.value.code == "forbidden"


def test_booking_a_slot_makes_a_meeting_in_the_hosts_room_with_the_student_admitted(cast, hours):
    slot = hours.slots.first()

    booking = services.slot_book(slot=slot, person=cast["student"])

    meeting = booking.meeting
    assert meeting.room == hours.room
    assert meeting.host == cast["tutor"]
    assert meeting.starts_at == slot.starts_at
    assert meeting.duration_minutes == 15
    assert MeetingParticipant.objects.get(meeting=meeting).person == cast["student"]
    assert MeetingParticipant.objects.get(meeting=meeting).status == ParticipantStatus.ADMITTED
    assert Notification.objects.filter(recipient=cast["tutor"], kind="consultation_booked").exists()


def test_the_second_student_cannot_take_a_booked_slot(cast, hours):
    slot = hours.slots.first()
    services.slot_book(slot=slot, person=cast["student"])

    with pytest.raises(services.ConsultationError) as refused:
        services.slot_book(slot=slot, person=cast["classmate"])

    assert refused.value.code == "taken"
    assert ConsultationBooking.objects.get().student == cast["student"]


def test_a_student_books_one_slot_per_hours(cast, hours):
    first, second = hours.slots.all()[:2]
    services.slot_book(slot=first, person=cast["student"])

    with pytest.raises(services.ConsultationError) as refused:
        services.slot_book(slot=second, person=cast["student"])

    assert refused.value.code == "already_booked"


def test_the_time_of_booked_hours_cannot_change_but_the_place_can(cast, hours):
    services.slot_book(slot=hours.slots.first(), person=cast["student"])

    with pytest.raises(services.ConsultationError) as refused:
        services.hours_update(hours=hours, by=cast["tutor"], slot_minutes=30)
    services.hours_update(hours=hours, by=cast["tutor"], place="Кабинет 105")

    assert refused.value.code == "has_bookings"
    hours.refresh_from_db()
    assert hours.place == "Кабинет 105"
    assert hours.slots.count() == 4


def test_changing_the_slot_length_of_unbooked_hours_cuts_new_slots(cast, hours):
    services.hours_update(hours=hours, by=cast["tutor"], slot_minutes=30)

    assert hours.slots.count() == 2


def test_cancelling_a_booking_frees_the_slot_and_cancels_the_meeting(cast, hours):
    slot = hours.slots.first()
    booking = services.slot_book(slot=slot, person=cast["student"])

    services.booking_cancel(booking=booking, by=cast["student"])

    booking.meeting.refresh_from_db()
    assert booking.meeting.status == "cancelled"
    assert not ConsultationBooking.objects.exists()
    services.slot_book(slot=slot, person=cast["classmate"])
    assert Notification.objects.filter(
        recipient=cast["tutor"], kind="consultation_booking_cancelled"
    ).exists()


def test_a_host_cancelling_a_booking_tells_the_pupil_once_with_the_calendar_cancellation(
    cast, hours
):
    booking = services.slot_book(slot=hours.slots.first(), person=cast["student"])

    services.booking_cancel(booking=booking, by=cast["tutor"])

    told = Notification.objects.filter(recipient=cast["student"]).exclude(kind="meeting_invited")
    assert list(told.values_list("kind", flat=True)) == ["meeting_cancelled"]


def test_withdrawing_booked_hours_cancels_the_meetings_and_tells_who_booked(cast, hours):
    booking = services.slot_book(slot=hours.slots.first(), person=cast["student"])

    assert services.hours_delete(hours=hours, by=cast["tutor"]) == 1

    booking.meeting.refresh_from_db()
    assert booking.meeting.status == "cancelled"
    assert Notification.objects.filter(recipient=cast["student"], kind="meeting_cancelled").exists()


def test_withdrawing_hours_nobody_booked_just_removes_them(cast, hours):
    assert services.hours_delete(hours=hours, by=cast["tutor"]) == 0
    assert not type(hours).objects.exists()


def test_the_queue_opens_only_during_the_hours(cast, hours):
    with pytest.raises(services.ConsultationError) as refused:
        services.queue_join(hours=hours, person=cast["student"])

    assert refused.value.code == "not_now"


def test_positions_in_the_queue_follow_the_order_of_arrival(cast, running):
    from cms.consultations.selectors import queue_position

    for key in ("student", "classmate", "third"):
        services.queue_join(hours=running, person=cast[key])
    services.queue_join(hours=running, person=cast["classmate"])  # again: keeps the place

    positions = [
        queue_position(hours=running, person=cast[key])["position"]
        for key in ("student", "classmate", "third")
    ]
    assert positions == [1, 2, 3]
    services.queue_leave(hours=running, person=cast["student"])
    assert queue_position(hours=running, person=cast["third"])["position"] == 2


def test_next_calls_people_first_come_first_served_into_one_live_meeting(cast, running):
    from cms.consultations.selectors import queue_position

    for key in ("student", "classmate"):
        services.queue_join(hours=running, person=cast[key])

    first = services.queue_take_next(hours=running, by=cast["tutor"])
    second = services.queue_take_next(hours=running, by=cast["tutor"])

    assert [first.person, second.person] == [cast["student"], cast["classmate"]]
    assert first.meeting_id == second.meeting_id
    running.refresh_from_db()
    assert running.live_meeting_id == first.meeting_id
    admitted = MeetingParticipant.objects.filter(
        meeting_id=first.meeting_id, status=ParticipantStatus.ADMITTED
    )
    assert {p.person for p in admitted} == {cast["student"], cast["classmate"]}
    me = queue_position(hours=running, person=cast["student"])
    assert me == {"status": QueueStatus.CALLED, "position": None, "meeting_id": first.meeting_id}
    assert Notification.objects.filter(recipient=cast["student"], kind="consultation_called")


def test_next_on_an_empty_queue_says_nobody_waits(cast, running):
    with pytest.raises(services.ConsultationError) as refused:
        services.queue_take_next(hours=running, by=cast["tutor"])

    assert refused.value.code == "queue_empty"
    assert not QueueEntry.objects.exists()


def test_a_person_who_left_may_join_again_at_the_end(cast, running):
    services.queue_join(hours=running, person=cast["student"])
    services.queue_join(hours=running, person=cast["classmate"])
    services.queue_leave(hours=running, person=cast["student"])

    services.queue_join(hours=running, person=cast["student"])

    call = services.queue_take_next(hours=running, by=cast["tutor"])
    assert call.person == cast["classmate"]
