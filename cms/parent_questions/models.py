"""A parent's question to the school and its answer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Addressee(models.TextChoices):
    CLASS_TEACHER = "class_teacher", _("Классному руководителю")
    TUTOR = "tutor", _("Тьютору")
    ADMINISTRATION = "administration", _("Администрации")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("ждёт ответа")
    ANSWERED = "answered", _("есть ответ")
    CLOSED = "closed", _("закрыт")


class ParentQuestion(models.Model):
    """What a parent asked, whom, about which child, and the school's answer."""

    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("родитель"),
        on_delete=models.CASCADE,
        related_name="questions_asked",
    )
    child = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ребёнок"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    addressee = models.CharField(_("кому"), max_length=20, choices=Addressee.choices)
    # Null while the school has no notion of one person for the kind (no class teacher is
    # recorded per class): then everyone of that kind sees the question in their queue.
    addressed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("адресат"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions_addressed",
    )
    text = models.TextField(_("вопрос"), max_length=4000)
    status = models.CharField(
        _("состояние"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    answer = models.TextField(_("ответ"), blank=True, max_length=8000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ответил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions_answered",
    )
    answered_at = models.DateTimeField(_("когда ответили"), null=True, blank=True)
    faq_page = models.ForeignKey(
        "support.FAQPage",
        verbose_name=_("в вопросах и ответах"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("задан"), auto_now_add=True)

    class Meta:
        verbose_name = _("вопрос родителя")
        verbose_name_plural = _("вопросы родителей")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["addressee", "status"])]

    def __str__(self):
        return self.text[:60]
