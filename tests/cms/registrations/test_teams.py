"""Teams of a team event: forming, joining within the size limit, leaving; the API a widget
uses and the organisers' export."""

from __future__ import annotations

import csv
import io

import pytest

from cms.registrations import services, teams
from cms.registrations.models import Team, TeamMembership
from cms.registrations.services import RegistrationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_event(make_event, people):
    event = make_event(capacity=10, team_size_min=2, team_size_max=3, owner=people["teacher"])
    for pupil in people["pupils"][:5]:
        services.registration_create(event=event, person=pupil)
    return event


def refused(code, call, **kwargs):
    with pytest.raises(RegistrationError) as caught:
        call(**kwargs)
    assert caught.value.code == code
    return caught.value


def test_a_registrant_forms_a_team_others_join_until_it_is_full(team_event, people):
    a, b, c, d = people["pupils"][:4]

    team = teams.team_create(event=team_event, person=a, name="  Синие   киты ")
    teams.team_join(event=team_event, person=b, team_id=team.pk)
    teams.team_join(event=team_event, person=c, team_id=team.pk)
    error = refused("team_full", teams.team_join, event=team_event, person=d, team_id=team.pk)

    assert team.name == "Синие киты"
    assert "3" in error.message
    assert TeamMembership.objects.filter(team=team).count() == 3


def test_one_team_per_person_and_event(team_event, people):
    a, b = people["pupils"][:2]
    first = teams.team_create(event=team_event, person=a, name="Альфа")
    second = teams.team_create(event=team_event, person=b, name="Бета")

    refused("already_in_team", teams.team_join, event=team_event, person=a, team_id=second.pk)
    refused("already_in_team", teams.team_create, event=team_event, person=a, name="Гамма")
    assert teams.team_of(event=team_event, person=a) == first


def test_team_names_are_unique_per_event_whatever_the_case(team_event, people):
    a, b = people["pupils"][:2]
    teams.team_create(event=team_event, person=a, name="Альфа")

    refused("name_taken", teams.team_create, event=team_event, person=b, name="альфа")


def test_only_confirmed_registrants_join_teams(team_event, people):
    team = teams.team_create(event=team_event, person=people["pupils"][0], name="Альфа")

    refused(
        "not_registered",
        teams.team_join,
        event=team_event,
        person=people["pupils"][5],
        team_id=team.pk,
    )


def test_an_event_without_team_sizes_has_no_teams(make_event, people):
    event = make_event("lecture", capacity=10)
    services.registration_create(event=event, person=people["pupils"][0])

    refused("no_teams", teams.team_create, event=event, person=people["pupils"][0], name="X")


def test_leaving_the_last_member_removes_the_team(team_event, people):
    a, b = people["pupils"][:2]
    team = teams.team_create(event=team_event, person=a, name="Альфа")
    teams.team_join(event=team_event, person=b, team_id=team.pk)

    assert teams.team_leave(event=team_event, person=a) is True
    assert Team.objects.filter(pk=team.pk).exists()
    assert teams.team_leave(event=team_event, person=b) is True
    assert not Team.objects.filter(pk=team.pk).exists()
    assert teams.team_leave(event=team_event, person=b) is False


def test_cancelling_the_registration_frees_the_place_in_the_team(
    team_event, people, django_capture_on_commit_callbacks
):
    a, b = people["pupils"][:2]
    team = teams.team_create(event=team_event, person=a, name="Альфа")
    teams.team_join(event=team_event, person=b, team_id=team.pk)
    registration = b.registrations.get(event_id=team_event.pk)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=registration, event=team_event, by=b)

    assert teams.team_of(event=team_event, person=b) is None
    assert list(
        TeamMembership.objects.filter(team=team).values_list("registration__person", flat=True)
    ) == [a.pk]


