"""Expert evaluation in "download my data" and "delete my account".

An expert's file lists their assignments: the project, their scores, comments and notes. When
an expert deletes their account, a review they submitted stays in the project's result (the
students' scores must not change because an expert left), linked only to the anonymised
account, and its private note goes; a review not yet submitted is deleted, so the coordinator
can assign someone else. A coordinator's name comes off the evaluations they opened or
released.
"""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import Evaluation, ExpertAssignment


def reviews_export(person) -> dict:
    assignments = ExpertAssignment.objects.filter(expert=person).select_related(
        "evaluation__project"
    )
    return {
        "expert_assignments": [
            {
                "project": assignment.evaluation.project.title,
                "assigned_at": assignment.assigned_at,
                "submitted_at": assignment.submitted_at,
                "scores": {
                    criterion["title"]: assignment.scores.get(criterion["id"])
                    for criterion in assignment.evaluation.criteria
                    if criterion["id"] in assignment.scores
                },
                "comment": assignment.comment,
                "private_note": assignment.private_note,
            }
            for assignment in assignments
        ],
        "evaluations_coordinated": [
            evaluation.project.title
            for evaluation in Evaluation.objects.filter(coordinator=person).select_related(
                "project"
            )
        ],
    }


def reviews_erase(person) -> None:
    ExpertAssignment.objects.filter(expert=person, submitted_at__isnull=True).delete()
    ExpertAssignment.objects.filter(expert=person).update(private_note="")
    ExpertAssignment.objects.filter(assigned_by=person).update(assigned_by=None)
    Evaluation.objects.filter(coordinator=person).update(coordinator=None)
    Evaluation.objects.filter(released_by=person).update(released_by=None)


MODELS = ["reviews.ExpertAssignment", "reviews.Evaluation"]
register_exporter("reviews", reviews_export, models=MODELS)
register_eraser("reviews", reviews_erase, models=MODELS)
