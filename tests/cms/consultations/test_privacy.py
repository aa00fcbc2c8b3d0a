"""Consultations in "download my data" and "delete my account"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cms.consultations import services
from cms.consultations.models import ConsultationBooking, ConsultationHours, QueueEntry
from cms.consultations.privacy import consultations_erase, consultations_export

from .conftest import make_hours

pytestmark = pytest.mark.django_db


def test_a_students_export_lists_their_bookings_and_queue_places(cast, hours):
    running = make_hours(cast["teacher"], starts_in=timedelta(minutes=-5))
    services.slot_book(slot=hours.slots.first(), person=cast["student"])
    services.queue_join(hours=running, person=cast["student"])

    exported = consultations_export(cast["student"])

    assert [b["host"] for b in exported["consultation_bookings"]] == ["Анна Волкова"]
    assert [e["status"] for e in exported["consultation_queue"]] == ["waiting"]
    assert exported["consultation_hours"] == []
    assert consultations_export(cast["tutor"])["consultation_hours"][0]["bookings"] == 1


def test_deleting_an_account_removes_its_bookings_queue_places_and_hosted_hours(cast, hours):
    running = make_hours(cast["teacher"], starts_in=timedelta(minutes=-5))
    services.slot_book(slot=hours.slots.first(), person=cast["student"])
    services.queue_join(hours=running, person=cast["student"])

    consultations_erase(cast["student"])
    consultations_erase(cast["tutor"])

    assert not ConsultationBooking.objects.exists()
    assert not QueueEntry.objects.exists()
    assert list(ConsultationHours.objects.all()) == [running]
