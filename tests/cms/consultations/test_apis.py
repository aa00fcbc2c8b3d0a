"""The consultations API as the widget uses it: a tutor publishes, students book and queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.consultations import services

from .conftest import make_hours

pytestmark = pytest.mark.django_db


def as_(client, person):
    client.force_login(person)
    return client


def test_a_tutor_publishes_hours_and_gets_their_slots(client, cast):
    starts = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    response = as_(client, cast["tutor"]).post(
        "/api/consultations/hours",
        {
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(minutes=40)).isoformat(),
            "slot_minutes": 20,
            "place": "Кабинет 301",
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["slots"]) == 2
    assert body["permissions"]["change"] is True
    assert response["Cache-Control"] == "private, no-store"


def test_hours_ending_before_they_start_are_refused_on_the_field(client, cast):
    starts = timezone.now() + timedelta(days=2)
    response = as_(client, cast["tutor"]).post(
        "/api/consultations/hours",
        {"starts_at": starts.isoformat(), "ends_at": (starts - timedelta(hours=1)).isoformat()},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "ends_at" in response.json()["error"]["fields"]


def test_a_student_cannot_publish_hours(client, cast):
    starts = timezone.now() + timedelta(days=2)
    response = as_(client, cast["student"]).post(
        "/api/consultations/hours",
        {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat()},
        content_type="application/json",
    )

    assert response.status_code == 403


def test_a_student_finds_the_tutor_and_sees_free_slots(client, cast, hours):
    as_(client, cast["student"])

    hosts = client.get("/api/consultations/hosts").json()
    listed = client.get(f"/api/consultations/hours?host={cast['tutor'].pk}").json()

    assert hosts == [{"id": cast["tutor"].pk, "name": "Анна Волкова"}]
    assert [h["id"] for h in listed] == [hours.pk]
    assert [s["taken"] for s in listed[0]["slots"]] == [False] * 4
    assert listed[0]["permissions"]["book"] is True


def test_two_students_book_the_same_slot_and_the_second_hears_it_is_taken(client, cast, hours):
    slot = hours.slots.first()
    first = as_(client, cast["student"]).post(f"/api/consultations/slots/{slot.pk}/booking")
    second = as_(client, cast["classmate"]).post(f"/api/consultations/slots/{slot.pk}/booking")

    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "taken"
    assert "занят" in second.json()["error"]["message"]


def test_other_students_see_only_that_a_slot_is_taken_the_host_sees_who(client, cast, hours):
    slot = hours.slots.first()
    services.slot_book(slot=slot, person=cast["student"])

    seen_by_classmate = as_(client, cast["classmate"]).get(f"/api/consultations/hours/{hours.pk}")
    seen_by_host = as_(client, cast["tutor"]).get(f"/api/consultations/hours/{hours.pk}")

    assert seen_by_classmate.json()["slots"][0]["taken"] is True
    assert seen_by_classmate.json()["slots"][0]["booking"] is None
    assert "Иванов" not in seen_by_classmate.content.decode()
    assert seen_by_host.json()["slots"][0]["booking"]["student"]["name"].startswith("Иван")
    assert "Иванов" in seen_by_host.content.decode()


def test_a_student_cannot_cancel_someone_elses_booking(client, cast, hours):
    slot = hours.slots.first()
    services.slot_book(slot=slot, person=cast["student"])

    response = as_(client, cast["classmate"]).delete(f"/api/consultations/slots/{slot.pk}/booking")

    assert response.status_code == 404
    assert slot.booking.student == cast["student"]


def test_the_live_queue_tells_the_position_and_next_hands_over_the_meeting(client, cast, running):
    url = f"/api/consultations/hours/{running.pk}/queue"
    joined = as_(client, cast["student"]).post(url)
    second = as_(client, cast["classmate"]).post(url)

    called = as_(client, cast["tutor"]).post(f"{url}/next")

    assert joined.status_code == 201
    assert joined.json() == {"status": "waiting", "position": 1, "meeting_id": None}
    assert second.json()["position"] == 2
    assert called.status_code == 200
    assert called.json()["person"]["id"] == cast["student"].pk
    meeting_id = called.json()["meeting_id"]
    mine = as_(client, cast["student"]).get(url).json()
    assert mine == {"status": "called", "position": None, "meeting_id": meeting_id}
    assert as_(client, cast["classmate"]).get(url).json()["position"] == 1


def test_next_on_an_empty_queue_is_a_conflict_that_says_so(client, cast, running):
    response = as_(client, cast["tutor"]).post(f"/api/consultations/hours/{running.pk}/queue/next")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "queue_empty"


def test_joining_the_queue_outside_the_hours_is_refused(client, cast, hours):
    response = as_(client, cast["student"]).post(f"/api/consultations/hours/{hours.pk}/queue")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_now"


@pytest.mark.parametrize("outsider", ["public", "partner", "teacher"])
def test_outsiders_do_not_see_the_hours_or_call_from_the_queue(client, cast, running, outsider):
    services.queue_join(hours=running, person=cast["student"])
    as_(client, cast[outsider])

    detail = client.get(f"/api/consultations/hours/{running.pk}")
    listed = client.get(f"/api/consultations/hours?host={cast['tutor'].pk}")
    called = client.post(f"/api/consultations/hours/{running.pk}/queue/next")
    changed = client.patch(
        f"/api/consultations/hours/{running.pk}", {"place": "x"}, content_type="application/json"
    )

    assert detail.status_code == 404
    assert listed.status_code == 403
    assert called.status_code == 404
    assert changed.status_code == 404
    assert "Иванов" not in detail.content.decode() + listed.content.decode()


def test_a_student_may_not_call_from_the_queue_or_change_the_hours(client, cast, running):
    as_(client, cast["student"])

    called = client.post(f"/api/consultations/hours/{running.pk}/queue/next")
    removed = client.delete(f"/api/consultations/hours/{running.pk}")

    assert called.status_code == 403
    assert removed.status_code == 403


def test_an_anonymous_visitor_is_asked_to_sign_in(client, hours):
    assert client.get("/api/consultations/hosts").status_code == 401
    assert client.get(f"/api/consultations/hours/{hours.pk}").status_code == 401


def test_a_host_sees_their_own_hours_without_naming_themselves(client, cast, hours):
    make_hours(cast["teacher"])

    listed = as_(client, cast["tutor"]).get("/api/consultations/hours").json()

    assert [h["id"] for h in listed] == [hours.pk]
