"""An expert's assignments in their data export; deleting an expert's account keeps their
submitted scores, unnamed and without the private note, and drops an unsubmitted draft."""

import pytest

from cms.reviews.models import Evaluation, ExpertAssignment
from cms.reviews.privacy import reviews_export
from cms.reviews.results import result_of
from cms.users.services import account_delete

from .conftest import submit

pytestmark = pytest.mark.django_db


def test_an_experts_export_lists_their_projects_scores_and_notes(cast, evaluation):
    submit(evaluation, cast["expert"], level=2, comment="Хорошо")

    section = reviews_export(cast["expert"])

    (row,) = section["expert_assignments"]
    assert row["project"] == "Умная теплица"
    assert row["comment"] == "Хорошо"
    assert row["private_note"] == "Заметка expert"
    assert len(row["scores"]) == 4
    assert reviews_export(cast["coordinator"])["evaluations_coordinated"] == ["Умная теплица"]


def test_deleting_an_experts_account_keeps_submitted_scores_unnamed_and_drops_a_draft(
    cast, evaluation
):
    submit(evaluation, cast["expert"], level=3)
    before = result_of(evaluation.criteria, [a.scores for a in evaluation.assignments.all()])

    account_delete(user=cast["expert"])
    account_delete(user=cast["expert2"])

    kept = ExpertAssignment.objects.get(evaluation=evaluation)
    assert kept.expert_id == cast["expert"].pk
    kept.expert.refresh_from_db()
    assert kept.expert.first_name == "" and kept.expert.username != "expert"
    assert kept.private_note == ""
    assert kept.comment == "Хорошая работа."
    after = result_of(evaluation.criteria, [kept.scores])
    assert after.total == before.total


def test_deleting_a_coordinators_account_takes_their_name_off_the_evaluation(cast, evaluation):
    account_delete(user=cast["coordinator"])

    assert Evaluation.objects.get(pk=evaluation.pk).coordinator is None
