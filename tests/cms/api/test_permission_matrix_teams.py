"""The teams endpoints in the permission matrix: every kind of person asks about a team event
where the pupil (Иванов) is in a team. Nobody but the organisers ever sees the pupil's
surname; the export is the organisers' alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.registrations import services, teams
from site_content.events.models import EventIndexPage, EventPage
from site_content.taxonomy.models import EventType
from tests.factories import make_site

from .test_permission_matrix import ASKERS, PRIVATE, ask, people  # noqa: F401

pytestmark = pytest.mark.django_db

ORGANISERS = {"teacher", "staff"}  # the teacher owns the event; staff organise every event


@pytest.fixture
def team_event(people):  # noqa: F811
    home = make_site(english=False)["ru"]
    index = EventIndexPage(title="События", slug="events")
    home.add_child(instance=index)
    index.save_revision().publish()
    now = timezone.now()
    event = EventPage(
        event_type=EventType.objects.create(name="Хакатон", slug="hackathon", locale=home.locale),
        title="Хакатон",
        slug="hackathon",
        start=now + timedelta(days=7),
        end=now + timedelta(days=7, hours=8),
        place="Лицей",
        capacity=20,
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=6),
        team_size_min=2,
        team_size_max=4,
        owner=people["teacher"],
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    services.registration_create(event=event, person=people["student"])
    teams.team_create(event=event, person=people["student"], name="Альфа")
    return event


@pytest.mark.parametrize("asker", ASKERS)
def test_teams_are_listed_to_signed_in_people_without_surnames(
    client,
    people,  # noqa: F811
    team_event,
    asker,
):
    response = ask(client, people, asker, "get", f"/api/events/{team_event.pk}/teams")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert [t["name"] for t in response.json()["teams"]] == ["Альфа"]
    assert PRIVATE not in response.content.decode()


@pytest.mark.parametrize("asker", ASKERS)
def test_only_a_confirmed_registrant_forms_a_team(client, people, team_event, asker):  # noqa: F811
    response = ask(
        client, people, asker, "post", f"/api/events/{team_event.pk}/teams", {"name": asker}
    )

    expected = {"anonymous": 401, "student": 409}.get(asker, 409)
    assert response.status_code == expected
    if asker != "anonymous":
        code = "already_in_team" if asker == "student" else "not_registered"
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_events_organisers_export_its_teams(client, people, team_event, asker):  # noqa: F811
    response = ask(client, people, asker, "get", f"/api/events/{team_event.pk}/teams/export.csv")

    if asker == "anonymous":
        assert response.status_code == 401
    elif asker in ORGANISERS:
        assert response.status_code == 200
        assert PRIVATE in response.content.decode("utf-8-sig")
    else:
        assert response.status_code == 403
        assert PRIVATE not in response.content.decode()


@pytest.mark.parametrize("asker", ASKERS)
def test_leaving_touches_only_the_askers_own_membership(client, people, team_event, asker):  # noqa: F811
    response = ask(client, people, asker, "delete", f"/api/events/{team_event.pk}/teams/membership")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.json() == {"left": asker == "student"}
    still_in_team = teams.team_of(event=team_event, person=people["student"]) is not None
    assert still_in_team is (asker != "student")
