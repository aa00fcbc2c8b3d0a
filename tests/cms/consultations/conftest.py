"""A tutor who holds consultation hours, the pupils and parents who book them, and outsiders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.consultations import services
from cms.users.choices import RoleChoices
from tests.cms.users.conftest import make_person


def make_hours(host, *, starts_in: timedelta = timedelta(days=1), minutes: int = 60, **fields):
    """Hours of `host` starting `starts_in` from now (negative: running now), published."""
    starts_at = timezone.now().replace(microsecond=0) + starts_in
    fields.setdefault("slot_minutes", 15)
    return services.hours_publish(
        host=host, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes), **fields
    )


@pytest.fixture
def cast(db):
    R = RoleChoices
    return {
        "tutor": make_person("tutor", R.TUTOR, first_name="Анна", last_name="Волкова"),
        "teacher": make_person("teacher", R.TEACHER, first_name="Олег", last_name="Кузнецов"),
        "student": make_person(
            "student",
            R.STUDENT,
            school_class="7А",
            first_name="Иван",
            last_name="Иванов",
            parental_consent=True,
            name_display="full_name",
        ),
        "classmate": make_person(
            "classmate", R.STUDENT, school_class="7А", first_name="Пётр", last_name="Петров"
        ),
        "third": make_person(
            "third", R.STUDENT, school_class="7Б", first_name="Мария", last_name="Смирнова"
        ),
        "parent": make_person("parent", R.PARENT, first_name="Ольга", last_name="Иванова"),
        "public": make_person("visitor", R.PUBLIC, first_name="Гость", last_name="Сайта"),
        "partner": make_person("partner", R.PARTNER, first_name="Hans", last_name="Fischer"),
    }


@pytest.fixture
def hours(cast):
    """The tutor's hours tomorrow: 10 a.m. to 11, four slots of 15 minutes."""
    return make_hours(cast["tutor"], place="Кабинет 301")


@pytest.fixture
def running(cast):
    """The tutor's hours that began ten minutes ago and last another fifty."""
    return make_hours(cast["tutor"], starts_in=timedelta(minutes=-10))
