"""Reads of expert evaluation: an expert's queue, the coordinator's overview, what an expert
sees of a project, and the result as each person may see it.

An expert sees a project's handed-in material only while assigned to it, and other experts'
scores only once their own is submitted. Private notes are the coordinator's alone. The
authors, their parents and the tutor see scores and comments once the result is released.
"""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from cms.projects.models import (
    Project,
    ProjectStatus,
    Stage,
    StageStatus,
    StageSubmission,
)
from cms.projects.rules import is_author, is_coordinator, is_parent_of_author, is_tutor
from cms.users.choices import RoleChoices
from cms.users.models import User
from cms.users.selectors import display_name_for

from .models import Evaluation, ExpertAssignment, Rubric
from .results import Result, result_of

__all__ = [
    "PENDING",
    "SUBMITTED",
    "evaluation_body",
    "evaluation_for",
    "evaluations_for_coordinator",
    "experts_to_assign",
    "expert_queue",
    "projects_to_evaluate",
    "result_for",
    "rubrics",
]

PENDING = "pending"
SUBMITTED = "submitted"
MAX_LISTED = 200


def expert_queue(*, expert: User, state: str = "") -> QuerySet[ExpertAssignment]:
    """The expert's assignments, not yet evaluated first; `state` pending or submitted."""
    assignments = ExpertAssignment.objects.filter(expert=expert).select_related(
        "evaluation__project"
    )
    if state == PENDING:
        assignments = assignments.filter(submitted_at__isnull=True)
    elif state == SUBMITTED:
        assignments = assignments.filter(submitted_at__isnull=False)
    return assignments.order_by(F("submitted_at").asc(nulls_first=True), "assigned_at", "pk")


def evaluations_for_coordinator(*, state: str = "") -> QuerySet[Evaluation]:
    """Every evaluation with its progress; `state` pending (not released) or submitted
    (released)."""
    evaluations = Evaluation.objects.select_related("project").annotate(
        assigned=Count("assignments"),
        submitted=Count("assignments", filter=Q(assignments__submitted_at__isnull=False)),
    )
    if state == PENDING:
        evaluations = evaluations.filter(released_at__isnull=True)
    elif state == SUBMITTED:
        evaluations = evaluations.filter(released_at__isnull=False)
    return evaluations.order_by("released_at", "-created_at", "-pk")


def projects_to_evaluate() -> QuerySet[Project]:
    """Projects worth an evaluation: finished, or with a stage handed in; newest first."""
    handed_in = StageSubmission.objects.filter(stage__project=OuterRef("pk"))
    return (
        Project.objects.annotate(handed_in=Exists(handed_in))
        .filter(Q(status=ProjectStatus.FINISHED) | Q(handed_in=True))
        .exclude(status=ProjectStatus.ARCHIVED)
        .select_related("evaluation")
        .order_by("-updated_at", "-pk")
    )


def experts_to_assign(*, q: str = "") -> QuerySet[User]:
    """People with the expert role (external residents among them), by name."""
    people = User.objects.filter(is_active=True, role_links__role=RoleChoices.EXPERT)
    for word in q.split()[:5]:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(organisation__icontains=word)
        )
    return people.distinct().order_by("last_name", "first_name", "pk")


def rubrics() -> QuerySet[Rubric]:
    return Rubric.objects.order_by("-is_default", "name")


def evaluation_for(*, evaluation_id: int, viewer: User) -> Evaluation | None:
    """The evaluation, if `viewer` may see it: a coordinator, or an expert assigned to it.
    Anyone else learns nothing, not even that it exists."""
    evaluation = Evaluation.objects.select_related("project").filter(pk=evaluation_id).first()
    if evaluation is None:
        return None
    if is_coordinator(viewer) or evaluation.assignments.filter(expert=viewer).exists():
        return evaluation
    return None


def _file_url(project_id: int, file_id: int) -> str:
    try:
        return reverse("api:project-file", args=[project_id, file_id])
    except NoReverseMatch:
        # The workspace's file endpoint lives in another app; its address is in the contract.
        return f"/api/projects/{project_id}/files/{file_id}"


