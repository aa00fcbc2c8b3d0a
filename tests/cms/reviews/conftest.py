"""The cast around one collective project with two stages handed in, and an open evaluation
with two assigned experts; small helpers to score with the default rubric."""

from __future__ import annotations

import pytest

from cms.reviews import services
from cms.users.choices import RoleChoices
from tests.cms.projects.factories import make_cast, make_evaluation, stage_accept, stage_submit
from tests.cms.users.conftest import make_person


@pytest.fixture
def cast(db):
    cast = make_cast()
    cast["coordinator"] = make_person("coordinator", RoleChoices.STAFF, first_name="Ольга")
    stages = list(cast["project"].stages.order_by("position"))
    stage_submit(stages[0], author=cast["author"], text="Тема и цель: теплица.")
    stage_accept(stages[0], tutor=cast["tutor"], feedback="Отлично, дальше.")
    stage_submit(stages[1], author=cast["coauthor"], text="План работы по неделям.")
    return cast


@pytest.fixture
def evaluation(cast):
    return make_evaluation(
        cast["project"], cast["expert"], cast["expert2"], coordinator=cast["coordinator"]
    )


def scores_at(evaluation, level: int) -> dict:
    """Every criterion scored at its `level`-th level (0 = lowest)."""
    return {c["id"]: c["levels"][level]["score"] for c in evaluation.criteria}


def submit(evaluation, expert, level: int = 2, comment: str = "Хорошая работа."):
    return services.review_submit(
        evaluation=evaluation,
        expert=expert,
        scores=scores_at(evaluation, level),
        comment=comment,
        private_note=f"Заметка {expert.username}",
    )
