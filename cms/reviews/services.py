"""Writes of expert evaluation: open an evaluation, assign and unassign experts, save and
submit a review, release the result.

A review changes only under its locked row, so a double click on "submit" cannot submit twice
with different scores; releasing locks the evaluation's row. One expert per evaluation is a
unique constraint.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.notifications.services import notification_send
from cms.projects.models import MemberRole, MemberStatus, Project, ProjectStatus
from cms.projects.rules import is_coordinator
from cms.users.choices import RoleChoices
from cms.users.models import User

from . import kinds
from .models import Evaluation, ExpertAssignment, Rubric
from .results import result_of
from .rules import conflict_of_interest

__all__ = [
    "MAX_TEXT",
    "ReviewError",
    "evaluation_open",
    "evaluation_release",
    "expert_assign",
    "expert_unassign",
    "review_save",
    "review_submit",
]

MAX_TEXT = 10_000


class ReviewError(Exception):
    """What the rules of evaluation refuse: `code` for programs, `message` for people and,
    for bad input, `fields` (field name → messages)."""

    def __init__(self, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or {}


def _coordinator_only(by) -> None:
    if not is_coordinator(by):
        raise ReviewError("not_coordinator", _("Это может сделать только координатор экспертизы."))


def _not_released(evaluation: Evaluation) -> None:
    if evaluation.released_at is not None:
        raise ReviewError(
            "released", _("Итоги этой экспертизы уже опубликованы: менять её нельзя.")
        )


def project_url(project_id: int, person) -> str:
    language = getattr(person, "language", "") or "ru"
    return f"/{language}/cabinet/projects/?project={project_id}"


def evaluation_url(evaluation_id: int, person) -> str:
    language = getattr(person, "language", "") or "ru"
    return f"/{language}/cabinet/projects/?evaluation={evaluation_id}"


def evaluation_open(*, project: Project, rubric: Rubric, by) -> Evaluation:
    """The coordinator opens the evaluation of `project` with `rubric`; the rubric's criteria
    are copied, so a later edit of the rubric changes no score already given."""
    _coordinator_only(by)
    criteria = rubric.snapshot()
    if not criteria:
        raise ReviewError("empty_rubric", _("В этих критериях нет ни одного критерия оценки."))
    has_material = project.stages.filter(submissions__isnull=False).exists()
    if project.status != ProjectStatus.FINISHED and not has_material:
        raise ReviewError(
            "nothing_to_evaluate",
            _("Оценивать пока нечего: авторы не сдали ни одного этапа, и проект не завершён."),
        )
    try:
        with transaction.atomic():
            return Evaluation.objects.create(
                project=project, rubric=rubric, criteria=criteria, coordinator=by
            )
    except IntegrityError:
        raise ReviewError(
            "already_open", _("Экспертиза этого проекта уже начата: назначайте в ней экспертов.")
        ) from None


CONFLICTS = {
    "tutor": lambda: _("Тьютор проекта не может быть его экспертом."),
    "member": lambda: _("Автор или участник проекта не может быть его экспертом."),
    "parent": lambda: _("Родитель автора проекта не может быть его экспертом."),
}


def expert_assign(*, evaluation: Evaluation, expert: User, by) -> ExpertAssignment:
    """The coordinator assigns `expert` (a person with the expert role and no conflict of
    interest with the project); the expert is notified."""
    _coordinator_only(by)
    _not_released(evaluation)
    if not expert.is_active or not expert.has_role(RoleChoices.EXPERT):
        raise ReviewError(
            "not_expert",
            _("Назначить можно только человека с ролью эксперта. Дайте ему роль в админке."),
        )
    conflict = conflict_of_interest(expert=expert, project=evaluation.project)
    if conflict:
        raise ReviewError(f"conflict_{conflict}", str(CONFLICTS[conflict]()))
    try:
        with transaction.atomic():
            assignment = ExpertAssignment.objects.create(
                evaluation=evaluation, expert=expert, assigned_by=by
            )
            notification_send(
                recipient=expert,
                kind=kinds.ASSIGNED.code,
                title=_("Вас назначили экспертом проекта «%(title)s»")
                % {"title": evaluation.project.title},
                body=_("Оцените проект по критериям и напишите комментарий для авторов."),
                url=evaluation_url(evaluation.pk, expert),
            )
    except IntegrityError:
        raise ReviewError("already_assigned", _("Этот эксперт уже назначен на проект.")) from None
    return assignment


def _locked_assignment(evaluation: Evaluation, expert) -> ExpertAssignment:
    assignment = (
        ExpertAssignment.objects.select_for_update()
        .filter(evaluation=evaluation, expert=expert)
        .first()
    )
    if assignment is None:
        raise ReviewError("not_assigned", _("Этот эксперт не назначен на проект."))
    return assignment


def _already_submitted() -> ReviewError:
    return ReviewError(
        "already_submitted", _("Оценка уже отправлена: изменить её после отправки нельзя.")
    )


def expert_unassign(*, evaluation: Evaluation, expert: User, by) -> None:
    """The coordinator takes an expert off the evaluation, only before they submitted."""
    _coordinator_only(by)
    _not_released(evaluation)
    with transaction.atomic():
        assignment = _locked_assignment(evaluation, expert)
        if assignment.submitted_at is not None:
            raise ReviewError(
                "already_submitted",
                _("Эксперт уже отправил оценку: снять его с проекта нельзя."),
            )
        assignment.delete()


def _clean_scores(evaluation: Evaluation, scores: dict) -> dict[str, int]:
    """Scores keyed by criterion id, each one of the criterion's level scores."""
    by_id = {criterion["id"]: criterion for criterion in evaluation.criteria}
    cleaned: dict[str, int] = {}
    problems: dict[str, list[str]] = {}
    for key, value in (scores or {}).items():
        criterion = by_id.get(key)
        if criterion is None:
            problems[f"scores.{key}"] = [_("В критериях этой экспертизы такого критерия нет.")]
            continue
        allowed = [int(level["score"]) for level in criterion["levels"]]
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            problems[f"scores.{key}"] = [
                _("«%(title)s»: выберите один из уровней (%(allowed)s).")
                % {"title": criterion["title"], "allowed": ", ".join(map(str, allowed))}
            ]
            continue
        cleaned[key] = value
    if problems:
        raise ReviewError("invalid", " ".join(m for ms in problems.values() for m in ms), problems)
    return cleaned


