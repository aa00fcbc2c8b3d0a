"""What each person sees through the evaluation endpoints: an expert only their assigned
projects and others' scores only after their own; students only the released result, never a
private note."""

import pytest

from cms.projects.models import StageFile
from cms.reviews import services
from cms.reviews.models import Evaluation

from .conftest import scores_at, submit

pytestmark = pytest.mark.django_db


def as_(client, person):
    client.force_login(person)
    return client


def test_an_experts_queue_filters_by_evaluated_and_not_yet(client, cast, evaluation):
    from tests.cms.projects.factories import make_evaluation, stage_submit

    stage_submit(cast["other_project"].stages.first(), author=cast["other_student"])
    second = make_evaluation(cast["other_project"], cast["expert"])
    submit(evaluation, cast["expert"])
    client = as_(client, cast["expert"])

    pending = client.get("/api/evaluations?state=pending").json()
    done = client.get("/api/evaluations?state=submitted").json()
    everything = client.get("/api/evaluations").json()

    assert [row["id"] for row in pending] == [second.pk]
    assert [row["id"] for row in done] == [evaluation.pk]
    assert [row["state"] for row in everything] == ["pending", "submitted"]
    assert client.get("/api/evaluations?state=later").status_code == 400


def test_an_expert_sees_the_handed_in_material_but_no_comments_feedback_or_contacts(
    client, cast, evaluation
):
    stage = cast["project"].stages.order_by("position").first()
    submission = stage.submissions.get()
    StageFile.objects.create(
        submission=submission, file="projects/x/plan.pdf", name="plan.pdf", size=10,
        content_type="application/pdf",
    )  # fmt: skip
    from cms.projects.models import Comment

    Comment.objects.create(project=cast["project"], author=cast["tutor"], body="Секрет тьютора")

    response = as_(client, cast["expert"]).get(f"/api/evaluations/{evaluation.pk}")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    project = body["project"]
    assert project["title"] == "Умная теплица"
    assert [s["submission"]["text"] for s in project["stages"]] == [
        "Тема и цель: теплица.",
        "План работы по неделям.",
    ]
    (file,) = project["stages"][0]["submission"]["files"]
    assert file["url"].endswith(f"/projects/{cast['project'].pk}/files/{file['id']}")
    text = response.content.decode()
    for secret in ("Секрет тьютора", "Отлично, дальше.", "@school.example", "@home.example"):
        assert secret not in text
    assert len(body["criteria"]) == 4
    assert body["result"] is None


def test_an_expert_on_a_project_not_assigned_to_them_gets_nothing(client, cast, evaluation):
    client = as_(client, cast["other_expert"])

    assert client.get(f"/api/evaluations/{evaluation.pk}").status_code == 404
    assert (
        client.put(f"/api/evaluations/{evaluation.pk}/review", {}, "application/json").status_code
        == 404
    )  # noqa: E501
    assert client.get("/api/evaluations").json() == []


def test_an_expert_does_not_see_another_experts_scores_until_submitting_their_own(
    client, cast, evaluation
):
    submit(evaluation, cast["expert2"], level=3, comment="Комментарий второго")
    client = as_(client, cast["expert"])

    before = client.get(f"/api/evaluations/{evaluation.pk}")
    assert before.json()["reviews"] == []
    assert "Комментарий второго" not in before.content.decode()

    first = evaluation.criteria[0]["id"]
    draft = client.put(
        f"/api/evaluations/{evaluation.pk}/review",
        {"scores": {first: 1}, "comment": "Черновик"},
        content_type="application/json",
    )
    assert draft.status_code == 200
    assert draft.json()["reviews"] == []
    assert draft.json()["my_review"]["scores"] == {first: 1}

    after = client.post(
        f"/api/evaluations/{evaluation.pk}/review/submit",
        {"scores": scores_at(evaluation, 1), "comment": "Мой комментарий"},
        content_type="application/json",
    )
    assert after.status_code == 200
    (other,) = after.json()["reviews"]
    assert other["scores"] == scores_at(evaluation, 3)
    assert other["comment"] == "Комментарий второго"
    assert "private_note" not in other
    assert "Заметка expert2" not in after.content.decode()


