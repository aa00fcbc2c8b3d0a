"""The evaluation endpoints in the permission matrix: every kind of person, plus an expert
assigned to the pupil's (Иванов) project and an expert who is not, asks about its evaluation.
The pupil's surname reaches nobody through these endpoints; the result reaches the authors,
their parents and the tutor only once released."""

import pytest

from cms.reviews import services
from cms.users.services import user_roles_set
from tests.cms.projects.factories import make_evaluation, make_project, stage_submit

from .test_permission_matrix import ASKERS, PRIVATE, ask, people  # noqa: F401

pytestmark = pytest.mark.django_db

REVIEW_ASKERS = [*ASKERS, "expert", "other_expert"]
COORDINATORS = {"staff"}


@pytest.fixture
def evaluation(people):  # noqa: F811
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for key in ("expert", "other_expert"):
        people[key] = User.objects.create_user(
            username=key, email=f"{key}@example.org", last_name="Экспертова"
        )
        user_roles_set(user=people[key], roles=["expert"])
    project = make_project(people["student"], tutor=people["tutor"])
    stage_submit(project.stages.first(), author=people["student"])
    evaluation = make_evaluation(project, people["expert"], coordinator=people["staff"])
    people["project"] = project
    return evaluation


def no_secret(response):
    assert PRIVATE not in response.content.decode()


def expected_for(asker, *, allowed, refused=404):
    if asker == "anonymous":
        return 401
    return allowed.get(asker, refused)


@pytest.mark.parametrize("asker", REVIEW_ASKERS)
def test_the_queue_lists_only_the_askers_own_assignments(client, people, evaluation, asker):  # noqa: F811
    response = ask(client, people, asker, "get", "/api/evaluations")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    listed = [row["id"] for row in response.json()]
    assert listed == ([evaluation.pk] if asker in {"expert", "staff"} else [])
    no_secret(response)


@pytest.mark.parametrize("asker", REVIEW_ASKERS)
def test_an_evaluation_is_seen_by_its_expert_and_the_coordinator_only(
    client,
    people,  # noqa: F811
    evaluation,
    asker,
):
    response = ask(client, people, asker, "get", f"/api/evaluations/{evaluation.pk}")

    assert response.status_code == expected_for(asker, allowed={"expert": 200, "staff": 200})
    no_secret(response)


@pytest.mark.parametrize("asker", REVIEW_ASKERS)
def test_only_the_assigned_expert_saves_and_submits_a_review(client, people, evaluation, asker):  # noqa: F811
    body = {
        "scores": {c["id"]: c["levels"][1]["score"] for c in evaluation.criteria},
        "comment": "Хорошо",
    }
    saved = ask(client, people, asker, "put", f"/api/evaluations/{evaluation.pk}/review", body)
    submitted = ask(
        client, people, asker, "post", f"/api/evaluations/{evaluation.pk}/review/submit", body
    )

    expected = expected_for(asker, allowed={"expert": 200, "staff": 403})
    assert saved.status_code == expected
    assert submitted.status_code == expected
    no_secret(saved)


@pytest.mark.parametrize("asker", REVIEW_ASKERS)
def test_only_a_coordinator_opens_assigns_unassigns_and_releases(
    client,
    people,  # noqa: F811
    evaluation,
    asker,
):
    other = make_project(people["other_student"], title="Другой")
    stage_submit(other.stages.first(), author=people["other_student"])
    opened = ask(client, people, asker, "post", f"/api/projects/{other.pk}/evaluation", {})
    assigned = ask(
        client,
        people,
        asker,
        "post",
        f"/api/evaluations/{evaluation.pk}/experts",
        {"expert_id": people["other_expert"].pk},
    )
    unassigned = ask(
        client,
        people,
        asker,
        "delete",
        f"/api/evaluations/{evaluation.pk}/experts/{people['other_expert'].pk}",
    )
    released = ask(client, people, asker, "post", f"/api/evaluations/{evaluation.pk}/release")

    assert opened.status_code == expected_for(asker, allowed={"staff": 201}, refused=403)
    seen = {"expert": 403, "staff": None}
    for response, ok in ((assigned, 201), (unassigned, 200), (released, 409)):
        allowed = {k: (ok if v is None else v) for k, v in seen.items()}
        assert response.status_code == expected_for(asker, allowed=allowed)
        no_secret(response)


@pytest.mark.parametrize("asker", REVIEW_ASKERS)
def test_the_coordinators_lists_of_projects_and_experts(client, people, evaluation, asker):  # noqa: F811
    for path in ("/api/evaluations/projects", "/api/evaluations/experts"):
        response = ask(client, people, asker, "get", path)
        assert response.status_code == expected_for(asker, allowed={"staff": 200}, refused=403)


@pytest.mark.parametrize("asker", REVIEW_ASKERS)
def test_the_result_reaches_authors_parents_and_tutor_only_once_released(
    client,
    people,  # noqa: F811
    evaluation,
    asker,
):
    url = f"/api/projects/{people['project'].pk}/evaluation/result"
    before = ask(client, people, asker, "get", url)
    assert before.status_code == expected_for(asker, allowed={"staff": 200})

    services.review_submit(
        evaluation=evaluation,
        expert=people["expert"],
        scores={c["id"]: c["levels"][2]["score"] for c in evaluation.criteria},
        comment="Сильная работа",
        private_note="Только для координатора",
    )
    services.evaluation_release(evaluation=evaluation, by=people["staff"])
    after = ask(client, people, asker, "get", url)

    readers = {"student": 200, "parent_of": 200, "tutor": 200, "staff": 200}
    assert after.status_code == expected_for(asker, allowed=readers)
    assert "Только для координатора" not in after.content.decode()
    no_secret(after)
    if after.status_code == 200:
        assert after.json()["comments"] == ["Сильная работа"]
