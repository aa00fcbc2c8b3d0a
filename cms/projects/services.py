"""Writes of the project workspace: start and edit a project, invite and answer, ask a tutor,
hand in a stage and decide on it, comment. Every change leaves a `ProjectActivity` row and
tells the people it concerns (`tasks.project_notify`, sent after the commit).

The rules that must hold when two people press at once are in the database or under a locked
row: one membership per person (constraint), one pending tutor request per project
(constraint), version numbers and a stage's status under the stage's locked row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.users.choices import RoleChoices
from cms.users.selectors import display_name_for

from . import kinds
from .files import MAX_FILES, file_prepare
from .models import (
    Comment,
    MemberRole,
    MemberStatus,
    Project,
    ProjectActivity,
    ProjectKind,
    ProjectMember,
    ProjectStatus,
    Stage,
    StageDecision,
    StageFile,
    StageStatus,
    StageSubmission,
    StageTemplate,
    TutorRequest,
    TutorRequestStatus,
)
from .rules import is_author, is_consultant, is_tutor_role
from .selectors import authors_of, may_comment, parents_of_authors, project_people
from .tasks import project_notify

__all__ = [
    "ProjectError",
    "comment_create",
    "member_answer",
    "member_invite",
    "member_leave",
    "project_create",
    "project_update",
    "stage_decide",
    "stage_start",
    "stage_submit",
    "template_for",
    "tutor_request_answer",
    "tutor_request_create",
]

MAX_COMMENT = 5000
MAX_TEXT = 20000
MAX_LINKS = 10
UPDATABLE = ("title", "problem", "goal", "result", "product_kind", "product_url")


class ProjectError(Exception):
    """A change the rules refuse: `code` for programs, `message` for people, `field` when one
    input is at fault."""

    def __init__(self, code: str, message: str, *, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.field = field


def _refuse(message) -> PermissionDenied:
    return PermissionDenied(str(message))


def _activity(project: Project, verb: str, actor=None, stage: Stage | None = None) -> None:
    ProjectActivity.objects.create(project=project, verb=verb, actor=actor, stage=stage)
    # "My projects" lists the most recently changed first.
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())


def _require_active(project: Project) -> None:
    if project.status != ProjectStatus.ACTIVE:
        raise ProjectError("project_closed", _("Проект завершён: в нём больше ничего не меняют."))


def _name(person, viewer) -> str:
    return display_name_for(person=person, viewer=viewer) if person else _("Кто-то")


def template_for(project_type) -> StageTemplate | None:
    """The stage template of the project type, else the default one."""
    if project_type is not None:
        template = StageTemplate.objects.filter(project_type=project_type).first()
        if template is not None:
            return template
    return StageTemplate.objects.filter(is_default=True).first()


@transaction.atomic
def project_create(
    *,
    by,
    title: str,
    kind: str = ProjectKind.INDIVIDUAL,
    problem: str = "",
    goal: str = "",
    product_kind: str = "",
    subjects: Iterable = (),
    grade=None,
    project_type=None,
) -> Project:
    """A pupil starts a project: they are its first (accepted) author, and its stages come
    from the template for its type, each due some weeks after the one before."""
    if not (by.is_authenticated and by.has_role(RoleChoices.STUDENT)):
        raise _refuse(_("Проект начинает ученик."))
    title = (title or "").strip()
    if not title:
        raise ProjectError("title_required", _("Напишите тему проекта."), field="title")
    project = Project.objects.create(
        title=title[:255],
        kind=kind,
        problem=problem,
        goal=goal,
        product_kind=product_kind[:200],
        grade=grade,
        project_type=project_type,
        created_by=by,
    )
    project.subjects.set(list(subjects))
    ProjectMember.objects.create(
        project=project,
        person=by,
        role=MemberRole.AUTHOR,
        status=MemberStatus.ACCEPTED,
        invited_by=by,
        answered_at=timezone.now(),
    )
    template = template_for(project_type)
    due = timezone.localdate()
    steps = list(template.steps.order_by("sort_order", "pk")) if template else []
    for position, step in enumerate(steps, start=1):
        due = due + timedelta(weeks=step.weeks)
        Stage.objects.create(
            project=project,
            position=position,
            title=step.title,
            description=step.description,
            due_date=due,
        )
    _activity(project, "created", by)
    return project


@transaction.atomic
def project_update(*, project: Project, by, subjects: Iterable | None = None, **fields) -> Project:
    """Its authors and tutor edit the project's description (the solution bank's fields)."""
    if not by.has_perm("projects.change_project", project):
        raise _refuse(_("Менять проект могут его авторы и тьютор."))
    unknown = set(fields) - {*UPDATABLE, "grade", "project_type"}
    if unknown:
        raise TypeError(f"not updatable: {sorted(unknown)}")
    if "title" in fields and not (fields["title"] or "").strip():
        raise ProjectError("title_required", _("Напишите тему проекта."), field="title")
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    if subjects is not None:
        project.subjects.set(list(subjects))
    _activity(project, "updated", by)
    return project


def _invitation_texts(project, by, role):
    def texts(recipient):
        return (
            _("Приглашение в проект «%(title)s»") % {"title": project.title},
            _("%(name)s приглашает вас в проект: %(role)s. Ответьте на приглашение в кабинете.")
            % {"name": _name(by, recipient), "role": MemberRole(role).label},
        )

    return texts


@transaction.atomic
def member_invite(*, project: Project, by, person, role: str) -> ProjectMember:
    """Invite a classmate as a co-author of a collective project, or (the tutor only, and only
    while the project has one) a partner as a consultant."""
    _require_active(project)
    if role == MemberRole.AUTHOR:
        if not by.has_perm("projects.invite_author", project):
            raise _refuse(_("Соавторов приглашают авторы проекта и его тьютор."))
        if project.kind != ProjectKind.COLLECTIVE:
            raise ProjectError(
                "individual_project",
                _("Это индивидуальный проект: соавторов в нём нет."),
            )
        if not person.has_role(RoleChoices.STUDENT):
            raise ProjectError(
                "not_a_student", _("Соавтором может быть только ученик."), field="person_id"
            )
    elif role == MemberRole.CONSULTANT:
        if not by.has_perm("projects.invite_consultant", project):
            raise _refuse(_("Консультантов приглашает тьютор проекта."))
        if project.tutor_id is None:
            raise ProjectError(
                "no_tutor", _("Сначала у проекта должен появиться тьютор, потом консультант.")
            )
        if not person.has_role(RoleChoices.PARTNER):
            raise ProjectError(
                "not_a_partner",
                _("Консультантом может быть только представитель организации-партнёра."),
                field="person_id",
            )
    else:
        raise ValueError(role)
    if person.pk == project.tutor_id:
        raise ProjectError("already_in_project", _("Этот человек — тьютор проекта."))
    try:
        with transaction.atomic():
            member = ProjectMember.objects.create(
                project=project, person=person, role=role, invited_by=by
            )
    except IntegrityError:
        # Someone who declined or left may be invited again; anyone else is already in.
        member = (
            ProjectMember.objects.select_for_update().filter(project=project, person=person).get()
        )
        if member.status not in (MemberStatus.DECLINED, MemberStatus.LEFT):
            raise ProjectError(
                "already_in_project", _("Этот человек уже в проекте или приглашён.")
            ) from None
        member.role, member.status, member.invited_by = role, MemberStatus.INVITED, by
        member.answered_at = None
        member.save(update_fields=["role", "status", "invited_by", "answered_at"])
    _activity(project, f"invited_{role}", by)
    project_notify(
        project=project,
        kind=kinds.INVITATION,
        recipients=[person],
        texts=_invitation_texts(project, by, role),
    )
    return member


@transaction.atomic
def member_answer(*, project: Project, person, accept: bool) -> ProjectMember:
    """Accept or decline one's own invitation."""
    member = (
        ProjectMember.objects.select_for_update()
        .filter(project=project, person=person, status=MemberStatus.INVITED)
        .first()
    )
    if member is None:
        raise ProjectError("no_invitation", _("Приглашения в этот проект у вас нет."))
    member.status = MemberStatus.ACCEPTED if accept else MemberStatus.DECLINED
    member.answered_at = timezone.now()
    member.save(update_fields=["status", "answered_at"])
    _activity(project, "joined" if accept else "declined", person)

    def texts(recipient):
        what = (
            _("%(name)s принимает приглашение в проект «%(title)s»")
            if accept
            else _("%(name)s отклоняет приглашение в проект «%(title)s»")
        )
        return what % {"name": _name(person, recipient), "title": project.title}, ""

    project_notify(
        project=project,
        kind=kinds.INVITATION_ANSWERED,
        recipients=[member.invited_by],
        texts=texts,
        skip=person,
    )
    return member


