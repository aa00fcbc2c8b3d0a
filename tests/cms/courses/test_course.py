"""A teacher takes the course: enrols, marks the published modules done, completes it and
downloads a certificate with their name; the coordinator follows the cohort and exports it."""

from __future__ import annotations

import csv
import io

import pytest
from wagtail.models import Site

from cms.courses import services
from cms.courses.certificate import certificate_pdf
from cms.courses.models import CourseEnrolment
from cms.notifications.models import Notification
from site_content.legal.models.school import SchoolDetails

from .pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def api(client, person, method, path):
    client.force_login(person)
    return getattr(client, method)(path)


def test_a_teacher_enrols_and_sees_the_published_modules_only(client, course, modules, cast):
    response = api(client, cast["teacher"], "post", f"/api/courses/{course.pk}/enrolment")

    assert response.status_code == 201
    body = response.json()
    assert body["enrolled"] is True
    assert (body["done"], body["total"]) == (0, 2)
    assert [m["title"] for m in body["modules"]] == ["Модуль 1", "Модуль 2"]
    assert body["certificate_url"] == ""


def test_enrolling_twice_keeps_one_enrolment(client, course, cast):
    api(client, cast["tutor"], "post", f"/api/courses/{course.pk}/enrolment")
    api(client, cast["tutor"], "post", f"/api/courses/{course.pk}/enrolment")

    assert CourseEnrolment.objects.filter(course=course, teacher=cast["tutor"]).count() == 1


@pytest.mark.parametrize("who", ["parent", "student"])
def test_the_course_is_not_for_parents_and_pupils(client, course, cast, who):
    response = api(client, cast[who], "post", f"/api/courses/{course.pk}/enrolment")

    assert response.status_code == 403
    assert "учителей и тьюторов" in response.json()["error"]["message"]


def test_marking_every_module_completes_the_course_and_unmarking_reopens_it(
    client, course, modules, cast
):
    teacher = cast["teacher"]
    api(client, teacher, "post", f"/api/courses/{course.pk}/enrolment")
    base = f"/api/courses/{course.pk}/modules"

    first = api(client, teacher, "put", f"{base}/{modules[0].pk}/completion").json()
    assert (first["done"], first["completed_at"]) == (1, None)
    second = api(client, teacher, "put", f"{base}/{modules[1].pk}/completion").json()
    assert second["done"] == 2 and second["completed_at"] is not None
    assert second["certificate_url"] == f"/api/courses/{course.pk}/certificate"
    assert Notification.objects.filter(recipient=teacher, kind="course_completed").count() == 1

    undone = api(client, teacher, "delete", f"{base}/{modules[1].pk}/completion").json()
    assert (undone["done"], undone["completed_at"]) == (1, None)
    assert api(client, teacher, "get", f"/api/courses/{course.pk}/certificate").status_code == 409


def test_a_draft_module_or_another_courses_page_cannot_be_marked(
    client, course, draft_module, cast
):
    api(client, cast["teacher"], "post", f"/api/courses/{course.pk}/enrolment")

    path = f"/api/courses/{course.pk}/modules/{draft_module.pk}/completion"
    response = api(client, cast["teacher"], "put", path)

    assert response.status_code == 404


def test_marking_without_enrolling_is_refused_with_a_reason(client, course, modules, cast):
    path = f"/api/courses/{course.pk}/modules/{modules[0].pk}/completion"
    response = api(client, cast["teacher"], "put", path)

    assert response.status_code == 409
    assert response.json()["error"]["message"] == "Сначала запишитесь на курс."


def complete(course, person, modules):
    services.enrolment_create(course=course, person=person)
    for module in modules:
        services.module_mark(course=course, person=person, module_id=module.pk, done=True)


