"""The people around meeting rooms and a room with its own link (the "external" provider)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from cms.meetings import services
from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from tests.cms.users.conftest import make_person

ROOM_LINK = "https://telemost.yandex.ru/j/12345678"


@pytest.fixture(autouse=True)
def video(settings):
    """The provider every test here uses: the room's own link (the adapters have their own
    tests in test_video.py)."""
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