@transaction.atomic
def member_leave(*, project: Project, person) -> ProjectMember:
    """Leave a project one works on; its last author may not (the project would be nobody's)."""
    member = (
        ProjectMember.objects.select_for_update()
        .filter(project=project, person=person, status=MemberStatus.ACCEPTED)
        .first()
    )
    if member is None:
        raise ProjectError("not_a_member", _("Вы не участник этого проекта."))
    if member.role == MemberRole.AUTHOR:
        others = (
            ProjectMember.objects.select_for_update()
            .filter(project=project, role=MemberRole.AUTHOR, status=MemberStatus.ACCEPTED)
            .exclude(pk=member.pk)
        )
        if not list(others):
            raise ProjectError(
                "last_author", _("Вы единственный автор: без вас у проекта не останется авторов.")
            )
    member.status = MemberStatus.LEFT
    member.answered_at = timezone.now()
    member.save(update_fields=["status", "answered_at"])
    _activity(project, "left", person)
    return member


@transaction.atomic
def tutor_request_create(*, project: Project, by, tutor, message: str = "") -> TutorRequest:
    """The authors ask a tutor or teacher to accompany the project; one request waits at a time."""
    if not is_author(by, project):
        raise _refuse(_("Тьютора просят авторы проекта."))
    _require_active(project)
    if project.tutor_id is not None:
        raise ProjectError("has_tutor", _("У проекта уже есть тьютор."))
    if not is_tutor_role(tutor):
        raise ProjectError(
            "not_a_tutor", _("Попросить можно только тьютора или учителя."), field="tutor_id"
        )
    try:
        with transaction.atomic():
            request = TutorRequest.objects.create(
                project=project, tutor=tutor, requested_by=by, message=message[:MAX_COMMENT]
            )
    except IntegrityError:
        raise ProjectError(
            "request_pending",
            _("Проект уже ждёт ответа тьютора. Дождитесь ответа, прежде чем просить другого."),
        ) from None
    _activity(project, "tutor_requested", by)

    def texts(recipient):
        return (
            _("Просьба стать тьютором проекта «%(title)s»") % {"title": project.title},
            _("%(name)s просит вас сопровождать проект. %(message)s")
            % {"name": _name(by, recipient), "message": request.message},
        )

    project_notify(project=project, kind=kinds.TUTOR_REQUEST, recipients=[tutor], texts=texts)
    return request


