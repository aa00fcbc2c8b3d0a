"""The workspace API as the widget uses it: my projects, starting one, inviting, asking a
tutor, handing in a stage with files, the tutor's decision, comments and activity; and what
each person sees of the others (never a pupil's email for a consultant)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.projects import services
from cms.projects.models import ProjectMember, StageTemplate, TutorRequest
from cms.users.choices import RoleChoices
from tests.cms.projects.factories import make_project
from tests.cms.users.conftest import make_person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def base(cast) -> str:
    return f"/api/projects/{cast['project'].pk}"


def roles_seen(ask, who) -> dict[str, str]:
    response = ask(who, "get", "/api/projects")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return {p["title"]: p["my_role"] for p in response.json()}


@pytest.mark.parametrize(
    "who, expected",
    [
        ("author", {"Умная теплица": "author"}),
        ("tutor", {"Умная теплица": "tutor"}),
        ("parent", {"Умная теплица": "parent"}),
        ("consultant", {"Умная теплица": "consultant"}),
        ("other_student", {"Чужой проект": "author"}),
        ("other_parent", {"Чужой проект": "parent"}),
        ("expert", {}),
        ("staff", {}),
    ],
)
def test_my_projects_lists_the_ones_i_am_part_of_with_my_role(ask, who, expected):
    assert roles_seen(ask, who) == expected


def test_an_invitation_appears_in_my_projects_until_answered(ask, cast):
    newcomer = make_person("newcomer", RoleChoices.STUDENT, school_class="8А")
    cast["newcomer"] = newcomer
    ask("author", "post", f"{base(cast)}/members", {"person_id": newcomer.pk})

    assert roles_seen(ask, "newcomer") == {"Умная теплица": "invited_author"}
    detail = ask("newcomer", "get", base(cast)).json()
    assert detail["stages"] == [] and detail["permissions"]["comment"] is False
    answer = ask("newcomer", "post", f"{base(cast)}/membership", {"answer": "accept"})
    assert answer.json()["status"] == "accepted"
    assert roles_seen(ask, "newcomer") == {"Умная теплица": "author"}


def test_the_summary_names_the_current_stage_and_links_to_the_workspace(ask, cast):
    [summary] = ask("author", "get", "/api/projects").json()

    steps = StageTemplate.objects.get(is_default=True).steps.count()
    assert summary["stages"]["total"] == steps
    assert summary["stages"]["current"]["status"] == "not_started"
    assert summary["url"] == f"/ru/cabinet/projects/?project={cast['project'].pk}"
    assert summary["tutor"]["name"] == "Дмитрий Волков"


def test_a_pupil_starts_a_project_through_the_api(ask, cast):
    response = ask(
        "other_student",
        "post",
        "/api/projects",
        {"title": "Робот-сортировщик", "kind": "collective", "problem": "Мусор", "goal": "Робот"},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Робот-сортировщик" and body["kind"] == "collective"
    assert body["my_role"] == "author"
    assert body["permissions"]["submit"] and body["permissions"]["invite_author"]
    assert [s["position"] for s in body["stages"]] == list(range(1, len(body["stages"]) + 1))


@pytest.mark.parametrize("who", ["tutor", "parent", "consultant"])
def test_only_pupils_start_projects(ask, who):
    response = ask(who, "post", "/api/projects", {"title": "Не ученик"})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_an_unknown_subject_is_a_field_error(ask):
    response = ask("author", "post", "/api/projects", {"title": "Т", "subject_ids": [999999]})

    assert response.status_code == 400
    assert "subject_ids" in response.json()["error"]["fields"]


def test_the_authors_see_their_peoples_emails_and_the_consultant_sees_none(ask, cast):
    services.comment_create(project=cast["project"], by=cast["author"], body="Начали!")
    stage = cast["project"].stages.get(position=1)
    services.stage_submit(stage=stage, by=cast["author"], text="Тема")
    services.stage_decide(stage=stage, by=cast["tutor"], accepted=False, feedback="Уточнить")

    author_view = ask("author", "get", base(cast)).content.decode()
    assert "borya@school.example" in author_view and "guest@partner.example" in author_view

    paths = [
        base(cast),
        f"{base(cast)}/comments",
        f"{base(cast)}/activity",
        f"{base(cast)}/stages/{stage.pk}",
        "/api/projects",
    ]
    for path in paths:
        response = ask("consultant", "get", path)
        assert response.status_code == 200, path
        assert "@" not in response.content.decode(), path


def test_the_projects_own_people_know_its_pupils_by_name_and_the_consultant_as_consent_allows(
    ask, cast
):
    def names(who):
        members = ask(who, "get", base(cast)).json()["members"]
        return {m["person"]["id"]: m["person"]["name"] for m in members}

    coauthor = cast["coauthor"].pk
    for who in ("author", "tutor", "parent"):
        assert "Петров" in names(who)[coauthor], who
    # Borya's parents have not recorded consent: outside the school he is "a pupil of 8А".
    assert names("consultant")[coauthor] == "ученик 8А класса"


def test_a_parent_sees_the_project_but_may_not_change_or_hand_in(ask, cast):
    detail = ask("parent", "get", base(cast)).json()

    assert detail["permissions"] == {
        "change": False,
        "submit": False,
        "decide": False,
        "comment": True,
        "invite_author": False,
        "invite_consultant": False,
        "propose": False,
    }
    assert ask("parent", "patch", base(cast), {"title": "Моя тема"}).status_code == 403


def test_an_author_edits_the_projects_description(ask, cast):
    response = ask("author", "patch", base(cast), {"goal": "Новая цель", "result": "Теплица"})

    assert response.status_code == 200
    assert (response.json()["goal"], response.json()["result"]) == ("Новая цель", "Теплица")


@pytest.mark.parametrize("who", ["other_student", "other_parent", "other_consultant", "expert"])
def test_an_outsider_finds_no_project_at_its_address(ask, cast, who):
    for path in (base(cast), f"{base(cast)}/comments", f"{base(cast)}/activity"):
        response = ask(who, "get", path)
        assert response.status_code == 404
        assert "Умная теплица" not in response.content.decode()


def test_the_tutor_invites_a_partner_by_email_and_an_author_may_not(ask, cast):
    partner = make_person("partner2", RoleChoices.PARTNER, email="lab@partner.example")

    refused = ask("author", "post", f"{base(cast)}/members", {"email": "lab@partner.example"})
    invited = ask("tutor", "post", f"{base(cast)}/members", {"email": "LAB@partner.example"})

    assert refused.status_code == 403
    assert invited.status_code == 201
    assert invited.json()["role"] == "consultant" and invited.json()["status"] == "invited"
    assert ProjectMember.objects.filter(person=partner, status="invited").exists()


def test_inviting_an_unknown_address_says_so(ask, cast):
    response = ask("tutor", "post", f"{base(cast)}/members", {"email": "anya@school.example"})

    # A pupil's address is not a partner's: the answer tells nothing about whose it is.
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["email"] == ["Такого человека в пространстве нет."]


def test_a_consultant_leaves_the_project(ask, cast):
    response = ask("consultant", "delete", f"{base(cast)}/membership")

    assert response.status_code == 200 and response.json()["status"] == "left"
    assert ask("consultant", "get", base(cast)).status_code == 404


def test_the_people_search_shows_names_and_never_emails(ask, cast):
    pupils = ask("author", "get", "/api/projects/people?role=student&q=Боря")
    tutors = ask("author", "get", "/api/projects/people?role=tutor")
    partners = ask("tutor", "get", "/api/projects/people?role=partner")

    assert [p["id"] for p in pupils.json()] == [cast["coauthor"].pk]
    assert {p["id"] for p in tutors.json()} >= {cast["tutor"].pk, cast["other_tutor"].pk}
    assert cast["consultant"].pk in {p["id"] for p in partners.json()}
    for response in (pupils, tutors, partners):
        assert "@" not in response.content.decode()


def test_a_pupil_finds_a_classmate_by_name_and_a_pupil_of_another_class_as_consent_allows(
    ask, cast
):
    # Neither pupil's parents chose to show the name on the site: the public sees the class.
    classmate = ask("author", "get", "/api/projects/people?role=student&q=Петров").json()
    other_class = ask("other_student", "get", "/api/projects/people?role=student&q=Петров")

    assert classmate == [{"id": cast["coauthor"].pk, "name": "Боря Петров, 8А"}]
    assert other_class.json() == [{"id": cast["coauthor"].pk, "name": "ученик 8А класса"}]


@pytest.mark.parametrize("who", ["consultant", "parent", "expert"])
def test_partners_parents_and_experts_do_not_browse_the_schools_pupils(ask, who):
    assert ask(who, "get", "/api/projects/people?role=student").status_code == 403


def test_a_pupil_asks_a_tutor_who_accepts_in_the_api(ask, cast):
    project = make_project(cast["other_student"], title="Без тьютора")
    path = f"/api/projects/{project.pk}/tutor-request"

    asked = ask("other_student", "post", path, {"tutor_id": cast["tutor"].pk, "message": "Прошу"})
    again = ask("other_student", "post", path, {"tutor_id": cast["other_tutor"].pk})
    waiting = ask("tutor", "get", "/api/tutor-requests").json()
    not_mine = ask(
        "other_tutor", "post", f"/api/tutor-requests/{asked.json()['id']}", {"answer": "accept"}
    )
    accepted = ask(
        "tutor", "post", f"/api/tutor-requests/{asked.json()['id']}", {"answer": "accept"}
    )

    assert asked.status_code == 201
    assert again.status_code == 409 and again.json()["error"]["code"] == "request_pending"
    assert [(r["project"]["title"], r["message"]) for r in waiting] == [("Без тьютора", "Прошу")]
    assert not_mine.status_code == 404
    assert accepted.json()["status"] == "accepted"
    project.refresh_from_db()
    assert project.tutor == cast["tutor"]
    assert TutorRequest.objects.get(pk=asked.json()["id"]).status == "accepted"


def test_an_author_hands_in_a_stage_with_files_and_links_as_a_new_version(ask, cast):
    stage = cast["project"].stages.get(position=1)
    path = f"{base(cast)}/stages/{stage.pk}/submissions"

    response = ask(
        "author",
        "post",
        path,
        {
            "text": "Тема и цель",
            "links": ["https://example.org/plan", "https://example.org/board"],
            "files": [SimpleUploadedFile("plan.pdf", PDF)],
        },
        multipart=True,
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1 and body["text"] == "Тема и цель"
    assert body["links"] == ["https://example.org/plan", "https://example.org/board"]
    [file] = body["files"]
    assert (file["name"], file["size"]) == ("plan.pdf", len(PDF))
    download = ask("parent", "get", file["url"])
    assert b"".join(download.streaming_content) == PDF
    detail = ask("tutor", "get", base(cast)).json()
    first = detail["stages"][0]
    assert first["status"] == "submitted" and first["latest_submission"]["version"] == 1


def test_a_refused_file_is_a_field_error_in_the_one_error_shape(ask, cast):
    stage = cast["project"].stages.get(position=1)
    response = ask(
        "author",
        "post",
        f"{base(cast)}/stages/{stage.pk}/submissions",
        {"text": "x", "files": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + bytes(300))]},
        multipart=True,
    )

    assert response.status_code == 400
    [message] = response.json()["error"]["fields"]["files"]
    assert message.startswith("«virus.pdf»:")
    assert not stage.submissions.exists()


def test_the_tutor_returns_then_accepts_and_the_history_keeps_both_versions(ask, cast):
    stage = cast["project"].stages.get(position=1)
    submissions = f"{base(cast)}/stages/{stage.pk}/submissions"
    decision = f"{base(cast)}/stages/{stage.pk}/decision"

    ask("author", "post", submissions, {"text": "Первая"})
    no_feedback = ask("tutor", "post", decision, {"accepted": False})
    returned = ask("tutor", "post", decision, {"accepted": False, "feedback": "Уточните цель"})
    ask("coauthor", "post", submissions, {"text": "Вторая"})
    by_author = ask("author", "post", decision, {"accepted": True})
    accepted = ask("tutor", "post", decision, {"accepted": True})
    history = ask("parent", "get", f"{base(cast)}/stages/{stage.pk}").json()

    assert no_feedback.status_code == 400
    assert "feedback" in no_feedback.json()["error"]["fields"]
    assert returned.status_code == 201 and accepted.status_code == 201
    assert by_author.status_code == 403
    assert history["status"] == "accepted"
    assert [
        (s["version"], s["text"], s["decision"]["accepted"]) for s in history["submissions"]
    ] == [
        (1, "Первая", False),
        (2, "Вторая", True),
    ]
    assert history["submissions"][0]["decision"]["feedback"] == "Уточните цель"


def test_comments_per_project_and_per_stage_and_the_activity_feed(ask, cast):
    stage = cast["project"].stages.get(position=2)
    ask("parent", "post", f"{base(cast)}/comments", {"body": "Удачи!"})
    posted = ask(
        "consultant", "post", f"{base(cast)}/comments", {"body": "Совет", "stage": stage.pk}
    )

    everything = ask("author", "get", f"{base(cast)}/comments").json()
    staged = ask("author", "get", f"{base(cast)}/comments?stage={stage.pk}").json()
    activity = ask("tutor", "get", f"{base(cast)}/activity").json()

    assert posted.status_code == 201
    assert [c["body"] for c in everything] == ["Удачи!", "Совет"]
    assert [c["body"] for c in staged] == ["Совет"]
    assert [a["verb"] for a in activity][:2] == ["commented", "commented"]
    assert activity[0]["verb_label"] == "новый комментарий"


@pytest.mark.parametrize("who", ["other_student", "other_parent", "other_consultant"])
def test_an_outsider_may_not_comment(ask, cast, who):
    response = ask(who, "post", f"{base(cast)}/comments", {"body": "Чужой"})

    assert response.status_code == 404
    assert not cast["project"].comments.exists()


def test_a_write_without_the_csrf_token_is_refused(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["author"])

    response = client.post(
        f"{base(cast)}/comments", {"body": "Без токена"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert not cast["project"].comments.exists()


def test_my_projects_cost_the_same_queries_for_a_tutor_with_many_projects(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast["tutor"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/projects").status_code == 200
        return len(captured)

    queries()  # the first request of the session reads what later ones find cached
    few = queries()
    for number in range(10):
        make_project(cast["other_student"], title=f"Проект {number}", tutor=cast["tutor"])

    assert queries() == few
