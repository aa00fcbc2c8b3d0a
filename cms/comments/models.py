"""Comments of a discussion (or of any page an editor opens them on): a section an editor
makes, the comments people write in it (one level of replies), and the reports they file."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel

from cms.audiences.models import Audience

__all__ = ["Comment", "CommentReport", "CommentSection", "CommentStatus", "TEXT_MAX"]

TEXT_MAX = 2000
# Words of the API's own addresses under comments/ (see urls.py).
RESERVED_CODES = {"queue", "discussions"}

passage_key = RegexValidator(
    r"^(p[1-9][0-9]{0,3})?$", _("Абзац — это «p» и его номер, например «p3», или пусто.")
)


class CommentSection(Audience):
    """Where people comment: one per page (its comments widget names it by `code`), and the
    audience who may comment there while it is open."""

    # The widget that shows it by its code: saving it publishes again only the pages whose
    # "comments" widget names it (publish/signal_handlers.py).
    widget_kind = "comments"

    code = models.SlugField(
        _("идентификатор"),
        max_length=80,
        unique=True,
        help_text=_("Его указывают в поле «Идентификатор» виджета «Комментарии» на странице."),
    )
    title = models.CharField(_("название"), max_length=250)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("страница"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Обсуждение или другая страница, на которой стоит виджет комментариев."),
    )
    is_open = models.BooleanField(_("открыто для комментариев"), default=True)
    closes_at = models.DateTimeField(
        _("закрывается"), null=True, blank=True, help_text=_("Пусто — пока не закроют вручную.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("code"),
        PageChooserPanel("page"),
        FieldRowPanel([FieldPanel("is_open"), FieldPanel("closes_at")]),
        *Audience.audience_panels,
    ]

    class Meta:
        verbose_name = _("раздел комментариев")
        verbose_name_plural = _("разделы комментариев")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def widget_reference(self) -> str:
        return self.code

    def clean(self):
        super().clean()
        if self.code in RESERVED_CODES:
            raise ValidationError({"code": _("Этот идентификатор занят: выберите другой.")})

    @property
    def accepts_comments(self) -> bool:
        return self.is_open and (self.closes_at is None or timezone.now() < self.closes_at)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("ждёт модерации")
    VISIBLE = "visible", _("опубликован")
    HIDDEN = "hidden", _("скрыт модератором")


class Comment(models.Model):
    """One comment on the whole page (`passage` "") or on a passage of its document ("p3");
    a reply has a `parent`, which is never itself a reply."""

    section = models.ForeignKey(
        CommentSection,
        verbose_name=_("раздел"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    passage = models.CharField(
        _("абзац"), max_length=6, blank=True, default="", validators=[passage_key]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ответ на"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("автор"),
        on_delete=models.CASCADE,
        related_name="comments_written",
    )
    text = models.TextField(_("текст"), max_length=TEXT_MAX)
    language = models.CharField(_("язык"), max_length=8, default="ru")
    status = models.CharField(
        _("состояние"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
    )
    hidden_reason = models.CharField(_("причина скрытия"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("скрыл"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("написан"), default=timezone.now)
    edited_at = models.DateTimeField(_("изменён"), null=True, blank=True)

    class Meta:
        verbose_name = _("комментарий")
        verbose_name_plural = _("комментарии")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", _("Может модерировать комментарии"))]
        indexes = [
            models.Index(fields=["section", "status"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self):
        return self.text[:60]


class CommentReport(models.Model):
    """Someone asks the moderators to look at a comment; each person reports a comment once."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("комментарий"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто пожаловался"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("причина"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("когда"), default=timezone.now)
    # A moderator's decision (approve, hide, restore) settles every report filed before it.
    resolved = models.BooleanField(_("рассмотрена"), default=False)

    class Meta:
        verbose_name = _("жалоба на комментарий")
        verbose_name_plural = _("жалобы на комментарии")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="comments_report_once_per_person"
            )
        ]

    def __str__(self):
        return self.reason[:60] or str(self.comment)