@transaction.atomic
def tutor_request_answer(*, request_id: int, by, accept: bool) -> TutorRequest:
    """The tutor asked accepts (and becomes the project's tutor) or declines."""
    request = (
        TutorRequest.objects.select_for_update().select_related("project").filter(pk=request_id)
    ).first()
    if request is None or request.tutor_id != by.pk:
        raise _refuse(_("На эту просьбу отвечает тьютор, которого попросили."))
    if request.status != TutorRequestStatus.PENDING:
        raise ProjectError("already_answered", _("На эту просьбу уже ответили."))
    project = Project.objects.select_for_update().get(pk=request.project_id)
    if accept and project.tutor_id is not None:
        raise ProjectError("has_tutor", _("У проекта уже есть тьютор."))
    request.status = TutorRequestStatus.ACCEPTED if accept else TutorRequestStatus.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    if accept:
        project.tutor = by
        project.save(update_fields=["tutor", "updated_at"])
    _activity(project, "tutor_accepted" if accept else "tutor_declined", by)

    def texts(recipient):
        values = {"name": _name(by, recipient), "title": project.title}
        if accept:
            return _("%(name)s теперь тьютор проекта «%(title)s»") % values, ""
        return (
            _("%(name)s не может сопровождать проект «%(title)s»") % values,
            _("Попросите другого тьютора в кабинете."),
        )

    project_notify(
        project=project,
        kind=kinds.TUTOR_ANSWER,
        recipients=list(authors_of(project)),
        texts=texts,
    )
    return request


