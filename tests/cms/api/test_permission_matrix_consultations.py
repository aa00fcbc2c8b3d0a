"""The consultations endpoints in the permission matrix: every kind of person asks about the
tutor's hours, where the pupil (Иванов) has booked a slot and waits in the live queue. Only the
host sees who booked and who waits; only students and parents book and queue; only the host
changes the hours or calls the next person."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.consultations import services

from .test_permission_matrix import ASKERS, PRIVATE, ask, people  # noqa: F401

pytestmark = pytest.mark.django_db

BOOKERS = {"student", "other_student", "parent_of", "parent_of_other"}


@pytest.fixture
def hours(people):  # noqa: F811
    """The tutor's hours running now; the pupil booked the last slot and waits in the queue."""
    starts = timezone.now().replace(microsecond=0) - timedelta(minutes=10)
    found = services.hours_publish(
        host=people["tutor"], starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    services.slot_book(slot=found.slots.order_by("starts_at").last(), person=people["student"])
    services.queue_join(hours=found, person=people["student"])
    return found


@pytest.mark.parametrize("asker", ASKERS)
def test_the_hours_are_seen_by_their_host_and_bookers_and_names_by_the_host(
    client,
    people,  # noqa: F811
    hours,
    asker,
):
    response = ask(client, people, asker, "get", f"/api/consultations/hours/{hours.pk}")

    if asker == "anonymous":
        assert response.status_code == 401
    elif asker in BOOKERS | {"tutor"}:
        assert response.status_code == 200
        assert any(slot["taken"] for slot in response.json()["slots"])
    else:
        assert response.status_code == 404
    # The pupil sees their own name; nobody else but the host does.
    if asker not in ("tutor", "student"):
        assert PRIVATE not in response.content.decode()


@pytest.mark.parametrize("asker", ASKERS)
def test_a_hosts_hours_are_listed_to_students_and_parents(client, people, hours, asker):  # noqa: F811
    path = f"/api/consultations/hours?host={people['tutor'].pk}"
    response = ask(client, people, asker, "get", path)

    expected = {"anonymous": 401, "tutor": 200}.get(asker, 200 if asker in BOOKERS else 403)
    assert response.status_code == expected
    if asker != "tutor":
        assert PRIVATE not in response.content.decode() or asker == "student"


@pytest.mark.parametrize("asker", ASKERS)
def test_only_students_and_parents_book_a_free_slot(client, people, hours, asker):  # noqa: F811
    # The first slot began already: book the first one still ahead.
    free = hours.slots.filter(starts_at__gt=timezone.now(), booking__isnull=True).first()
    response = ask(client, people, asker, "post", f"/api/consultations/slots/{free.pk}/booking")

    expected = {
        "anonymous": 401,
        "student": 409,  # one booking per person and hours
        "other_student": 201,
        "parent_of": 201,
        "parent_of_other": 201,
        "tutor": 403,
    }.get(asker, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_host_calls_the_next_person(client, people, hours, asker):  # noqa: F811
    path = f"/api/consultations/hours/{hours.pk}/queue/next"
    response = ask(client, people, asker, "post", path)

    expected = {"anonymous": 401, "tutor": 200}.get(asker, 403 if asker in BOOKERS else 404)
    assert response.status_code == expected
    if asker == "tutor":
        assert response.json()["person"]["id"] == people["student"].pk


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_host_changes_the_hours(client, people, hours, asker):  # noqa: F811
    path = f"/api/consultations/hours/{hours.pk}"
    response = ask(client, people, asker, "patch", path, {"place": "Кабинет 7"})

    expected = {"anonymous": 401, "tutor": 200}.get(asker, 403 if asker in BOOKERS else 404)
    assert response.status_code == expected
    hours.refresh_from_db()
    assert (hours.place == "Кабинет 7") is (asker == "tutor")


@pytest.mark.parametrize("asker", ASKERS)
def test_the_queue_place_is_the_askers_own(client, people, hours, asker):  # noqa: F811
    path = f"/api/consultations/hours/{hours.pk}/queue"
    response = ask(client, people, asker, "get", path)

    if asker == "anonymous":
        assert response.status_code == 401
    elif asker in BOOKERS | {"tutor"}:
        assert response.status_code == 200
        assert (response.json()["position"] == 1) is (asker == "student")
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("asker", ASKERS)
def test_nobody_but_the_pupil_or_host_cancels_the_pupils_booking(client, people, hours, asker):  # noqa: F811
    slot = hours.slots.get(booking__student=people["student"])
    if asker in ("student", "tutor"):
        path = f"/api/consultations/slots/{slot.pk}/booking"
        assert ask(client, people, asker, "delete", path).status_code == 200
        assert not hours.bookings.filter(student=people["student"]).exists()
        return
    response = ask(client, people, asker, "delete", f"/api/consultations/slots/{slot.pk}/booking")

    assert response.status_code == (401 if asker == "anonymous" else 404)
    assert hours.bookings.filter(student=people["student"]).exists()