def project_material(project: Project, *, viewer: User) -> dict:
    """What an expert reads: the project's fields and each handed-in stage's latest version
    (text, links, files). Never comments, the tutor's feedback, drafts or anyone's contacts;
    not even the authors' names, so the work is judged on its own."""
    latest = StageSubmission.objects.order_by("-version").prefetch_related("files")
    stages = (
        Stage.objects.filter(
            project=project, status__in=(StageStatus.SUBMITTED, StageStatus.ACCEPTED)
        )
        .order_by("position")
        .prefetch_related(Prefetch("submissions", queryset=latest))
    )
    rows = []
    for stage in stages:
        submissions = list(stage.submissions.all())
        if not submissions:
            continue
        submission = submissions[0]
        rows.append(
            {
                "id": stage.pk,
                "position": stage.position,
                "title": stage.title,
                "status": stage.status,
                "submission": {
                    "version": submission.version,
                    "text": submission.text,
                    "links": [link for link in submission.links if isinstance(link, str)],
                    "files": [
                        {
                            "id": f.pk,
                            "name": f.name,
                            "size": f.size,
                            "url": _file_url(project.pk, f.pk),
                        }
                        for f in submission.files.all()
                    ],
                    "submitted_at": submission.submitted_at,
                },
            }
        )
    return {
        "id": project.pk,
        "title": project.title,
        "kind": project.kind,
        "status": project.status,
        "problem": project.problem,
        "goal": project.goal,
        "result": project.result,
        "product_kind": project.product_kind,
        "product_url": project.product_url,
        "stages": rows,
    }


def _submitted_scores(assignments) -> list[dict]:
    return [a.scores for a in assignments if a.submitted_at is not None]


def _review(assignment: ExpertAssignment, *, viewer: User, private: bool) -> dict:
    data = {
        "expert": {
            "id": assignment.expert_id,
            "name": display_name_for(person=assignment.expert, viewer=viewer),
        },
        "submitted": assignment.submitted_at is not None,
        "submitted_at": assignment.submitted_at,
        "scores": assignment.scores if assignment.submitted_at else {},
        "comment": assignment.comment if assignment.submitted_at else "",
    }
    if private:
        data["private_note"] = assignment.private_note if assignment.submitted_at else ""
    return data


def _mine(assignment: ExpertAssignment | None) -> dict | None:
    if assignment is None:
        return None
    return {
        "scores": assignment.scores,
        "comment": assignment.comment,
        "private_note": assignment.private_note,
        "submitted": assignment.submitted_at is not None,
        "submitted_at": assignment.submitted_at,
        "assigned_at": assignment.assigned_at,
    }


def evaluation_body(evaluation: Evaluation, *, viewer: User) -> dict:
    """The evaluation as `viewer` (a coordinator or an assigned expert) may see it.

    An expert sees the material, the criteria and their own review; the others' submitted
    scores and comments only once their own is submitted, and never a private note. The
    coordinator sees every review with its note, and the result with its flags.
    """
    assignments = list(
        evaluation.assignments.select_related("expert").order_by("assigned_at", "pk")
    )
    mine = next((a for a in assignments if a.expert_id == viewer.pk), None)
    coordinator = bool(is_coordinator(viewer))
    if coordinator:
        reviews = [_review(a, viewer=viewer, private=True) for a in assignments]
    elif mine is not None and mine.submitted_at is not None:
        reviews = [
            _review(a, viewer=viewer, private=False)
            for a in assignments
            if a.pk != mine.pk and a.submitted_at is not None
        ]
    else:
        reviews = []
    result = None
    if coordinator:
        result = result_of(evaluation.criteria, _submitted_scores(assignments)).as_json(flags=True)
    return {
        "id": evaluation.pk,
        "project": project_material(evaluation.project, viewer=viewer),
        "criteria": evaluation.criteria,
        "released": evaluation.released_at is not None,
        "released_at": evaluation.released_at,
        "progress": {
            "assigned": len(assignments),
            "submitted": sum(1 for a in assignments if a.submitted_at is not None),
        },
        "my_review": _mine(mine),
        "reviews": reviews,
        "result": result,
        "coordinator": coordinator,
    }


def may_see_result(*, project: Project, viewer: User, evaluation: Evaluation | None) -> bool:
    if evaluation is None:
        return False
    if is_coordinator(viewer):
        return True
    if evaluation.released_at is None:
        return False
    return bool(
        is_author(viewer, project)
        or is_tutor(viewer, project)
        or is_parent_of_author(viewer, project)
    )


def result_for(*, project: Project, viewer: User) -> dict | None:
    """The result of `project`'s evaluation for `viewer`, or None when they may not see it:
    the authors, their parents and the tutor once released; coordinators at any time (with
    the disagreement flags). Experts stay unnamed and private notes stay out."""
    evaluation = Evaluation.objects.filter(project=project).first()
    if not may_see_result(project=project, viewer=viewer, evaluation=evaluation):
        return None
    submitted = list(
        evaluation.assignments.filter(submitted_at__isnull=False).order_by("submitted_at", "pk")
    )
    coordinator = bool(is_coordinator(viewer))
    result: Result = result_of(evaluation.criteria, [a.scores for a in submitted])
    return {
        "evaluation": evaluation.pk,
        "project": project.pk,
        "released": evaluation.released_at is not None,
        "released_at": evaluation.released_at,
        **result.as_json(flags=coordinator),
        "comments": [a.comment for a in submitted if a.comment],
    }