def _stage_locked(stage: Stage) -> Stage:
    return Stage.objects.select_for_update().select_related("project").get(pk=stage.pk)


@transaction.atomic
def stage_start(*, stage: Stage, by) -> Stage:
    """An author marks a stage as being worked on."""
    stage = _stage_locked(stage)
    if not by.has_perm("projects.submit_stage", stage.project):
        raise _refuse(_("Этапы ведут авторы проекта."))
    _require_active(stage.project)
    if stage.status in (StageStatus.NOT_STARTED, StageStatus.RETURNED):
        stage.status = StageStatus.IN_PROGRESS
        stage.save(update_fields=["status", "updated_at"])
        _activity(stage.project, "stage_started", by, stage)
    return stage


def _links_clean(links: Iterable[str]) -> list[str]:
    from django.core.validators import URLValidator

    validate = URLValidator(schemes=["http", "https"])
    cleaned = []
    for link in links:
        link = (link or "").strip()
        if not link:
            continue
        try:
            validate(link)
        except ValidationError:
            raise ProjectError(
                "invalid_link",
                _("Ссылка «%(link)s» не похожа на адрес сайта (http:// или https://).")
                % {"link": link[:100]},
                field="links",
            ) from None
        cleaned.append(link[:500])
    if len(cleaned) > MAX_LINKS:
        raise ProjectError(
            "too_many_links", _("Не больше %(n)s ссылок.") % {"n": MAX_LINKS}, field="links"
        )
    return cleaned


def stage_submit(
    *, stage: Stage, by, text: str = "", links: Iterable[str] = (), files: Iterable = ()
) -> StageSubmission:
    """An author hands in a stage: a new version (text, links, files), for the tutor to decide.

    Every file is checked before anything is written, so a refused file leaves no half-made
    submission; images lose their metadata; the files go to the private storage.
    """
    if not by.has_perm("projects.submit_stage", stage.project):
        raise _refuse(_("Этапы сдают авторы проекта."))
    files = list(files)
    if len(files) > MAX_FILES:
        raise ProjectError(
            "too_many_files", _("Не больше %(n)s файлов за раз.") % {"n": MAX_FILES}, field="files"
        )
    try:
        prepared = [file_prepare(upload) for upload in files]
    except ValidationError as error:
        raise ProjectError("invalid_file", " ".join(error.messages), field="files") from None
    links = _links_clean(links)
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ProjectError(
            "text_too_long", _("Не длиннее %(n)s символов.") % {"n": MAX_TEXT}, field="text"
        )
    if not (text or links or prepared):
        raise ProjectError(
            "empty_submission", _("Добавьте текст, ссылку или файл: сдавать пока нечего.")
        )
    stored: list[StageFile] = []
    try:
        with transaction.atomic():
            submission = _submission_create(
                stage=stage, by=by, text=text, links=links, prepared=prepared, stored=stored
            )
    except BaseException:
        # The rows are rolled back; the files written so far must go too.
        for stage_file in stored:
            stage_file.file.storage.delete(stage_file.file.name)
        raise
    return submission


def _submission_create(*, stage, by, text, links, prepared, stored) -> StageSubmission:
    stage = _stage_locked(stage)
    project = stage.project
    if not by.has_perm("projects.submit_stage", project):
        raise _refuse(_("Этапы сдают авторы проекта."))
    _require_active(project)
    if stage.status == StageStatus.ACCEPTED:
        raise ProjectError("stage_accepted", _("Этот этап уже принят: сдавать его снова не нужно."))
    last = stage.submissions.aggregate(last=Max("version"))["last"] or 0
    submission = StageSubmission.objects.create(
        stage=stage, version=last + 1, author=by, text=text, links=links
    )
    for item in prepared:
        stage_file = StageFile(
            submission=submission, name=item.name, size=item.size, content_type=item.content_type
        )
        stage_file.file.save(item.name, ContentFile(item.content), save=False)
        stored.append(stage_file)
        stage_file.save()
    stage.status = StageStatus.SUBMITTED
    stage.save(update_fields=["status", "updated_at"])
    _activity(project, "stage_submitted", by, stage)

    def texts(recipient):
        return (
            _("Этап «%(stage)s» проекта «%(title)s» сдан на проверку")
            % {"stage": stage.title, "title": project.title},
            _("%(name)s сдаёт версию %(version)s.")
            % {"name": _name(by, recipient), "version": submission.version},
        )

    project_notify(
        project=project,
        kind=kinds.STAGE_SUBMITTED,
        recipients=[project.tutor],
        texts=texts,
        skip=by,
    )
    return submission


