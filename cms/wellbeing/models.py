"""The relaxation room's confidential help: requests to the school psychologist and the replies.

Only people with the psychologist role read them (`rules.py`), every read of a text by a
psychologist is written to `HelpAccessLog`, and the texts are encrypted at rest
(`fields.EncryptedTextField`). An anonymous request keeps no account and no address: only the
hash of the one-time code its author was shown once. Requests go after
`HELP_RETENTION_DAYS` (`retention.py`). None of these models is registered in any admin.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .fields import EncryptedTextField

__all__ = [
    "AccessAction",
    "CrisisWord",
    "HelpAccessLog",
    "HelpReply",
    "HelpRequest",
    "HelpStatus",
    "RequesterKind",
]


class RequesterKind(models.TextChoices):
    STUDENT = "student", _("ученик")
    PARENT = "parent", _("родитель")
    ANONYMOUS = "anonymous", _("анонимно")


class HelpStatus(models.TextChoices):
    NEW = "new", _("новое")
    ANSWERED = "answered", _("есть ответ")
    CLOSED = "closed", _("закрыто")


class HelpRequest(models.Model):
    """What a pupil or a parent wrote to the psychologist, by name or anonymously."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("автор"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="help_requests",
    )
    requester_kind = models.CharField(_("кто пишет"), max_length=16, choices=RequesterKind.choices)
    # SHA-256 of the one-time code an anonymous author was shown; the code itself is not kept.
    code_hash = models.CharField(max_length=64, blank=True, default="")
    text = EncryptedTextField(_("текст"))
    urgent = models.BooleanField(_("срочно"), default=False)
    wants_consultation = models.BooleanField(_("просит консультацию"), default=False)
    status = models.CharField(
        _("состояние"), max_length=16, choices=HelpStatus.choices, default=HelpStatus.NEW
    )
    # The language the author wrote in, for the help lines they are shown.
    language = models.CharField(max_length=8, default="ru")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("консультация"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("создано"), auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(_("отвечено"), null=True, blank=True)

    class Meta:
        verbose_name = _("обращение к психологу")
        verbose_name_plural = _("обращения к психологу")
        ordering = ["-urgent", "-created_at"]
        constraints = [
            models.CheckConstraint(
                name="help_request_anonymous_has_code_and_no_person",
                condition=(Q(requester_kind="anonymous", requester__isnull=True) & ~Q(code_hash=""))
                | (~Q(requester_kind="anonymous") & Q(requester__isnull=False, code_hash="")),
            ),
            models.UniqueConstraint(
                fields=["code_hash"],
                condition=~Q(code_hash=""),
                name="help_request_code_unique",
            ),
        ]

    def __str__(self):
        return f"#{self.pk}"


class HelpReply(models.Model):
    """The psychologist's answer to a request."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="replies")
    psychologist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("психолог"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="help_replies",
    )
    text = EncryptedTextField(_("текст"))
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)

    class Meta:
        verbose_name = _("ответ психолога")
        verbose_name_plural = _("ответы психолога")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"#{self.request_id}/{self.pk}"


class AccessAction(models.TextChoices):
    READ = "read", _("прочитал")
    REPLY = "reply", _("ответил")
    SCHEDULE = "schedule", _("назначил консультацию")


class HelpAccessLog(models.Model):
    """Who of the psychologists opened or acted on which request, and when.

    The request is kept as its number, not a foreign key: the log outlives the request it
    names, so deleting requests (retention, an author's account) leaves the record of reads.
    """

    psychologist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="help_access_log",
    )
    request_id = models.PositiveBigIntegerField(db_index=True)
    action = models.CharField(max_length=16, choices=AccessAction.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("запись о доступе к обращению")
        verbose_name_plural = _("журнал доступа к обращениям")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.action} #{self.request_id}"


class CrisisWord(models.Model):
    """A word, stem or phrase that marks a request urgent (`crisis.py` says how it matches)."""

    word = models.CharField(_("слово или фраза"), max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("тревожное слово")
        verbose_name_plural = _("тревожные слова")
        ordering = ["word"]

    def __str__(self):
        return self.word
