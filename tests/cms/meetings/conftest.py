"""The people around meeting rooms, a room with a link, and (until the video package of the
same issue is on the branch) a stand-in provider that hands out the room's own link."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from cms.meetings import services
from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from tests.cms.users.conftest import make_person

ROOM_LINK = "https://telemost.yandex.ru/j/12345678"


def _fake_video() -> types.ModuleType:
    @dataclass(frozen=True)
    class JoinRequest:
        room_name: str
        meeting_title: str
        display_name: str
        user_id: str
        not_before: datetime
        expires_at: datetime
        email: str = ""
        moderator: bool = False
        lobby: bool = True
        external_url: str = ""

    class External:
        name = "external"

        def join_url(self, request):
            return request.external_url

    module = types.ModuleType("cms.meetings.video")
    module.JoinRequest = JoinRequest
    module.video_provider = External
    module.open_join_url = lambda request: External().join_url(request)
    return module


@pytest.fixture(autouse=True)
def video(monkeypatch, settings):
    """The real provider package when it is there (its default is the room's own link),
    else a stand-in with the same contract."""
    try:
        import cms.meetings.video  # noqa: F401
    except ImportError:
        monkeypatch.setitem(sys.modules, "cms.meetings.video", _fake_video())
    if hasattr(settings, "MEETINGS_VIDEO"):
        settings.MEETINGS_VIDEO = {**settings.MEETINGS_VIDEO, "PROVIDER": "external"}


@pytest.fixture
def cast(db):
    R = RoleChoices
    pupil = make_person(
        "pupil", R.STUDENT, school_class="7А", first_name="Артём", last_name="Смирнов",
        email="pupil@example.org",
    )  # fmt: skip
    parent = make_person("parent", R.PARENT, email="parent@example.org")
    Guardianship.objects.create(parent=parent, child=pupil)
    people = {
        "pupil": pupil,
        "classmate": make_person(
            "classmate", R.STUDENT, school_class="7А", email="classmate@example.org"
        ),  # fmt: skip
        "other_pupil": make_person("other", R.STUDENT, school_class="8Б"),
        "parent": parent,
        "tutor": make_person(
            "tutor", R.TUTOR, first_name="Ольга", last_name="Иванова", email="tutor@example.org"
        ),  # fmt: skip
        "teacher": make_person("teacher", R.TEACHER, email="teacher@example.org"),
        "psychologist": make_person("psy", R.PSYCHOLOGIST, email="psy@example.org"),
        "partner": make_person("partner", R.PARTNER, email="partner@example.org"),
        "council": make_person("council", R.COUNCIL_MEMBER, email="council@example.org"),
        "staff": make_person("staff", R.STAFF, email="staff@example.org"),
        "visitor": make_person("visitor", R.PUBLIC, email="visitor@example.org"),
    }
    room = services.room_of_person(person=people["tutor"])
    room.external_url = ROOM_LINK
    room.save()
    people["room"] = room
    return people


def soon(minutes: int = 60) -> datetime:
    return timezone.now() + timedelta(minutes=minutes)


@pytest.fixture
def meeting(cast):
    """The tutor's meeting in an hour, the pupil invited."""
    return services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Разбор проекта", starts_at=soon(),
        participants=[cast["pupil"]],
    )  # fmt: skip