@transaction.atomic
def stage_decide(*, stage: Stage, by, accepted: bool, feedback: str = "") -> StageDecision:
    """The tutor accepts the stage's latest version or returns it with written feedback; when
    every stage is accepted the project is finished. Authors and their parents are told."""
    stage = _stage_locked(stage)
    project = stage.project
    if not by.has_perm("projects.decide_stage", project):
        raise _refuse(_("Этапы принимает тьютор проекта."))
    if stage.status != StageStatus.SUBMITTED:
        raise ProjectError("not_submitted", _("Этот этап сейчас не ждёт проверки."))
    feedback = (feedback or "").strip()
    if not accepted and not feedback:
        raise ProjectError(
            "feedback_required",
            _("Напишите, что исправить: без отзыва этап не возвращают."),
            field="feedback",
        )
    submission = stage.submissions.order_by("-version").first()
    decision = StageDecision.objects.create(
        submission=submission, accepted=accepted, feedback=feedback[:MAX_TEXT], decided_by=by
    )
    stage.status = StageStatus.ACCEPTED if accepted else StageStatus.RETURNED
    stage.save(update_fields=["status", "updated_at"])
    _activity(project, "stage_accepted" if accepted else "stage_returned", by, stage)
    if accepted:
        project = Project.objects.select_for_update().get(pk=project.pk)
        if not project.stages.exclude(status=StageStatus.ACCEPTED).exists():
            project.status = ProjectStatus.FINISHED
            project.save(update_fields=["status", "updated_at"])
            _activity(project, "finished", by)

    def texts(recipient):
        values = {"stage": stage.title, "title": project.title}
        title = (
            _("Этап «%(stage)s» проекта «%(title)s» принят")
            if accepted
            else _("Этап «%(stage)s» проекта «%(title)s» возвращён с замечаниями")
        )
        return title % values, feedback

    project_notify(
        project=project,
        kind=kinds.STAGE_DECIDED,
        recipients=[*authors_of(project), *parents_of_authors(project)],
        texts=texts,
        skip=by,
    )
    return decision


COMMENT_PREVIEW = 300


@transaction.atomic
def comment_create(*, project: Project, by, body: str, stage: Stage | None = None) -> Comment:
    """A comment any of the project's people may write; a consultant only while the project
    has a tutor, who reads every comment."""
    if not by.has_perm("projects.comment_project", project):
        raise _refuse(_("Комментируют только люди проекта."))
    if not may_comment(by, project):
        raise _refuse(
            _("Пока у проекта нет тьютора, консультант не пишет комментарии.")
            if is_consultant(by, project)
            else _("Комментируют только люди проекта.")
        )
    body = (body or "").strip()
    if not body:
        raise ProjectError("empty_comment", _("Напишите текст комментария."), field="body")
    if len(body) > MAX_COMMENT:
        raise ProjectError(
            "comment_too_long", _("Не длиннее %(n)s символов.") % {"n": MAX_COMMENT}, field="body"
        )
    if stage is not None and stage.project_id != project.pk:
        raise ProjectError("wrong_stage", _("Такого этапа в проекте нет."), field="stage")
    comment = Comment.objects.create(project=project, stage=stage, author=by, body=body)
    _activity(project, "commented", by, stage)

    def texts(recipient):
        preview = body if len(body) <= COMMENT_PREVIEW else body[:COMMENT_PREVIEW] + "…"
        return (
            _("Новый комментарий к проекту «%(title)s»") % {"title": project.title},
            f"{_name(by, recipient)}: {preview}",
        )

    project_notify(
        project=project,
        kind=kinds.COMMENT,
        recipients=project_people(project),
        texts=texts,
        skip=by,
    )
    return comment
