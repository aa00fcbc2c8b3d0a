"""A published teachers' course with two published modules (and a draft one), and its people."""

from __future__ import annotations

import pytest

from cms.users.choices import RoleChoices
from site_content.support.models import CourseModulePage, CoursePage, SupportIndexPage
from tests.cms.users.conftest import make_person
from tests.factories import make_site


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def course(db):
    home = make_site(english=False)["ru"]
    index = publish(home, SupportIndexPage(title="Сопровождение", slug="support"))
    course = publish(
        index,
        CoursePage(
            title="Сопровождение проектной деятельности",
            slug="project-support-course",
            audience="учителя и тьюторы",
            duration_hours=36,
        ),
    )
    for number in (1, 2):
        publish(
            course,
            CourseModulePage(title=f"Модуль {number}", slug=f"module-{number}", goals="Цель"),
        )
    draft = CourseModulePage(title="Черновик модуля", slug="draft", goals="Цель", live=False)
    course.add_child(instance=draft)
    draft.save_revision()
    return course


@pytest.fixture
def modules(course):
    return list(CourseModulePage.objects.live().child_of(course).order_by("path"))


@pytest.fixture
def draft_module(course):
    return CourseModulePage.objects.child_of(course).get(live=False)


@pytest.fixture
def cast(course):
    """Teachers, the course's coordinator, staff and people the course is not for."""
    people = {
        "teacher": make_person(
            "teacher", RoleChoices.TEACHER, first_name="Анна", patronymic="Сергеевна",
            last_name="Смирнова", email="anna@example.org",
        ),
        "tutor": make_person("tutor", RoleChoices.TUTOR, first_name="Олег", last_name="Волков"),
        "coordinator": make_person(
            "coordinator", RoleChoices.TEACHER, first_name="Ирина", last_name="Ким"
        ),
        "staff": make_person("staff", RoleChoices.STAFF, first_name="Вера", last_name="Лебедева"),
        "parent": make_person("parent", RoleChoices.PARENT, first_name="Мама", last_name="Ива"),
        "student": make_person("student", RoleChoices.STUDENT, school_class="7А"),
    }  # fmt: skip
    course.coordinator = people["coordinator"]
    course.save_revision().publish()
    return people
