"""Surveys (questionnaires) editors build in the admin, and the responses people give.

One response per eligible person is a database rule. A signed survey's response points at its
respondent (a foreign key, unique per survey). An anonymous survey's response does not: it
holds a keyed HMAC of the person and the survey (`respondent_key`), unique per survey, so the
same person is recognised when they edit or answer twice, while nobody reading the table can
tell who answered without the server's secret key. Anonymous responses carry no time and have
a random primary key, so neither a timestamp nor the row order ties them to a moment.

Each response keeps a *cut*: the respondent's role group and grade when they answered, for the
results by group (a group of fewer than `SURVEY_MIN_CUT` answers is never shown).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.audiences.models import Audience
from cms.core.fields import StreamField

from .questions import SurveyQuestionsBlock

__all__ = ["RoleGroup", "Survey", "SurveyResponse"]


class RoleGroup(models.TextChoices):
    """The groups results are cut by: who a respondent was when they answered."""

    STUDENT = "student", _("ученики")
    PARENT = "parent", _("родители")
    STAFF = "staff", _("сотрудники лицея")
    OTHER = "other", _("другие участники")


class Survey(Audience):
    """A questionnaire for an audience, open between two moments."""

    # The widget that shows it by its code: saving it publishes again only the pages whose
    # "survey" widget names it (publish/signal_handlers.py).
    widget_kind = "survey"

    code = models.SlugField(
        _("код"),
        max_length=60,
        unique=True,
        help_text=_("Латиница, цифры и дефис; его указывают в виджете «Опрос» на странице."),
    )
    title = models.CharField(_("название"), max_length=255)
    intro = models.TextField(_("вступление"), blank=True)
    questions = StreamField(SurveyQuestionsBlock(), verbose_name=_("вопросы"), blank=True)
    anonymous = models.BooleanField(
        _("анонимный"),
        default=True,
        help_text=_("В анонимном опросе в ответах не хранится, кто ответил; выгрузка — без имён."),
    )
    editable = models.BooleanField(_("ответ можно изменить до закрытия"), default=True)
    opens_at = models.DateTimeField(_("открывается"))
    closes_at = models.DateTimeField(_("закрывается"))
    results_public = models.BooleanField(
        _("опубликовать итоги"),
        default=False,
        help_text=_(
            "После закрытия диаграммы и таблицы появятся на странице сайта. Свободные ответы "
            "не публикуются никогда."
        ),
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    # Written once by `services.survey_close`.
    closed_at = models.DateTimeField(_("закрыт"), null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("code")]),
        FieldPanel("intro"),
        FieldPanel("questions"),
        *Audience.audience_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("anonymous"), FieldPanel("editable")]),
                FieldPanel("results_public"),
            ],
            heading=_("Сроки и правила"),
        ),
    ]

    class Meta:
        verbose_name = _("опрос")
        verbose_name_plural = _("опросы")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="surveys_survey_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def widget_reference(self) -> str:
        return self.code

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closed_at is None and self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return self.closed_at is not None or (now or timezone.now()) >= self.closes_at

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Опрос закрывается позже, чем открылся.")})
        if self.pk and self.responses.exists():
            stored = Survey.objects.filter(pk=self.pk).values_list("anonymous", flat=True).first()
            if stored is not None and stored != self.anonymous:
                raise ValidationError(
                    {"anonymous": _("На опрос уже отвечали: анонимность менять нельзя.")}
                )


class SurveyResponse(models.Model):
    """One person's answers to one survey, keyed by question id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Signed surveys only.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    # Anonymous surveys only: HMAC-SHA256(server key, survey id + person id), hex.
    # NULL rather than "" so the unique constraint leaves signed responses alone.
    respondent_key = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )
    answers = models.JSONField(default=dict)
    role_group = models.CharField(max_length=20, choices=RoleGroup.choices)
    grade = models.PositiveSmallIntegerField(null=True, blank=True)
    # Signed surveys only: an anonymous response keeps no time.
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ответ на опрос")
        verbose_name_plural = _("ответы на опросы")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="surveys_one_signed_response_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "respondent_key"],
                condition=models.Q(respondent_key__isnull=False),
                name="surveys_one_anonymous_response_per_person",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(respondent__isnull=False, respondent_key__isnull=True)
                    | models.Q(respondent__isnull=True, respondent_key__isnull=False)
                ),
                name="surveys_response_signed_or_keyed",
            ),
        ]

    def __str__(self):
        return f"{self.survey_id}: {self.pk}"
