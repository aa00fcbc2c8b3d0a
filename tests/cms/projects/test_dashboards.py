"""Dashboards: the tutor's queue of what waits for them, and the school's progress by class,
with its CSV download; who may see which, and what names they see."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from freezegun import freeze_time

from cms.projects import dashboards
from cms.projects.models import (
    MemberRole,
    MemberStatus,
    Project,
    ProjectMember,
    Stage,
    StageStatus,
    TutorRequest,
)
from cms.users.choices import NameDisplay, RoleChoices
from cms.users.selectors import display_name_for
from tests.cms.projects.factories import make_cast, make_project, stage_accept, stage_submit
from tests.cms.users.conftest import make_person

pytestmark = pytest.mark.django_db

TUTOR_URL = reverse("api:tutor-dashboard")
SCHOOL_URL = reverse("api:school-dashboard")


@pytest.fixture
def cast():
    return make_cast()


def signed_in(client, person):
    client.force_login(person)
    return client


def overdue_by(stage: Stage, days: int) -> None:
    Stage.objects.filter(pk=stage.pk).update(
        due_date=dashboards.school_today() - timedelta(days=days)
    )


def test_the_tutor_sees_submitted_stages_first_then_overdue_ones(client, cast):
    tutor = cast["tutor"]
    make_project(cast["coauthor"], title="Тихий проект", tutor=tutor)
    late = make_project(cast["author"], title="Опоздавший", tutor=tutor)
    overdue_by(late.stages.get(position=1), days=3)
    waiting = cast["project"]
    first = waiting.stages.get(position=1)
    stage_submit(first, author=cast["author"])

    body = signed_in(client, tutor).get(TUTOR_URL).json()

    titles = [project["title"] for project in body["projects"]]
    assert titles == [waiting.title, "Опоздавший", "Тихий проект"]
    top = body["projects"][0]
    assert top["waiting"][0]["stage_id"] == first.pk
    assert top["waiting"][0]["submitted_at"]
    assert top["stage_counts"]["submitted"] == 1
    assert top["current_stage"]["id"] == first.pk
    assert body["projects"][1]["overdue"][0]["title"] == late.stages.get(position=1).title
    assert body["totals"] == {"projects": 3, "waiting": 1, "overdue": 1, "tutor_requests": 0}


def test_an_accepted_stage_past_its_date_is_not_overdue(client, cast):
    stage = cast["project"].stages.get(position=1)
    stage_submit(stage, author=cast["author"])
    stage_accept(stage, tutor=cast["tutor"])
    overdue_by(stage, days=5)

    body = signed_in(client, cast["tutor"]).get(TUTOR_URL).json()

    assert body["projects"][0]["overdue"] == []
    assert body["projects"][0]["current_stage"]["position"] == 2


def test_a_stage_is_overdue_once_its_day_has_passed_in_st_petersburg(client, cast):
    stage = cast["project"].stages.get(position=1)
    Stage.objects.filter(pk=stage.pk).update(due_date=date(2025, 3, 10))
    signed_in(client, cast["tutor"])

    # 22:30 UTC on the 10th: still the due day in London, already the 11th in St. Petersburg.
    with freeze_time(datetime(2025, 3, 10, 22, 30, tzinfo=UTC)):
        body = client.get(TUTOR_URL).json()

    assert [o["stage_id"] for o in body["projects"][0]["overdue"]] == [stage.pk]


def test_the_tutor_sees_pending_requests_to_them_only(client, cast):
    fresh = make_project(cast["other_student"], title="Без тьютора")
    TutorRequest.objects.create(
        project=fresh, tutor=cast["tutor"], requested_by=cast["other_student"], message="Помогите"
    )
    other = make_project(cast["coauthor"], title="Другому тьютору")
    TutorRequest.objects.create(project=other, tutor=cast["other_tutor"], requested_by=None)

    body = signed_in(client, cast["tutor"]).get(TUTOR_URL).json()

    assert [r["project"]["title"] for r in body["tutor_requests"]] == ["Без тьютора"]
    request = body["tutor_requests"][0]
    assert request["message"] == "Помогите"
    # The pupil asked this tutor by name: the tutor sees who asks.
    assert request["requested_by"]["name"] == cast["other_student"].full_name
    assert "email" not in request["requested_by"]


def test_the_tutor_never_sees_another_tutors_projects(client, cast):
    body = signed_in(client, cast["tutor"]).get(TUTOR_URL).json()

    assert [project["id"] for project in body["projects"]] == [cast["project"].pk]
    assert "Чужой проект" not in str(body)


def test_the_tutor_knows_the_pupils_of_their_projects_by_name_whatever_the_public_sees(
    client, cast
):
    author = cast["author"]
    author.parental_consent = True
    author.name_display = NameDisplay.INITIALS
    author.save()

    body = signed_in(client, cast["tutor"]).get(TUTOR_URL).json()

    names = {a["id"]: a["name"] for a in body["projects"][0]["authors"]}
    assert names[author.pk] == "Аня Соколова"
    assert names[cast["coauthor"].pk] == "Боря Петров"
    assert "anya@school.example" not in str(body)


@pytest.mark.parametrize("viewer", ["tutor", "staff", "parent", "author", "other_parent"])
def test_names_worked_out_in_bulk_match_display_name_for(cast, viewer):
    viewer = cast[viewer]
    names = dashboards.PeopleNames(viewer)
    for person in (cast["author"], cast["coauthor"], cast["other_student"], cast["tutor"]):
        assert names.name(person) == display_name_for(person=person, viewer=viewer)


@pytest.mark.parametrize("count", [5, 50])
def test_the_tutor_dashboard_reads_any_number_of_projects_in_the_same_few_queries(
    client, count, django_assert_max_num_queries
):
    tutor = make_person("busy", RoleChoices.TUTOR)
    for i in range(count):
        pupil = make_person(f"pupil{i}", RoleChoices.STUDENT, school_class="9В")
        project = make_project(pupil, title=f"Проект {i}", tutor=tutor)
        stage_submit(project.stages.get(position=1), author=pupil)
        if i % 2:
            TutorRequest.objects.create(
                project=make_project(pupil, title=f"Ещё {i}"), tutor=tutor, requested_by=pupil
            )
    signed_in(client, tutor)
    client.get(TUTOR_URL)  # the session and the rate limit rows exist from here on

    with django_assert_max_num_queries(14):
        response = client.get(TUTOR_URL)

    assert response.status_code == 200
    assert len(response.json()["projects"]) == count


@pytest.mark.parametrize("asker", ["author", "parent", "consultant", "expert", "other_student"])
def test_people_who_tutor_nothing_may_not_open_the_tutor_dashboard(client, cast, asker):
    response = signed_in(client, cast[asker]).get(TUTOR_URL)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_the_dashboards_need_signing_in(client):
    assert client.get(TUTOR_URL).status_code in (401, 403)
    assert client.get(SCHOOL_URL).status_code in (401, 403)
    assert client.get(SCHOOL_URL, {"format": "csv"})["Content-Type"].startswith("application/json")


def test_dashboards_are_never_cached_by_anyone_but_the_asker(client, cast):
    response = signed_in(client, cast["tutor"]).get(TUTOR_URL)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.fixture
def school(cast):
    """The cast's 8А project at stage 2 with an overdue stage, a finished 8Б project."""
    project = cast["project"]
    first = project.stages.get(position=1)
    stage_submit(first, author=cast["author"])
    stage_accept(first, tutor=cast["tutor"])
    overdue_by(project.stages.get(position=2), days=1)
    overdue_by(project.stages.get(position=3), days=1)
    done = cast["other_project"]
    for stage in done.stages.all():
        stage_submit(stage, author=cast["other_student"])
        stage_accept(stage, tutor=cast["other_tutor"])
        overdue_by(stage, days=30)
    cast["teacher"] = make_person("teacher", RoleChoices.TEACHER)
    return cast


