"""The people around the psychologist's help, and a published relaxation room."""

from __future__ import annotations

import pytest

from cms.users.choices import RoleChoices as R
from cms.users.models import Guardianship
from cms.wellbeing import services
from site_content.support.models import RelaxationRoomPage, SupportIndexPage
from tests.cms.users.conftest import make_person
from tests.factories import make_site

URGENT_HELP_RU = "Телефон доверия лицея: 8-812-000-00-00, круглосуточно."
URGENT_HELP_EN = "The lyceum's help line: +7-812-000-00-00, day and night."


def make_cast() -> dict:
    """The psychologist and everyone who must not read what is written to them."""
    cast = {
        "psychologist": make_person(
            "psy",
            R.PSYCHOLOGIST,
            first_name="Ирина",
            last_name="Светлова",
            email="psy@school.example",
        ),
        "student": make_person(
            "pupil", R.STUDENT, school_class="7А", first_name="Коля", last_name="Иванов"
        ),
        "parent": make_person("mother", R.PARENT, first_name="Анна", last_name="Иванова"),
        "other_student": make_person("other", R.STUDENT, school_class="7Б"),
        "other_parent": make_person("father", R.PARENT, first_name="Пётр", last_name="Петров"),
        "teacher": make_person("teacher", R.TEACHER),
        "editor": make_person("editor", R.STAFF, is_staff=True),
        "administrator": make_person("admin", R.ADMINISTRATOR, is_staff=True),
        "superuser": make_person("root", is_staff=True, is_superuser=True),
    }
    Guardianship.objects.create(parent=cast["parent"], child=cast["student"])
    Guardianship.objects.create(parent=cast["other_parent"], child=cast["other_student"])
    return cast


@pytest.fixture(autouse=True)
def default_crisis_words(request):
    """The crisis list the data migration seeds (a transactional test's flush removes it)."""
    if request.node.get_closest_marker("django_db") is None and "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    from importlib import import_module

    from django.apps import apps

    import_module("cms.wellbeing.migrations.0002_crisis_words").create(apps, None)


@pytest.fixture
def cast(db):
    return make_cast()


def make_relaxation_room(*, english: bool = True) -> dict:
    homes = make_site(english=english)
    rooms = {}
    for language, home in homes.items():
        index = SupportIndexPage(title="Сопровождение", slug="support")
        home.add_child(instance=index)
        index.save_revision().publish()
        room = RelaxationRoomPage(
            title="Комната отдыха" if language == "ru" else "Relaxation room",
            slug="relaxation-room",
            urgent_help=URGENT_HELP_RU if language == "ru" else URGENT_HELP_EN,
        )
        index.add_child(instance=room)
        room.save_revision().publish()
        rooms[language] = room
    return rooms


@pytest.fixture
def relaxation_room(db):
    return make_relaxation_room()


def write(text="Мне тяжело с одноклассниками", *, requester=None, **fields):
    return services.help_request_create(text=text, requester=requester, **fields)
