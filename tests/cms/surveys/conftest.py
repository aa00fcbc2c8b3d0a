"""People for the survey tests: parents and pupils of two grades, a teacher, staff."""

from __future__ import annotations

import pytest

from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from tests.cms.users.conftest import make_person

from .factories import make_survey


def make_parent(username: str, school_class: str = "9А"):
    """A parent with a child in `school_class`."""
    child = make_person(f"{username}-child", RoleChoices.STUDENT, school_class=school_class)
    parent = make_person(username, RoleChoices.PARENT, email=f"{username}@example.org")
    Guardianship.objects.create(parent=parent, child=child)
    return parent


@pytest.fixture
def people(db):
    return {
        "parent": make_parent("parent"),
        "pupil": make_person("pupil", RoleChoices.STUDENT, school_class="9Б"),
        "teacher": make_person("teacher", RoleChoices.TEACHER),
        "staff": make_person("editor", RoleChoices.STAFF),
        "outsider": make_person("guest", RoleChoices.PUBLIC),
    }


@pytest.fixture
def survey(db):
    return make_survey()
