"""Students' projects in the workspace: who works on them, their stages and what was handed in.

A project is private to its people: its authors, its tutor, the authors' parents, the
consultants invited to it, and the school's coordinators. Nothing here is ever published or
indexed; a finished project reaches the open solution bank only as a new draft page an editor
publishes (`solution_bank.py`).

The rules that must hold under concurrency are in the database: one membership per person and
project, one pending tutor request per project, one version number per stage submission, and
the stage's status changes under its locked row (`services.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from cms.core.models import BasePage

__all__ = [
    "AuthorConsent",
    "Comment",
    "MemberRole",
    "MemberStatus",
    "Project",
    "ProjectActivity",
    "ProjectKind",
    "ProjectMember",
    "ProjectStatus",
    "ProjectsPage",
    "Stage",
    "StageDecision",
    "StageFile",
    "StageStatus",
    "StageSubmission",
    "StageTemplate",
    "StageTemplateStep",
    "SolutionProposal",
    "TutorRequest",
    "TutorRequestStatus",
]


class ProjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Индивидуальный проект")
    COLLECTIVE = "collective", _("Коллективный проект")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("в работе")
    FINISHED = "finished", _("завершён")
    ARCHIVED = "archived", _("в архиве")


class StageStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("не начат")
    IN_PROGRESS = "in_progress", _("в работе")
    SUBMITTED = "submitted", _("сдан на проверку")
    RETURNED = "returned", _("возвращён с замечаниями")
    ACCEPTED = "accepted", _("принят")


class MemberRole(models.TextChoices):
    AUTHOR = "author", _("автор")
    CONSULTANT = "consultant", _("консультант")


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("приглашён")
    ACCEPTED = "accepted", _("участвует")
    DECLINED = "declined", _("отказался")
    LEFT = "left", _("вышел из проекта")


class TutorRequestStatus(models.TextChoices):
    PENDING = "pending", _("ждёт ответа")
    ACCEPTED = "accepted", _("принят")
    DECLINED = "declined", _("отклонён")
    WITHDRAWN = "withdrawn", _("отозван")


class _PrivateFiles(LazyObject):
    """The storage of project files: under `PROJECT_FILES_ROOT`, never the public media path,
    and with no URL of its own (the API serves a file only to the project's people)."""

    def _setup(self):
        self._wrapped = PrivateFileStorage(location=settings.PROJECT_FILES_ROOT)


class PrivateFileStorage(FileSystemStorage):
    """Files on disk with no web address: nothing may link to them but the API's view."""

    def url(self, name):
        raise ValueError(
            "project files have no public address; link to the API's `api:project-file` view"
        )


private_files = _PrivateFiles()


def private_files_storage():
    """The storage, by a function, so migrations name it rather than a machine's path."""
    return private_files


class StageTemplate(ClusterableModel):
    """The stages a new project starts with, per project type; staff edit them in the admin.

    A project of a type without a template of its own gets the default one.
    """

    name = models.CharField(_("название"), max_length=200)
    project_type = models.OneToOneField(
        "taxonomy.ProjectType",
        verbose_name=_("тип проекта"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Пусто — шаблон по умолчанию для проектов любого типа."),
    )
    is_default = models.BooleanField(
        _("по умолчанию"),
        default=False,
        help_text=_("Для проектов, у типа которых нет своего шаблона. Такой шаблон один."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("project_type"),
        FieldPanel("is_default"),
        InlinePanel("steps", label=_("Этап"), min_num=1),
    ]

    class Meta:
        verbose_name = _("шаблон этапов проекта")
        verbose_name_plural = _("шаблоны этапов проекта")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="projects_one_default_stage_template",
                violation_error_message=_("Шаблон по умолчанию уже есть."),
            )
        ]

    def __str__(self):
        return self.name


class StageTemplateStep(Orderable):
    """One stage of a template: its title, what is expected, and how long it usually takes."""

    template = ParentalKey(StageTemplate, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("этап"), max_length=200)
    description = models.TextField(_("что сдать"), blank=True)
    weeks = models.PositiveSmallIntegerField(
        _("недель на этап"),
        default=2,
        help_text=_("Срок этапа отсчитывается от срока предыдущего."),
    )

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("weeks")]

    class Meta(Orderable.Meta):
        verbose_name = _("этап шаблона")
        verbose_name_plural = _("этапы шаблона")

    def __str__(self):
        return self.title


