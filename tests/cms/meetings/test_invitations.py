"""Whom a host can find and invite, and the room's own video link: an adult of the lyceum
reaches the school; a consultant from outside reaches only the school's adults and the people
of the project he works on, and no whole class."""

from __future__ import annotations

import pytest
from django.test import Client

from cms.meetings import services
from cms.meetings.models import MeetingParticipant
from cms.projects.models import MemberRole, MemberStatus, ProjectMember
from tests.cms.meetings.conftest import soon
from tests.cms.projects.factories import make_project

pytestmark = pytest.mark.django_db


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def project_meeting(cast):
    """The pupil's project, advised by the partner, who hosts a meeting in its room."""
    project = make_project(cast["pupil"], tutor=cast["tutor"])
    ProjectMember.objects.create(
        project=project,
        person=cast["partner"],
        role=MemberRole.CONSULTANT,
        status=MemberStatus.ACCEPTED,
    )
    room = services.room_of_project(project=project)
    return services.meeting_create(
        room=room, host=cast["partner"], title="Датчики", starts_at=soon()
    )


def options(person, meeting, q=""):
    response = client_for(person).get(f"/api/meetings/{meeting.pk}/invitations", {"q": q})
    assert response.status_code == 200, response.content
    return response.json()


def test_a_tutor_finds_a_pupil_by_surname_with_full_name_and_class_but_no_address(cast, meeting):
    invited_already = options(cast["tutor"], meeting, "Смирнов")
    found = options(cast["tutor"], meeting, "7А")

    # The pupil is invited to this meeting already; his classmate is offered by class.
    assert invited_already["people"] == []
    assert [p["id"] for p in found["people"]] == [cast["classmate"].pk]
    assert found["people"][0]["name"].endswith(", 7А")
    assert "@" not in str(found)
    assert {c["name"] for c in found["classes"]} >= {"7А", "8Б"}
    assert "teacher" in {r["value"] for r in found["roles"]}


def test_an_outside_consultant_finds_the_projects_pupil_and_the_schools_adults_only(
    cast, project_meeting
):
    pupil = options(cast["partner"], project_meeting, "Смирнов")
    other = options(cast["partner"], project_meeting, "8Б")
    teacher = options(cast["partner"], project_meeting, cast["tutor"].last_name)

    assert [p["id"] for p in pupil["people"]] == [cast["pupil"].pk]
    assert other["people"] == []
    assert [p["id"] for p in teacher["people"]] == [cast["tutor"].pk]
    assert pupil["classes"] == [] and pupil["roles"] == []


def test_an_outside_consultant_cannot_invite_a_pupil_or_a_class_outside_his_project(
    cast, project_meeting
):
    host = client_for(cast["partner"])
    path = f"/api/meetings/{project_meeting.pk}/invitations"

    stranger = host.post(
        path, {"person_ids": [cast["other_pupil"].pk]}, content_type="application/json"
    )
    whole_class = host.post(
        path, {"class_ids": [cast["pupil"].school_class_id]}, content_type="application/json"
    )

    assert stranger.status_code == 201 and stranger.json()["invited"] == 0
    assert whole_class.status_code == 409
    assert "взрослые лицея" in whole_class.json()["error"]["message"]
    assert not MeetingParticipant.objects.filter(
        meeting=project_meeting, person=cast["other_pupil"]
    ).exists()


def test_only_a_host_of_the_room_sets_its_video_link(cast):
    room = cast["room"]
    path = f"/api/rooms/{room.pk}"
    link = "https://telemost.yandex.ru/j/99988877766"

    by_teacher = client_for(cast["teacher"]).patch(
        path, {"link": link}, content_type="application/json"
    )
    by_visitor = client_for(cast["visitor"]).patch(
        path, {"link": link}, content_type="application/json"
    )
    not_https = client_for(cast["tutor"]).patch(
        path, {"link": "http://example.org/x"}, content_type="application/json"
    )
    by_tutor = client_for(cast["tutor"]).patch(
        path, {"link": link}, content_type="application/json"
    )

    assert by_teacher.status_code == 403
    assert by_visitor.status_code == 404
    assert not_https.status_code == 400
    assert by_tutor.status_code == 200 and by_tutor.json()["link"] == link
    room.refresh_from_db()
    assert room.external_url == link


def test_the_rooms_list_hands_the_link_to_hosts_only(cast):
    listed = client_for(cast["teacher"]).get("/api/rooms").json()
    tutors_room = next(r for r in listed if r["id"] == cast["room"].pk)

    assert tutors_room["may_host"] is False and tutors_room["link"] is None
