"""Opening an evaluation, assigning experts, scoring, submitting once, releasing."""

import pytest

from cms.notifications.models import Notification
from cms.reviews import services
from cms.reviews.models import Evaluation, ExpertAssignment, Rubric
from cms.reviews.services import ReviewError
from cms.users.choices import RoleChoices
from tests.cms.users.conftest import make_person

from .conftest import scores_at, submit

pytestmark = pytest.mark.django_db


def kinds_for(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def test_a_coordinator_opens_an_evaluation_with_the_rubrics_criteria_copied(cast):
    rubric = Rubric.objects.get(is_default=True)

    evaluation = services.evaluation_open(
        project=cast["project"], rubric=rubric, by=cast["coordinator"]
    )

    assert evaluation.criteria == rubric.snapshot()
    assert len(evaluation.criteria) == 4
    with pytest.raises(ReviewError) as again:
        services.evaluation_open(project=cast["project"], rubric=rubric, by=cast["coordinator"])
    assert again.value.code == "already_open"


def test_a_teacher_who_is_a_project_coordinator_may_open_one_and_a_tutor_may_not(cast):
    rubric = Rubric.objects.get(is_default=True)
    with pytest.raises(ReviewError) as refused:
        services.evaluation_open(project=cast["project"], rubric=rubric, by=cast["tutor"])
    assert refused.value.code == "not_coordinator"

    teacher = make_person("teacher", RoleChoices.TEACHER, RoleChoices.COORDINATOR)

    assert services.evaluation_open(project=cast["project"], rubric=rubric, by=teacher)


def test_a_project_with_nothing_handed_in_cannot_be_evaluated_yet(cast):
    with pytest.raises(ReviewError) as refused:
        services.evaluation_open(
            project=cast["other_project"],
            rubric=Rubric.objects.get(is_default=True),
            by=cast["coordinator"],
        )
    assert refused.value.code == "nothing_to_evaluate"


@pytest.mark.parametrize(
    ("who", "code"),
    [("tutor", "conflict_tutor"), ("author", "conflict_member"), ("parent", "conflict_parent")],
)
def test_the_projects_own_people_are_refused_as_experts_with_a_clear_reason(
    cast, evaluation, who, code
):
    person = cast[who]
    person.role_links.create(role=RoleChoices.EXPERT)
    person = type(person).objects.get(pk=person.pk)

    with pytest.raises(ReviewError) as refused:
        services.expert_assign(evaluation=evaluation, expert=person, by=cast["coordinator"])

    assert refused.value.code == code
    assert "не может быть его экспертом" in refused.value.message
    assert not ExpertAssignment.objects.filter(evaluation=evaluation, expert=person).exists()


def test_only_people_with_the_expert_role_are_assigned_external_ones_included(cast, evaluation):
    with pytest.raises(ReviewError) as refused:
        services.expert_assign(
            evaluation=evaluation, expert=cast["other_tutor"], by=cast["coordinator"]
        )
    assert refused.value.code == "not_expert"

    outside = make_person("outside", RoleChoices.PARTNER, RoleChoices.EXPERT)
    services.expert_assign(evaluation=evaluation, expert=outside, by=cast["coordinator"])

    assert kinds_for(outside) == ["review_assigned"]
    with pytest.raises(ReviewError) as twice:
        services.expert_assign(evaluation=evaluation, expert=outside, by=cast["coordinator"])
    assert twice.value.code == "already_assigned"


def test_a_score_that_is_not_one_of_the_criterions_levels_is_refused_per_criterion(
    cast, evaluation
):
    first = evaluation.criteria[0]

    with pytest.raises(ReviewError) as refused:
        services.review_save(
            evaluation=evaluation, expert=cast["expert"], scores={first["id"]: 7, "nope": 1}
        )

    assert refused.value.code == "invalid"
    assert set(refused.value.fields) == {f"scores.{first['id']}", "scores.nope"}
    assert "0, 1, 2, 3" in refused.value.fields[f"scores.{first['id']}"][0]
    assert ExpertAssignment.objects.get(expert=cast["expert"]).scores == {}


def test_a_draft_keeps_part_of_the_scores_and_the_note(cast, evaluation):
    first = evaluation.criteria[0]["id"]

    services.review_save(
        evaluation=evaluation,
        expert=cast["expert"],
        scores={first: 2},
        private_note="Похоже на работу тьютора.",
    )

    saved = ExpertAssignment.objects.get(expert=cast["expert"])
    assert saved.scores == {first: 2}
    assert saved.private_note == "Похоже на работу тьютора."
    assert saved.submitted_at is None


def test_submitting_needs_every_criterion_and_a_comment(cast, evaluation):
    first = evaluation.criteria[0]["id"]

    with pytest.raises(ReviewError) as refused:
        services.review_submit(evaluation=evaluation, expert=cast["expert"], scores={first: 1})

    assert refused.value.code == "incomplete"
    assert "comment" in refused.value.fields
    assert len([f for f in refused.value.fields if f.startswith("scores.")]) == 3
    assert ExpertAssignment.objects.get(expert=cast["expert"]).submitted_at is None


def test_a_submitted_review_is_final(cast, evaluation):
    submit(evaluation, cast["expert"], level=1)

    with pytest.raises(ReviewError) as again:
        submit(evaluation, cast["expert"], level=3)
    assert again.value.code == "already_submitted"
    with pytest.raises(ReviewError):
        services.review_save(evaluation=evaluation, expert=cast["expert"], comment="Другое")
    with pytest.raises(ReviewError) as unassign:
        services.expert_unassign(
            evaluation=evaluation, expert=cast["expert"], by=cast["coordinator"]
        )
    assert unassign.value.code == "already_submitted"
    assert ExpertAssignment.objects.get(expert=cast["expert"]).scores == scores_at(evaluation, 1)


def test_an_expert_who_has_not_submitted_can_be_taken_off(cast, evaluation):
    services.expert_unassign(evaluation=evaluation, expert=cast["expert2"], by=cast["coordinator"])

    assert list(evaluation.assignments.values_list("expert", flat=True)) == [cast["expert"].pk]


def test_the_coordinator_hears_of_disagreement_and_when_everyone_has_submitted(cast, evaluation):
    submit(evaluation, cast["expert"], level=0)
    assert kinds_for(cast["coordinator"]) == []

    submit(evaluation, cast["expert2"], level=3)

    assert sorted(kinds_for(cast["coordinator"])) == [
        "review_all_submitted",
        "review_disagreement",
    ]


def test_release_needs_a_submitted_review_and_tells_authors_parents_and_tutor(cast, evaluation):
    with pytest.raises(ReviewError) as early:
        services.evaluation_release(evaluation=evaluation, by=cast["coordinator"])
    assert early.value.code == "nothing_submitted"

    submit(evaluation, cast["expert"])
    services.evaluation_release(evaluation=evaluation, by=cast["coordinator"])

    assert Evaluation.objects.get(pk=evaluation.pk).released_at is not None
    for who in ("author", "coauthor", "parent", "tutor"):
        assert "evaluation_released" in kinds_for(cast[who]), who
    for who in ("consultant", "expert2", "other_parent", "other_student"):
        assert "evaluation_released" not in kinds_for(cast[who]), who
    with pytest.raises(ReviewError) as again:
        services.evaluation_release(evaluation=evaluation, by=cast["coordinator"])
    assert again.value.code == "released"