class Project(models.Model):
    """An individual or collective student project; its fields are the solution bank's."""

    title = models.CharField(_("тема"), max_length=255)
    kind = models.CharField(
        _("форма работы"),
        max_length=20,
        choices=ProjectKind.choices,
        default=ProjectKind.INDIVIDUAL,
    )
    problem = models.TextField(_("проблема"), blank=True)
    goal = models.TextField(_("цель"), blank=True)
    result = models.TextField(_("результат и продукт"), blank=True)
    product_kind = models.CharField(_("вид продукта"), max_length=200, blank=True)
    product_url = models.URLField(_("ссылка на продукт"), max_length=500, blank=True)
    subjects = models.ManyToManyField(
        "taxonomy.Subject", verbose_name=_("предметные области"), blank=True, related_name="+"
    )
    grade = models.ForeignKey(
        "taxonomy.Grade",
        verbose_name=_("класс"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    project_type = models.ForeignKey(
        "taxonomy.ProjectType",
        verbose_name=_("тип проекта"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("состояние"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("автор проекта"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("тьютор"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tutored_projects",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("проект")
        verbose_name_plural = _("проекты")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title


class ProjectMember(models.Model):
    """A person working on a project: an author (student) or an invited consultant."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(_("роль"), max_length=20, choices=MemberRole.choices)
    status = models.CharField(
        _("состояние"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("участник проекта")
        verbose_name_plural = _("участники проекта")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "person"],
                name="projects_one_membership_per_person",
                violation_error_message=_("Этот человек уже в проекте или приглашён."),
            )
        ]

    def __str__(self):
        return f"{self.project_id}: {self.person_id} ({self.role}, {self.status})"


class TutorRequest(models.Model):
    """The students ask a tutor to accompany their project; the tutor accepts or declines."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tutor_requests")
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tutor_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("сообщение"), blank=True)
    status = models.CharField(
        max_length=20, choices=TutorRequestStatus.choices, default=TutorRequestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("запрос тьютора")
        verbose_name_plural = _("запросы тьюторов")
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(status="pending"),
                name="projects_one_pending_tutor_request",
                violation_error_message=_("Проект уже ждёт ответа тьютора."),
            )
        ]

    def __str__(self):
        return f"{self.project_id} → {self.tutor_id} ({self.status})"


class Stage(models.Model):
    """One stage of one project, with its due date and where it stands."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("этап"), max_length=200)
    description = models.TextField(_("что сдать"), blank=True)
    due_date = models.DateField(_("срок"), null=True, blank=True)
    status = models.CharField(
        _("состояние"), max_length=20, choices=StageStatus.choices, default=StageStatus.NOT_STARTED
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("этап проекта")
        verbose_name_plural = _("этапы проекта")
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "position"], name="projects_one_stage_per_position"
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"{self.position}. {self.title}"


class StageSubmission(models.Model):
    """One version of what the students handed in for a stage; every version is kept."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="submissions")
    version = models.PositiveSmallIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("текст"), blank=True)
    links = models.JSONField(_("ссылки"), default=list, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("сданная версия этапа")
        verbose_name_plural = _("сданные версии этапов")
        ordering = ["stage", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "version"], name="projects_one_submission_per_version"
            )
        ]

    def __str__(self):
        return f"{self.stage_id} v{self.version}"


def _stage_file_path(instance, filename: str) -> str:
    return f"projects/{instance.submission.stage.project_id}/{filename}"


class StageFile(models.Model):
    """A file handed in with a submission, checked by its content and stored privately."""

    submission = models.ForeignKey(StageSubmission, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        storage=private_files_storage, upload_to=_stage_file_path, max_length=300
    )
    name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("файл этапа")
        verbose_name_plural = _("файлы этапов")

    def __str__(self):
        return self.name


class StageDecision(models.Model):
    """The tutor's answer to a submission: accepted, or returned with written feedback."""

    submission = models.OneToOneField(
        StageSubmission, on_delete=models.CASCADE, related_name="decision"
    )
    accepted = models.BooleanField()
    feedback = models.TextField(_("отзыв"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("решение по этапу")
        verbose_name_plural = _("решения по этапам")

    def __str__(self):
        return f"{self.submission_id}: {'accepted' if self.accepted else 'returned'}"


class Comment(models.Model):
    """A comment on a project or one of its stages, seen by all the project's people.

    There are no private messages in the workspace: the tutor reads every comment, so a minor
    is never alone in a conversation with an external resident.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("текст"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("комментарий к проекту")
        verbose_name_plural = _("комментарии к проектам")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.project_id}: {self.body[:40]}"


class ProjectActivity(models.Model):
    """What happened in a project, newest first: the project's activity feed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activity")
    stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("событие проекта")
        verbose_name_plural = _("события проектов")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.project_id}: {self.verb}"


class SolutionProposal(models.Model):
    """The tutor proposes a finished, evaluated project for the open solution bank.

    Every author (and, for a minor, a parent) confirms how the author's name appears; when all
    have, a draft solution page is made from the project and submitted to moderation.
    """

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="solution_proposal"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    licence = models.CharField(_("лицензия"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_created_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("предложение в банк решений")
        verbose_name_plural = _("предложения в банк решений")

    def __str__(self):
        return f"{self.project_id}"


class AuthorConsent(models.Model):
    """How one author's name may appear on the solution page, and who confirmed it."""

    proposal = models.ForeignKey(
        SolutionProposal, on_delete=models.CASCADE, related_name="consents"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # One of cms.users.choices.NameDisplay; empty until confirmed.
    display = models.CharField(max_length=20, blank=True)
    licence = models.CharField(max_length=30, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("согласие автора")
        verbose_name_plural = _("согласия авторов")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "author"], name="projects_one_consent_per_author"
            )
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.author_id}"


class ProjectsPage(BasePage):
    """The project workspace on the static site, inside the cabinet: one shell for everyone,
    whose widgets fetch the signed-in person's projects, queues and dashboards from the API.
    A project opens in it by its address (`?project=<id>`); nothing personal is ever in the
    published file.
    """

    search_exclude = True

    parent_page_types = ["users.CabinetPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "projects/projects_page.html"

    class Meta:
        verbose_name = _("проекты (рабочее пространство)")
        verbose_name_plural = _("проекты (рабочее пространство)")