def test_the_certificate_names_the_school_the_teacher_the_course_and_the_hours(
    client, course, modules, cast
):
    site = Site.objects.get(is_default_site=True)
    details = SchoolDetails.for_site(site)
    details.full_name = "ГБОУ Лицей № 1 Приморского района Санкт-Петербурга"
    details.save()
    complete(course, cast["teacher"], modules)

    response = api(client, cast["teacher"], "get", f"/api/courses/{course.pk}/certificate")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "ГБОУ Лицей № 1" in text
    assert "Анна Сергеевна Смирнова" in text
    assert "Сопровождение проектной деятельности" in text
    assert "36 ч" in text
    enrolment = CourseEnrolment.objects.get(teacher=cast["teacher"])
    assert enrolment.certificate_number in text


def test_the_certificate_is_the_same_file_each_time(course, modules, cast):
    complete(course, cast["teacher"], modules)
    enrolment = CourseEnrolment.objects.get(teacher=cast["teacher"])

    assert certificate_pdf(enrolment=enrolment, school="Лицей") == certificate_pdf(
        enrolment=enrolment, school="Лицей"
    )


def test_the_certificate_waits_for_the_last_module(client, course, modules, cast):
    services.enrolment_create(course=course, person=cast["teacher"])

    response = api(client, cast["teacher"], "get", f"/api/courses/{course.pk}/certificate")

    assert response.status_code == 409
    assert "все модули" in response.json()["error"]["message"]


@pytest.mark.parametrize("who", ["tutor", "parent", "student"])
def test_nobody_else_downloads_a_teachers_certificate(client, course, modules, cast, who):
    complete(course, cast["teacher"], modules)

    response = api(
        client,
        cast[who],
        "get",
        f"/api/courses/{course.pk}/certificate?teacher={cast['teacher'].pk}",
    )

    assert response.status_code == 404
    assert "Смирнова" not in response.content.decode("latin-1")


def test_the_coordinator_downloads_a_teachers_certificate(client, course, modules, cast):
    complete(course, cast["teacher"], modules)

    response = api(
        client,
        cast["coordinator"],
        "get",
        f"/api/courses/{course.pk}/certificate?teacher={cast['teacher'].pk}",
    )

    assert response.status_code == 200
    assert "Анна Сергеевна Смирнова" in pdf_text(response.content)


def test_the_coordinator_sees_the_cohorts_progress(client, course, modules, cast):
    complete(course, cast["teacher"], modules)
    services.enrolment_create(course=course, person=cast["tutor"])
    services.module_mark(course=course, person=cast["tutor"], module_id=modules[0].pk, done=True)

    response = api(client, cast["coordinator"], "get", f"/api/courses/{course.pk}/cohort")

    assert response.status_code == 200
    rows = {row["teacher"]["name"]: row for row in response.json()["teachers"]}
    assert rows["Анна Сергеевна Смирнова"]["done"] == 2
    assert rows["Анна Сергеевна Смирнова"]["completed_at"] is not None
    assert rows["Олег Волков"]["done"] == 1
    assert rows["Олег Волков"]["total"] == 2
    assert rows["Олег Волков"]["completed_at"] is None


def test_the_cohort_downloads_as_csv(client, course, modules, cast):
    complete(course, cast["teacher"], modules)

    response = api(client, cast["staff"], "get", f"/api/courses/{course.pk}/cohort?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Слушатель", "Пройдено модулей", "Всего модулей"]
    assert rows[1][:3] == ["Анна Сергеевна Смирнова", "2", "2"]


@pytest.mark.parametrize("who", ["teacher", "tutor", "parent", "student"])
def test_only_the_coordinator_and_staff_see_the_cohort(client, course, modules, cast, who):
    complete(course, cast["teacher"], modules)

    for suffix in ("", "?format=csv"):
        response = api(client, cast[who], "get", f"/api/courses/{course.pk}/cohort{suffix}")
        assert response.status_code == 403
        assert response["Content-Type"] == "application/json"
        assert "Смирнова" not in response.content.decode()


def test_an_unknown_or_draft_course_answers_404(client, course, cast):
    course.unpublish()

    response = api(client, cast["teacher"], "get", f"/api/courses/{course.pk}")

    assert response.status_code == 404
