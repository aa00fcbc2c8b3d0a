"""Small factories for projects and evaluations, shared by the projects and reviews tests.

They write the models directly (the services are what the tests exercise), so a test can set
up a project at any stage in a few lines.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cms.projects.models import (
    MemberRole,
    MemberStatus,
    Project,
    ProjectKind,
    ProjectMember,
    Stage,
    StageDecision,
    StageStatus,
    StageSubmission,
    StageTemplate,
)
from cms.reviews.models import Evaluation, ExpertAssignment, Rubric
from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from tests.cms.users.conftest import make_person

__all__ = [
    "make_cast",
    "make_evaluation",
    "make_project",
    "stage_accept",
    "stage_submit",
]


def make_project(
    *authors,
    title: str = "Умная теплица",
    tutor=None,
    kind: str | None = None,
    stages: int | None = None,
    **fields,
) -> Project:
    """A project of `authors` (all accepted), with the default template's stages."""
    kind = kind or (ProjectKind.COLLECTIVE if len(authors) > 1 else ProjectKind.INDIVIDUAL)
    project = Project.objects.create(
        title=title,
        kind=kind,
        problem=fields.pop("problem", "Растения на подоконнике гибнут за каникулы."),
        goal=fields.pop("goal", "Собрать теплицу, которая поливает себя сама."),
        created_by=authors[0] if authors else None,
        tutor=tutor,
        **fields,
    )
    for author in authors:
        ProjectMember.objects.create(
            project=project, person=author, role=MemberRole.AUTHOR, status=MemberStatus.ACCEPTED
        )
    steps = list(StageTemplate.objects.get(is_default=True).steps.all())
    if stages is not None:
        steps = steps[:stages]
    today = timezone.localdate()
    for position, step in enumerate(steps, start=1):
        Stage.objects.create(
            project=project,
            position=position,
            title=step.title,
            description=step.description,
            due_date=today + timedelta(weeks=2 * position),
        )
    return project


def stage_submit(stage: Stage, *, author, text: str = "Сделали, смотрите.") -> StageSubmission:
    version = stage.submissions.count() + 1
    submission = StageSubmission.objects.create(
        stage=stage, version=version, author=author, text=text
    )
    stage.status = StageStatus.SUBMITTED
    stage.save(update_fields=["status", "updated_at"])
    return submission


def stage_accept(stage: Stage, *, tutor, accepted: bool = True, feedback: str = "") -> None:
    submission = stage.submissions.order_by("-version").first()
    StageDecision.objects.create(
        submission=submission, accepted=accepted, feedback=feedback, decided_by=tutor
    )
    stage.status = StageStatus.ACCEPTED if accepted else StageStatus.RETURNED
    stage.save(update_fields=["status", "updated_at"])


def make_evaluation(project: Project, *experts, coordinator=None) -> Evaluation:
    rubric = Rubric.objects.get(is_default=True)
    evaluation = Evaluation.objects.create(
        project=project, rubric=rubric, criteria=rubric.snapshot(), coordinator=coordinator
    )
    for expert in experts:
        ExpertAssignment.objects.create(evaluation=evaluation, expert=expert)
    return evaluation


def make_cast() -> dict:
    """Everyone around one collective project and the outsiders the permission tests ask as."""
    R = RoleChoices
    cast = {
        "author": make_person(
            "author",
            R.STUDENT,
            school_class="8А",
            first_name="Аня",
            last_name="Соколова",
            email="anya@school.example",
        ),
        "coauthor": make_person(
            "coauthor",
            R.STUDENT,
            school_class="8А",
            first_name="Боря",
            last_name="Петров",
            email="borya@school.example",
        ),
        "other_student": make_person("other_student", R.STUDENT, school_class="8Б"),
        "tutor": make_person(
            "tutor", R.TUTOR, first_name="Дмитрий", last_name="Волков", email="tutor@school.example"
        ),
        "other_tutor": make_person("other_tutor", R.TUTOR),
        "parent": make_person("parent", R.PARENT, email="mother@home.example"),
        "other_parent": make_person("other_parent", R.PARENT),
        "consultant": make_person("consultant", R.PARTNER, email="guest@partner.example"),
        "other_consultant": make_person("other_consultant", R.PARTNER),
        "expert": make_person("expert", R.EXPERT),
        "expert2": make_person("expert2", R.EXPERT),
        "other_expert": make_person("other_expert", R.EXPERT),
        "staff": make_person("staff", R.STAFF),
    }
    Guardianship.objects.create(parent=cast["parent"], child=cast["author"])
    Guardianship.objects.create(parent=cast["other_parent"], child=cast["other_student"])
    project = make_project(cast["author"], cast["coauthor"], tutor=cast["tutor"])
    ProjectMember.objects.create(
        project=project,
        person=cast["consultant"],
        role=MemberRole.CONSULTANT,
        status=MemberStatus.ACCEPTED,
        invited_by=cast["tutor"],
    )
    other = make_project(cast["other_student"], title="Чужой проект", tutor=cast["other_tutor"])
    ProjectMember.objects.create(
        project=other,
        person=cast["other_consultant"],
        role=MemberRole.CONSULTANT,
        status=MemberStatus.ACCEPTED,
    )
    cast["project"] = project
    cast["other_project"] = other
    return cast
