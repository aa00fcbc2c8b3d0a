"""The personal calendar feed: a secret address calendar apps poll without signing in."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from cms.calendars.models import CalendarFeedToken
from cms.calendars.services import calendar_feed_create, calendar_feed_revoke
from cms.calendars.sources import (
    CalendarEntry,
    register_calendar_source,
    unregister_calendar_source,
)
from cms.users.selectors import token_hash
from tests.cms.users.conftest import make_person

pytestmark = pytest.mark.django_db

START = datetime(2027, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture
def person():
    return make_person("olga", "parent", first_name="Ольга", last_name="Смирнова")


@pytest.fixture
def events_source():
    """A source as a later app (event registrations) will register one."""

    def registrations(person):
        if person.username != "olga":
            return []
        return [
            CalendarEntry(
                uid="registration-7",
                title="Хакатон «Город»",
                start=START + timedelta(days=1),
                end=START + timedelta(days=1, hours=3),
                location="Актовый зал",
                url="https://school.example/ru/events/hackathon/",
            ),
            CalendarEntry(uid="invitation-3", title="Совет лицея", start=START),
        ]

    register_calendar_source(registrations)
    yield registrations
    unregister_calendar_source(registrations)


def feed_path(token: str) -> str:
    return f"/api/calendar/{token}.ics"


def test_a_feed_with_no_sources_is_a_valid_empty_calendar_named_in_my_language(client, person):
    person.language = "en"
    person.save()
    _feed, token = calendar_feed_create(user=person)

    response = client.get(feed_path(token))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"].to_ical().decode() == "Lyceum coworking: my events"
    assert calendar.walk("VEVENT") == []


def test_registered_sources_flow_into_the_feed_in_utc_and_by_start(client, person, events_source):
    _feed, token = calendar_feed_create(user=person)

    response = client.get(feed_path(token))

    text = response.content.decode()
    calendar = Calendar.from_ical(response.content)
    first, second = calendar.walk("VEVENT")
    assert str(first["SUMMARY"]) == "Совет лицея"
    assert first["DTSTART"].dt == START
    assert "DTEND" not in first
    assert str(second["SUMMARY"]) == "Хакатон «Город»"
    assert str(second["LOCATION"]) == "Актовый зал"
    assert second["DTEND"].dt == START + timedelta(days=1, hours=3)
    assert str(second["UID"]) == "registration-7@127.0.0.1"
    assert "DTSTAMP" in second
    assert "DTSTART:20270305T093000Z" in text
    assert calendar["X-WR-CALNAME"].to_ical().decode() == "Коворкинг лицея: мои события"


def test_only_a_hash_of_the_token_is_stored(person):
    _feed, token = calendar_feed_create(user=person)

    stored = CalendarFeedToken.objects.get(user=person)
    assert stored.token_hash == token_hash(token)
    assert token not in stored.token_hash


def test_a_new_address_replaces_the_old_one_which_stops_working(client, person):
    _feed, old = calendar_feed_create(user=person)

    _feed, new = calendar_feed_create(user=person)

    assert new != old
    assert CalendarFeedToken.objects.filter(user=person).count() == 1
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path(new)).status_code == 200


def test_a_revoked_or_unknown_address_is_a_404_that_does_not_say_which(client, person):
    _feed, token = calendar_feed_create(user=person)

    assert calendar_feed_revoke(user=person) is True
    revoked = client.get(feed_path(token))
    unknown = client.get(feed_path("not-a-token"))

    assert revoked.status_code == unknown.status_code == 404
    assert revoked.json() == unknown.json()
    assert revoked.json()["error"]["code"] == "not_found"
    assert calendar_feed_revoke(user=person) is False


def test_the_feed_of_a_deactivated_account_stops(client, person):
    _feed, token = calendar_feed_create(user=person)
    person.is_active = False
    person.save()

    assert client.get(feed_path(token)).status_code == 404


def test_the_feed_answers_calendar_apps_whatever_they_accept(client, person):
    _feed, token = calendar_feed_create(user=person)

    response = client.get(feed_path(token), HTTP_ACCEPT="text/calendar")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_creating_rotating_and_revoking_are_logged_without_the_token(person, security_log):
    _feed, first = calendar_feed_create(user=person)
    _feed, second = calendar_feed_create(user=person)
    calendar_feed_revoke(user=person)

    events = [e["event"] for e in security_log.events() if e["event"].startswith("calendar")]
    assert events == ["calendar_feed.created", "calendar_feed.rotated", "calendar_feed.revoked"]
    assert first not in security_log.text() and second not in security_log.text()