def _apply(assignment, evaluation, scores, comment, private_note) -> None:
    if scores is not None:
        assignment.scores = _clean_scores(evaluation, scores)
    if comment is not None:
        assignment.comment = comment.strip()[:MAX_TEXT]
    if private_note is not None:
        assignment.private_note = private_note.strip()[:MAX_TEXT]


def review_save(
    *,
    evaluation: Evaluation,
    expert: User,
    scores: dict | None = None,
    comment: str | None = None,
    private_note: str | None = None,
) -> ExpertAssignment:
    """The expert saves a draft: any criteria scored so far, the comment for the authors, the
    note for the coordinator. A submitted review is final."""
    _not_released(evaluation)
    with transaction.atomic():
        assignment = _locked_assignment(evaluation, expert)
        if assignment.submitted_at is not None:
            raise _already_submitted()
        _apply(assignment, evaluation, scores, comment, private_note)
        assignment.save(update_fields=["scores", "comment", "private_note"])
    return assignment


def review_submit(
    *,
    evaluation: Evaluation,
    expert: User,
    scores: dict | None = None,
    comment: str | None = None,
    private_note: str | None = None,
) -> ExpertAssignment:
    """The expert submits: every criterion scored and a comment for the authors written.
    Final; the coordinator hears when everyone has submitted or when experts disagree."""
    _not_released(evaluation)
    with transaction.atomic():
        assignment = _locked_assignment(evaluation, expert)
        if assignment.submitted_at is not None:
            raise _already_submitted()
        _apply(assignment, evaluation, scores, comment, private_note)
        problems: dict[str, list[str]] = {}
        for criterion in evaluation.criteria:
            if criterion["id"] not in assignment.scores:
                problems[f"scores.{criterion['id']}"] = [
                    _("«%(title)s»: выберите уровень.") % {"title": criterion["title"]}
                ]
        if not assignment.comment:
            problems["comment"] = [_("Напишите комментарий для авторов проекта.")]
        if problems:
            raise ReviewError(
                "incomplete",
                _("Чтобы отправить оценку, оцените каждый критерий и напишите комментарий."),
                problems,
            )
        before = _submitted_result(evaluation)
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["scores", "comment", "private_note", "submitted_at"])
        _tell_coordinator(evaluation, before)
    return assignment


def _submitted_result(evaluation: Evaluation):
    scores = list(
        evaluation.assignments.filter(submitted_at__isnull=False).values_list("scores", flat=True)
    )
    return result_of(evaluation.criteria, scores)


def _tell_coordinator(evaluation: Evaluation, before) -> None:
    coordinator = evaluation.coordinator
    if coordinator is None or not coordinator.is_active:
        return
    title = evaluation.project.title
    url = evaluation_url(evaluation.pk, coordinator)
    after = _submitted_result(evaluation)
    if after.flagged() - before.flagged():
        notification_send(
            recipient=coordinator,
            kind=kinds.DISAGREEMENT.code,
            title=_("Эксперты расходятся в оценках проекта «%(title)s»") % {"title": title},
            body=_("Разброс оценок по одному из критериев больше половины шкалы."),
            url=url,
        )
    if not evaluation.assignments.filter(submitted_at__isnull=True).exists():
        notification_send(
            recipient=coordinator,
            kind=kinds.ALL_SUBMITTED.code,
            title=_("Все эксперты оценили проект «%(title)s»") % {"title": title},
            body=_("Проверьте итоги и опубликуйте их для авторов и тьютора."),
            url=url,
        )


def _people_told_of_release(project: Project) -> list[User]:
    authors = list(
        User.objects.filter(
            project_memberships__project=project,
            project_memberships__role=MemberRole.AUTHOR,
            project_memberships__status=MemberStatus.ACCEPTED,
        )
    )
    parents = User.objects.filter(child_links__child__in=authors)
    people = {person.pk: person for person in [*authors, *parents]}
    if project.tutor_id and project.tutor.is_active:
        people.setdefault(project.tutor_id, project.tutor)
    return [person for person in people.values() if person.is_active]


def evaluation_release(*, evaluation: Evaluation, by) -> Evaluation:
    """The coordinator releases the result: the authors, their parents and the tutor see the
    scores and the experts' comments from now on, and are notified."""
    _coordinator_only(by)
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        _not_released(evaluation)
        if not evaluation.assignments.filter(submitted_at__isnull=False).exists():
            raise ReviewError(
                "nothing_submitted",
                _("Ни один эксперт ещё не отправил оценку: публиковать пока нечего."),
            )
        evaluation.released_at = timezone.now()
        evaluation.released_by = by
        evaluation.save(update_fields=["released_at", "released_by"])
        project = evaluation.project
        for person in _people_told_of_release(project):
            notification_send(
                recipient=person,
                kind=kinds.RELEASED.code,
                title=_("Итоги экспертизы проекта «%(title)s»") % {"title": project.title},
                body=_("Эксперты оценили проект: баллы и комментарии — на странице проекта."),
                url=project_url(project.pk, person),
            )
    return evaluation
