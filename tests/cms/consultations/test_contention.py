"""No double booking when everyone presses the button at once: 20 students ask a real gunicorn
(several workers and threads) on the test database (PostgreSQL under `make test`) for the same
slot; exactly one gets it, every other hears it is taken, and there is one meeting."""

from __future__ import annotations

import pytest
from django.conf import settings

from cms.consultations.models import ConsultationBooking
from cms.meetings.models import Meeting
from cms.users.choices import RoleChoices
from cms.users.models import UserRole
from tests.cms.registrations.test_contention import all_at_once, signed_in_people
from tests.publish import processes

from .conftest import make_hours

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CLIENTS = 20


def test_20_students_racing_for_one_slot_make_exactly_one_booking(tmp_path, cast):
    hours = make_hours(cast["tutor"])
    slot = hours.slots.first()
    people = signed_in_people(CLIENTS)
    UserRole.objects.bulk_create(
        UserRole(user_id=person_id, role=RoleChoices.STUDENT) for person_id, _ in people
    )
    env = processes.django_env(
        site_dir=tmp_path / "site", media_root=tmp_path / "media", var_dir=tmp_path / "var"
    )
    # The sessions made here are signed with the test settings' key: gunicorn must share it.
    env["SECRET_KEY"] = settings.SECRET_KEY
    env["API_RATE_LIMITS"] = "address=100000,100000;user=100000,100000;write=100000,100000"
    path = f"/api/consultations/slots/{slot.pk}/booking"

    with processes.gunicorn(env=env, ready_path="/api/health") as base_url:
        answers = all_at_once(base_url, "POST", path, [key for _, key in people])

    statuses = [status for status, _ in answers]
    assert all(status < 500 for status in statuses), answers
    assert statuses.count(201) == 1, answers
    assert statuses.count(409) == CLIENTS - 1
    assert {body["error"]["code"] for status, body in answers if status == 409} == {"taken"}
    winner = next(pid for (pid, _), status in zip(people, statuses, strict=True) if status == 201)
    assert list(ConsultationBooking.objects.values_list("student_id", flat=True)) == [winner]
    assert Meeting.objects.filter(room=hours.room).count() == 1