def test_the_school_dashboard_counts_projects_by_current_stage_and_class(client, school):
    body = signed_in(client, school["teacher"]).get(SCHOOL_URL).json()

    assert body["projects"] == 2
    assert body["by_status"]["not_started"] == 1
    assert body["by_status"]["accepted"] == 1
    positions = {row["position"]: row["total"] for row in body["by_stage"]}
    assert positions == {2: 1, 6: 1}
    per_class = {row["name"]: row for row in body["per_class"]}
    assert per_class["8А"]["projects"] == 1
    assert per_class["8А"]["overdue_stages"] == 2
    assert per_class["8Б"]["overdue_stages"] == 0
    assert body["overdue"] == {"projects": 1, "stages": 2}
    assert {c["name"] for c in body["classes"]} == {"8А", "8Б"}


def test_the_school_dashboard_narrows_to_one_class(client, school):
    eight_b = school["other_student"].school_class

    body = signed_in(client, school["teacher"]).get(SCHOOL_URL, {"school_class": eight_b.pk}).json()

    assert body["school_class"] == {"id": eight_b.pk, "name": "8Б"}
    assert body["projects"] == 1
    assert [row["name"] for row in body["per_class"]] == ["8Б"]


def test_an_unknown_class_is_a_field_error(client, school):
    response = signed_in(client, school["teacher"]).get(SCHOOL_URL, {"school_class": 999999})

    assert response.status_code == 400
    assert "school_class" in response.json()["error"]["fields"]


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_has_one_row_per_project_with_a_bom_for_excel(client, school):
    response = signed_in(client, school["teacher"]).get(SCHOOL_URL, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header[0] == "Класс"
    assert len(rows) == 2
    by_class = {row[0]: row for row in rows}
    assert by_class["8А"][1] == school["project"].title
    assert by_class["8А"][4] == "Дмитрий Волков"
    assert by_class["8А"][6] == "не начат"
    assert by_class["8А"][7] == "2"


def test_the_csv_is_also_chosen_by_the_accept_header(client, school):
    response = signed_in(client, school["teacher"]).get(SCHOOL_URL, HTTP_ACCEPT="text/csv")

    assert response["Content-Type"].startswith("text/csv")


def test_an_accept_header_nothing_matches_gets_json_not_a_406(client, school):
    teacher = signed_in(client, school["teacher"])

    asked_json = teacher.get(SCHOOL_URL, {"format": "json"}, HTTP_ACCEPT="text/csv")
    asked_xml = teacher.get(SCHOOL_URL, HTTP_ACCEPT="application/xml")

    for response in (asked_json, asked_xml):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")


def test_pupils_names_in_the_csv_follow_what_the_asker_may_see(client, school):
    teacher_rows = {
        row[0]: row
        for row in csv_rows(signed_in(client, school["teacher"]).get(SCHOOL_URL, {"format": "csv"}))
    }
    staff_rows = {
        row[0]: row
        for row in csv_rows(signed_in(client, school["staff"]).get(SCHOOL_URL, {"format": "csv"}))
    }

    assert "Аня Соколова" in staff_rows["8А"][3]
    assert "Соколова" not in teacher_rows["8А"][3]
    assert teacher_rows["8А"][3].startswith(
        display_name_for(person=school["author"], viewer=school["teacher"])
    )


def test_a_title_that_looks_like_a_formula_is_not_one_in_the_csv(client, school):
    Project.objects.filter(pk=school["project"].pk).update(title="=HYPERLINK(1)")

    rows = csv_rows(signed_in(client, school["staff"]).get(SCHOOL_URL, {"format": "csv"}))

    assert "'=HYPERLINK(1)" in [row[1] for row in rows]


@pytest.mark.parametrize(
    "asker", ["author", "parent", "consultant", "expert", "other_student", "tutor"]
)
def test_students_parents_consultants_experts_and_tutors_may_not_see_the_school(
    client, school, asker
):
    for params in ({}, {"format": "csv"}):
        response = signed_in(client, school[asker]).get(SCHOOL_URL, params)

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"


def test_administrators_and_staff_see_the_school(client, school):
    administrator = make_person("head", RoleChoices.ADMINISTRATOR)

    assert signed_in(client, administrator).get(SCHOOL_URL).status_code == 200
    assert signed_in(client, school["staff"]).get(SCHOOL_URL).status_code == 200


def test_the_school_dashboard_reads_in_a_bounded_number_of_queries(
    client, school, django_assert_max_num_queries
):
    for i in range(20):
        pupil = make_person(f"p{i}", RoleChoices.STUDENT, school_class=f"{5 + i % 4}А")
        make_project(pupil, title=f"П{i}")
    signed_in(client, school["staff"])
    client.get(SCHOOL_URL)

    with django_assert_max_num_queries(16):
        assert client.get(SCHOOL_URL).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(SCHOOL_URL, {"format": "csv"}).status_code == 200


def test_a_consultant_invitation_does_not_make_a_project_count_in_a_class(client, school):
    ProjectMember.objects.create(
        project=school["other_project"],
        person=make_person("guest-pupil", RoleChoices.STUDENT, school_class="11А"),
        role=MemberRole.AUTHOR,
        status=MemberStatus.INVITED,
    )

    body = signed_in(client, school["teacher"]).get(SCHOOL_URL).json()

    assert "11А" not in {row["name"] for row in body["per_class"]}
    assert StageStatus.ACCEPTED in body["by_status"]
