"""Meetings in the permission matrix: a tutor's meeting with an invited pupil, asked about by
its host, its invitee, another pupil of the school, a teacher, a parent, a partner and a
visitor from outside, staff, and an anonymous visitor.

The host acts; the invitee answers and (once in) reads; the school's people see a meeting
that is not confidential (to ask to enter) but may not act in it (403); people outside the
school find nothing (404); an anonymous visitor is asked to sign in (401). A confidential
meeting is a 404 to everyone but its host and participants, staff included.
"""

from __future__ import annotations

import pytest

from cms.meetings import services
from cms.meetings.models import ParticipantStatus
from tests.cms.meetings.conftest import cast, soon, video  # noqa: F401

pytestmark = pytest.mark.django_db

ASKERS = ["host", "invitee", "other_pupil", "teacher", "parent", "partner", "visitor", "staff",
          "anonymous"]  # fmt: skip
# Who sees the meeting (the tutor's room is seen by the school's own people).
SEE = {"host", "invitee", "other_pupil", "teacher", "parent", "staff"}


@pytest.fixture
def world(cast):  # noqa: F811
    meeting = services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Разбор", starts_at=soon(10),
        participants=[cast["pupil"]], participant_status=ParticipantStatus.ADMITTED,
    )  # fmt: skip
    people = {
        "host": cast["tutor"],
        "invitee": cast["pupil"],
        "other_pupil": cast["other_pupil"],
        "teacher": cast["teacher"],
        "parent": cast["parent"],
        "partner": cast["partner"],
        "visitor": cast["visitor"],
        "staff": cast["staff"],
    }
    return {"meeting": meeting, "people": people, "base": f"/api/meetings/{meeting.pk}"}


def ask(client, world, asker, method, path, body=None):
    if asker != "anonymous":
        client.force_login(world["people"][asker])
    send = getattr(client, method)
    return (
        send(path, body or {}, content_type="application/json") if method != "get" else send(path)
    )


def expect(asker, allowed: set[str], *, ok: int = 200, seen=SEE) -> int:
    if asker == "anonymous":
        return 401
    if asker in allowed:
        return ok
    return 403 if asker in seen else 404


@pytest.mark.parametrize("asker", ASKERS)
def test_who_sees_the_meeting(client, world, asker):
    assert ask(client, world, asker, "get", world["base"]).status_code == expect(asker, SEE)


@pytest.mark.parametrize("asker", ASKERS)
def test_who_gets_the_join_link(client, world, asker):
    response = ask(client, world, asker, "get", world["base"] + "/join")
    assert response.status_code == expect(asker, {"host", "invitee"})


@pytest.mark.parametrize("asker", ASKERS)
def test_who_sees_the_lobby(client, world, asker):
    response = ask(client, world, asker, "get", world["base"] + "/lobby")
    assert response.status_code == expect(asker, {"host"})


@pytest.mark.parametrize("asker", ASKERS)
def test_who_invites(client, world, asker):
    response = ask(
        client, world, asker, "post", world["base"] + "/invitations",
        {"person_ids": [world["people"]["teacher"].pk]},
    )  # fmt: skip
    assert response.status_code == expect(asker, {"host"}, ok=201)


@pytest.mark.parametrize("asker", ASKERS)
def test_who_starts(client, world, asker):
    response = ask(client, world, asker, "post", world["base"] + "/start")
    assert response.status_code == expect(asker, {"host"})


@pytest.mark.parametrize("asker", ASKERS)
def test_who_cancels(client, world, asker):
    response = ask(client, world, asker, "delete", world["base"])
    assert response.status_code == expect(asker, {"host"})


@pytest.mark.parametrize("asker", ASKERS)
def test_who_reads_the_minutes(client, world, asker):
    response = ask(client, world, asker, "get", world["base"] + "/minutes")
    assert response.status_code == expect(asker, {"host", "invitee"})


@pytest.mark.parametrize("asker", ASKERS)
def test_who_asks_to_enter(client, world, asker):
    response = ask(client, world, asker, "post", world["base"] + "/requests", {"reason": "Можно?"})
    # The host may not ask to enter their own meeting; the invitee is in already (409).
    expected = {"host": 403, "invitee": 409}.get(asker) or expect(
        asker, {"other_pupil", "teacher", "parent", "staff"}, ok=201
    )
    assert response.status_code == expected


@pytest.mark.parametrize("asker", ASKERS)
def test_a_confidential_meeting_is_found_by_its_people_only(client, world, asker):
    meeting = world["meeting"]
    meeting.confidential = True
    meeting.save()

    response = ask(client, world, asker, "get", world["base"])

    assert response.status_code == expect(asker, {"host", "invitee"}, seen=set())


@pytest.mark.parametrize("asker", ASKERS)
def test_the_list_holds_only_my_meetings(client, world, asker):
    response = ask(client, world, asker, "get", "/api/meetings")
    if asker == "anonymous":
        assert response.status_code == 401
        return
    ids = [m["id"] for m in response.json()]
    assert ids == ([world["meeting"].pk] if asker in ("host", "invitee") else [])
