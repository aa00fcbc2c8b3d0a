"""The teachers' course and parents' questions in the permission matrix: every kind of person
asks about a course the teacher completed and a question the pupil's parent asked about the
pupil (Иванов). The cohort is the coordinator's (staff here); a certificate its teacher's; a
question its parent's and the people it is addressed to (teachers, for the class teacher)."""

from __future__ import annotations

import pytest

from cms.courses import services as course_services
from cms.parent_questions import services as question_services
from site_content.support.models import CourseModulePage, CoursePage, SupportIndexPage
from tests.factories import make_site

from .test_permission_matrix import ASKERS, PRIVATE, ask, people  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people):  # noqa: F811
    home = make_site(english=False)["ru"]
    index = SupportIndexPage(title="Сопровождение", slug="support")
    home.add_child(instance=index)
    index.save_revision().publish()
    course = CoursePage(title="Курс", slug="course", audience="учителя", duration_hours=36)
    index.add_child(instance=course)
    course.save_revision().publish()
    module = CourseModulePage(title="Модуль", slug="module", goals="Цель")
    course.add_child(instance=module)
    module.save_revision().publish()
    course_services.enrolment_create(course=course, person=people["teacher"])
    course_services.module_mark(
        course=course, person=people["teacher"], module_id=module.pk, done=True
    )
    question = question_services.question_ask(
        parent=people["parent_of"],
        text="Как дела в школе?",
        addressee="class_teacher",
        child_id=people["student"].pk,
    )
    return {"course": course, "module": module, "question": question}


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_coordinator_sees_the_cohort(client, people, world, asker):  # noqa: F811
    response = ask(client, people, asker, "get", f"/api/courses/{world['course'].pk}/cohort")

    expected = {"anonymous": 401, "staff": 200}.get(asker, 403)
    assert response.status_code == expected
    assert ("Кузнецова" in response.content.decode()) is (asker == "staff")


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_teacher_downloads_their_certificate(client, people, world, asker):  # noqa: F811
    path = f"/api/courses/{world['course'].pk}/certificate"
    response = ask(client, people, asker, "get", path)

    expected = {"anonymous": 401, "teacher": 200}.get(asker, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("asker", ASKERS)
def test_only_school_adults_enrol(client, people, world, asker):  # noqa: F811
    response = ask(client, people, asker, "post", f"/api/courses/{world['course'].pk}/enrolment")

    expected = {"anonymous": 401, "teacher": 201, "tutor": 201, "staff": 201}.get(asker, 403)
    assert response.status_code == expected


SEES_QUESTION = {"parent_of", "teacher", "staff"}


@pytest.mark.parametrize("asker", ASKERS)
def test_a_question_is_seen_by_its_parent_and_its_addressees_only(client, people, world, asker):  # noqa: F811
    response = ask(client, people, asker, "get", f"/api/parent-questions/{world['question'].pk}")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == (200 if asker in SEES_QUESTION else 404)
    listed = ask(client, people, asker, "get", "/api/parent-questions").content.decode()
    assert ("Как дела в школе?" in listed) is (asker in SEES_QUESTION)
    if asker not in SEES_QUESTION:
        assert PRIVATE not in response.content.decode() + listed


@pytest.mark.parametrize("asker", ASKERS)
def test_only_addressees_answer(client, people, world, asker):  # noqa: F811
    response = ask(
        client,
        people,
        asker,
        "post",
        f"/api/parent-questions/{world['question'].pk}/answer",
        {"answer": "Хорошо"},
    )

    expected = {"anonymous": 401, "teacher": 200, "staff": 200, "parent_of": 403}.get(asker, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("asker", ASKERS)
def test_only_parents_ask(client, people, world, asker):  # noqa: F811
    response = ask(
        client, people, asker, "post", "/api/parent-questions", {"addressee": "tutor", "text": "?"}
    )

    expected = {"anonymous": 401, "parent_of": 201, "parent_of_other": 201}.get(asker, 403)
    assert response.status_code == expected