def test_the_database_refuses_a_second_team_for_one_registration(team_event, people):
    from django.db import IntegrityError, transaction

    a, b = people["pupils"][:2]
    teams.team_create(event=team_event, person=a, name="Альфа")
    other = teams.team_create(event=team_event, person=b, name="Бета")
    registration = a.registrations.get(event_id=team_event.pk)

    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMembership.objects.create(team=other, event_id=team_event.pk, registration=registration)


# The API


def api(event, suffix=""):
    return f"/api/events/{event.pk}/teams{suffix}"


def test_the_widget_lists_teams_and_shows_names_only_inside_ones_own_team(
    client, team_event, people
):
    a, b, c = people["pupils"][:3]
    team = teams.team_create(event=team_event, person=a, name="Альфа")
    teams.team_join(event=team_event, person=b, team_id=team.pk)
    teams.team_create(event=team_event, person=c, name="Бета")

    client.force_login(a)
    mine = client.get(api(team_event)).json()
    client.force_login(people["pupils"][4])
    outsider = client.get(api(team_event)).json()

    assert (mine["team_size_min"], mine["team_size_max"], mine["my_team"]) == (2, 3, team.pk)
    assert [(t["name"], t["size"], t["complete"]) for t in mine["teams"]] == [
        ("Альфа", 2, True),
        ("Бета", 1, False),
    ]
    assert mine["teams"][0]["members"] == ["Ученик0", "Ученик1"]
    assert mine["teams"][1]["members"] == []
    assert outsider["my_team"] is None
    assert all(t["members"] == [] for t in outsider["teams"])
    assert "Ученик" not in str(outsider)


def test_forming_joining_and_leaving_through_the_api(client, team_event, people):
    a, b = people["pupils"][:2]

    client.force_login(a)
    created = client.post(api(team_event), {"name": "Альфа"}, content_type="application/json")
    team_id = created.json()["my_team"]
    client.force_login(b)
    joined = client.post(api(team_event, f"/{team_id}/join"))
    left = client.delete(api(team_event, "/membership"))

    assert created.status_code == 201 and created["Cache-Control"] == "private, no-store"
    assert joined.status_code == 200 and joined.json()["my_team"] == team_id
    assert left.json() == {"left": True}
    assert client.get(api(team_event)).json()["teams"][0]["size"] == 1


def test_a_refusal_has_the_apis_error_shape(client, team_event, people):
    client.force_login(people["pupils"][5])  # not registered

    response = client.post(api(team_event), {"name": "Альфа"}, content_type="application/json")

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "not_registered" and "подтверждённой регистрацией" in error["message"]


def test_an_empty_name_is_a_field_error(client, team_event, people):
    client.force_login(people["pupils"][0])

    response = client.post(api(team_event), {"name": ""}, content_type="application/json")

    assert response.status_code == 400
    assert "name" in response.json()["error"]["fields"]


def test_teams_need_a_signed_in_person_and_a_real_event(client, team_event, people):
    assert client.get(api(team_event)).status_code in (401, 403)
    client.force_login(people["pupils"][0])
    assert client.get("/api/events/999999/teams").json()["error"]["code"] == "not_found"


def test_the_organiser_exports_the_teams_and_nobody_else_can(client, team_event, people):
    a, b = people["pupils"][:2]
    team = teams.team_create(event=team_event, person=a, name="Альфа")
    teams.team_join(event=team_event, person=b, team_id=team.pk)

    client.force_login(a)
    refused_response = client.get(api(team_event, "/export.csv"))
    client.force_login(make_other_teacher())
    other_teacher = client.get(api(team_event, "/export.csv"))
    client.force_login(people["teacher"])
    response = client.get(api(team_event, "/export.csv"))

    assert refused_response.status_code == 403 and other_teacher.status_code == 403
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Команда", "Участник", "Класс"]
    assert [(r[0], r[2]) for r in rows[1:]] == [("Альфа", "7А"), ("Альфа", "7А")]


def make_other_teacher():
    from cms.users.choices import RoleChoices
    from tests.cms.users.conftest import make_person

    return make_person("other-teacher", RoleChoices.TEACHER)
