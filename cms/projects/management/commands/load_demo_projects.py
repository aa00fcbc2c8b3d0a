"""A few demo projects at different stages, so the demo student, tutor and experts see a
populated workspace: `make run` calls this after `load_demo_people`.

Written with the models directly (the workspace's services may not exist yet in every
checkout), and idempotent: a project that exists already (by its title and first author) is
left as it is, so a second run changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cms.projects.models import (
    MemberRole,
    MemberStatus,
    Project,
    ProjectActivity,
    ProjectKind,
    ProjectMember,
    ProjectStatus,
    Stage,
    StageDecision,
    StageStatus,
    StageSubmission,
    StageTemplate,
    TutorRequest,
)
from cms.reviews.models import Evaluation, ExpertAssignment, Rubric
from cms.users.models import User

# The demo roster's people (site_content/content/roster.demo.csv), by their address.
PEOPLE = {
    "student": "student@example.org",
    "classmate": "student2@example.org",
    "tutor": "tutor@example.org",
    "expert": "expert@example.org",
    "expert2": "expert2@example.org",
    "coordinator": "coordinator@example.org",
}
INDIVIDUAL = "Умная теплица на подоконнике"
COLLECTIVE = "Карта доступной среды школьного двора"
FRESH = "Подкаст об истории Петроградской стороны"


class Command(BaseCommand):
    help = (
        "Create the demo projects: an individual one in progress, a finished collective one "
        "under expert evaluation, and a fresh one waiting for a tutor. Needs the demo people."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-any",
            action="store_true",
            help="Do nothing (instead of failing) when the demo people are not there; "
            "`make run` uses this, so it works for every school.",
        )

    def handle(self, *args, **options):
        people = {
            key: User.objects.filter(email__iexact=email).first() for key, email in PEOPLE.items()
        }
        missing = sorted(PEOPLE[key] for key, person in people.items() if person is None)
        if missing:
            if options["if_any"]:
                self.stdout.write("No demo people for the demo projects; nothing to do.")
                return
            raise CommandError(
                "The demo projects need the demo people (run `manage.py load_demo_people`); "
                f"missing: {', '.join(missing)}."
            )
        steps = StageTemplate.objects.filter(is_default=True).values_list("steps", flat=True)
        if len([step for step in steps if step is not None]) < 3:
            raise CommandError(
                "The demo projects need the default stage template of at least three stages "
                "(made by the projects app's migrations; edit it in the admin)."
            )
        created = [
            title
            for title, make in (
                (INDIVIDUAL, _individual),
                (COLLECTIVE, _collective),
                (FRESH, _fresh),
            )
            if _once(title, people, make)
        ]
        if created:
            self.stdout.write(f"Demo projects created: {', '.join(created)}.")
        else:
            self.stdout.write("Demo projects are already there; nothing to do.")


def _once(title: str, people: dict, make) -> bool:
    with transaction.atomic():
        first_author = people["classmate"] if title == FRESH else people["student"]
        if Project.objects.filter(title=title, created_by=first_author).exists():
            return False
        make(title, people)
        return True


def _project(
    title: str, authors: list[User], *, tutor=None, weeks_ago: int = 0, **fields
) -> Project:
    project = Project.objects.create(
        title=title,
        kind=ProjectKind.COLLECTIVE if len(authors) > 1 else ProjectKind.INDIVIDUAL,
        created_by=authors[0],
        tutor=tutor,
        **fields,
    )
    for author in authors:
        ProjectMember.objects.create(
            project=project,
            person=author,
            role=MemberRole.AUTHOR,
            status=MemberStatus.ACCEPTED,
            invited_by=authors[0],
            answered_at=timezone.now(),
        )
    template = StageTemplate.objects.filter(is_default=True).prefetch_related("steps").first()
    steps = list(template.steps.all()) if template else []
    # The stages' dates as if the project started some weeks ago: the first ones are past.
    due = timezone.localdate() - timedelta(weeks=weeks_ago)
    for position, step in enumerate(steps, start=1):
        due += timedelta(weeks=step.weeks)
        Stage.objects.create(
            project=project,
            position=position,
            title=step.title,
            description=step.description,
            due_date=due,
        )
    ProjectActivity.objects.create(project=project, actor=authors[0], verb="created")
    return project


def _submit(stage: Stage, author: User, text: str) -> StageSubmission:
    version = stage.submissions.count() + 1
    submission = StageSubmission.objects.create(
        stage=stage, version=version, author=author, text=text
    )
    stage.status = StageStatus.SUBMITTED
    stage.save(update_fields=["status", "updated_at"])
    ProjectActivity.objects.create(
        project=stage.project, stage=stage, actor=author, verb="stage_submitted"
    )
    return submission


def _decide(stage: Stage, tutor: User, *, accepted: bool, feedback: str = "") -> None:
    submission = stage.submissions.order_by("-version").first()
    StageDecision.objects.create(
        submission=submission, accepted=accepted, feedback=feedback, decided_by=tutor
    )
    stage.status = StageStatus.ACCEPTED if accepted else StageStatus.RETURNED
    stage.save(update_fields=["status", "updated_at"])
    verb = "stage_accepted" if accepted else "stage_returned"
    ProjectActivity.objects.create(project=stage.project, stage=stage, actor=tutor, verb=verb)


def _individual(title: str, people: dict) -> None:
    student, tutor = people["student"], people["tutor"]
    project = _project(
        title,
        [student],
        tutor=tutor,
        weeks_ago=5,
        problem="Растения на подоконнике гибнут за каникулы: их некому поливать.",
        goal="Собрать теплицу, которая сама следит за влажностью почвы и поливает растения.",
        product_kind="Устройство",
    )
    first, second, third = project.stages.order_by("position")[:3]
    _submit(first, student, "Тема: автополив. Цель и задачи — в приложенном плане.")
    _decide(first, tutor, accepted=True, feedback="Хорошая постановка цели.")
    _submit(second, student, "План: закупка датчиков, сборка, испытания за две недели.")
    _decide(
        second,
        tutor,
        accepted=False,
        feedback="Добавьте сроки к каждому шагу плана и подумайте, где взять датчики.",
    )
    _submit(third, student, "Сравнил три вида датчиков влажности, таблица в тексте.")


def _collective(title: str, people: dict) -> None:
    student, classmate, tutor = people["student"], people["classmate"], people["tutor"]
    project = _project(
        title,
        [student, classmate],
        tutor=tutor,
        weeks_ago=16,
        problem="Ученику на коляске трудно понять, как пройти по школьному двору.",
        goal="Нарисовать карту двора с доступными путями и предложить администрации улучшения.",
        result="Карта двора и три предложения, два из которых администрация уже выполнила.",
        product_kind="Карта",
    )
    for stage in project.stages.order_by("position"):
        author = student if stage.position % 2 else classmate
        _submit(stage, author, f"{stage.title}: готово, подробности в тексте этапа.")
        _decide(stage, tutor, accepted=True, feedback="Принято.")
    project.status = ProjectStatus.FINISHED
    project.save(update_fields=["status", "updated_at"])
    rubric = Rubric.objects.filter(is_default=True).first()
    if rubric is None:
        return
    criteria = rubric.snapshot()
    evaluation = Evaluation.objects.create(
        project=project, rubric=rubric, criteria=criteria, coordinator=people["coordinator"]
    )
    ExpertAssignment.objects.create(
        evaluation=evaluation,
        expert=people["expert"],
        assigned_by=people["coordinator"],
        scores={c["id"]: c["levels"][-1]["score"] for c in criteria if c["levels"]},
        comment="Полезная работа: карта понятна, предложения обоснованы.",
        submitted_at=timezone.now(),
    )
    ExpertAssignment.objects.create(
        evaluation=evaluation, expert=people["expert2"], assigned_by=people["coordinator"]
    )


def _fresh(title: str, people: dict) -> None:
    classmate = people["classmate"]
    project = _project(
        title,
        [classmate],
        problem="Одноклассники мало знают о районе, где стоит лицей.",
        goal="Записать пять выпусков подкаста с жителями района.",
    )
    TutorRequest.objects.create(
        project=project,
        tutor=people["tutor"],
        requested_by=classmate,
        message="Дмитрий Сергеевич, станете тьютором моего проекта?",
    )