def test_bad_scores_are_a_400_naming_the_criterion_and_a_second_submit_a_409(
    client, cast, evaluation
):
    client = as_(client, cast["expert"])
    first = evaluation.criteria[0]["id"]

    bad = client.put(
        f"/api/evaluations/{evaluation.pk}/review",
        {"scores": {first: 9}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert f"scores.{first}" in bad.json()["error"]["fields"]

    body = {"scores": scores_at(evaluation, 2), "comment": "Готово"}
    url = f"/api/evaluations/{evaluation.pk}/review/submit"
    assert client.post(url, body, content_type="application/json").status_code == 200
    body["scores"] = scores_at(evaluation, 0)
    again = client.post(url, body, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_submitted"


def test_a_student_sees_no_result_before_release_and_scores_without_notes_after(
    client, cast, evaluation
):
    submit(evaluation, cast["expert"], level=2, comment="Сильная работа")
    submit(evaluation, cast["expert2"], level=1, comment="Есть что улучшить")
    url = f"/api/projects/{cast['project'].pk}/evaluation/result"

    for who in ("author", "parent", "tutor"):
        assert as_(client, cast[who]).get(url).status_code == 404, who

    services.evaluation_release(evaluation=evaluation, by=cast["coordinator"])

    for who in ("author", "coauthor", "parent", "tutor"):
        response = as_(client, cast[who]).get(url)
        assert response.status_code == 200, who
        body = response.json()
        assert body["criteria"][0]["scores"] == [
            evaluation.criteria[0]["levels"][2]["score"],
            evaluation.criteria[0]["levels"][1]["score"],
        ]
        assert sorted(body["comments"]) == ["Есть что улучшить", "Сильная работа"]
        assert "Заметка" not in response.content.decode()
        assert "disagreement" not in body
    for who in ("consultant", "other_student", "other_parent", "other_expert"):
        assert as_(client, cast[who]).get(url).status_code == 404, who


def test_the_coordinator_opens_assigns_sees_notes_and_flags_and_releases(client, cast):
    client = as_(client, cast["coordinator"])
    project = cast["project"]

    candidates = client.get("/api/evaluations/projects").json()
    assert project.pk in [p["id"] for p in candidates["projects"]]
    assert cast["other_project"].pk not in [p["id"] for p in candidates["projects"]]
    experts = client.get("/api/evaluations/experts").json()
    assert {cast["expert"].pk, cast["expert2"].pk} <= {e["id"] for e in experts}
    assert cast["tutor"].pk not in {e["id"] for e in experts}

    opened = client.post(
        f"/api/projects/{project.pk}/evaluation", {}, content_type="application/json"
    )
    assert opened.status_code == 201
    evaluation = Evaluation.objects.get(project=project)
    for expert in ("expert", "expert2"):
        assigned = client.post(
            f"/api/evaluations/{evaluation.pk}/experts",
            {"expert_id": cast[expert].pk},
            content_type="application/json",
        )
        assert assigned.status_code == 201
    refused = client.post(
        f"/api/evaluations/{evaluation.pk}/experts",
        {"expert_id": cast["tutor"].pk},
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "not_expert"

    submit(evaluation, cast["expert"], level=0)
    submit(evaluation, cast["expert2"], level=3)
    detail = client.get(f"/api/evaluations/{evaluation.pk}").json()
    assert {r["private_note"] for r in detail["reviews"]} == {"Заметка expert", "Заметка expert2"}
    assert detail["result"]["disagreement"] is True
    assert client.get("/api/evaluations?as=coordinator").json()[0]["progress"] == {
        "assigned": 2,
        "submitted": 2,
    }

    released = client.post(f"/api/evaluations/{evaluation.pk}/release")
    assert released.status_code == 200
    assert released.json()["released"] is True


def test_people_who_are_not_coordinators_cannot_open_assign_or_release(client, cast, evaluation):
    for who in ("tutor", "author", "expert"):
        client = as_(client, cast[who])
        opened = client.post(
            f"/api/projects/{cast['other_project'].pk}/evaluation",
            {},
            content_type="application/json",
        )
        assert opened.status_code == 403, who
        assert client.get("/api/evaluations/experts").status_code == 403, who
        assert client.get("/api/evaluations?as=coordinator").status_code == 403, who
    expert = as_(client, cast["expert"])
    assert expert.post(f"/api/evaluations/{evaluation.pk}/release").status_code == 403
    assert (
        expert.delete(f"/api/evaluations/{evaluation.pk}/experts/{cast['expert2'].pk}").status_code
        == 403
    )
