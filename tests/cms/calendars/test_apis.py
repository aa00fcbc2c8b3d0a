"""`/api/me/calendar`: the cabinet makes, replaces and revokes the person's feed address."""

import pytest

from cms.calendars.models import CalendarFeedToken
from tests.cms.users.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return make_person("olga", "parent")


def test_a_visitor_must_sign_in(client):
    assert client.get("/api/me/calendar").status_code == 401
    assert client.post("/api/me/calendar").status_code == 401
    assert client.delete("/api/me/calendar").status_code == 401


def test_the_address_is_shown_once_when_made_and_then_only_that_there_is_one(client, person):
    client.force_login(person)
    assert client.get("/api/me/calendar").json() == {
        "exists": False,
        "created_at": None,
        "url": None,
    }

    made = client.post("/api/me/calendar")
    later = client.get("/api/me/calendar")

    assert made.status_code == 201
    assert made.json()["url"].startswith("http://127.0.0.1:8000/api/calendar/")
    assert made.json()["url"].endswith(".ics")
    assert "no-store" in made["Cache-Control"]
    assert later.json()["exists"] is True
    assert later.json()["created_at"] == made.json()["created_at"]
    assert later.json()["url"] is None
    path = made.json()["url"].removeprefix("http://127.0.0.1:8000")
    client.logout()
    assert client.get(path).status_code == 200


def test_a_new_address_invalidates_the_old_one(client, person):
    client.force_login(person)
    old = client.post("/api/me/calendar").json()["url"].removeprefix("http://127.0.0.1:8000")

    new = client.post("/api/me/calendar").json()["url"].removeprefix("http://127.0.0.1:8000")

    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_revoking_stops_the_address(client, person):
    client.force_login(person)
    path = client.post("/api/me/calendar").json()["url"].removeprefix("http://127.0.0.1:8000")

    response = client.delete("/api/me/calendar")

    assert response.status_code == 204
    assert not CalendarFeedToken.objects.exists()
    assert client.get(path).status_code == 404
    assert client.get("/api/me/calendar").json()["exists"] is False
