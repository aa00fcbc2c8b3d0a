"""Secret-ballot votes: a question, its options, an electorate from the roster, a window, a
quorum and a rule.

Secrecy is in the schema. Casting a vote writes, in one transaction, a `VoterMark` (this
person voted; with `FamilyMark` rows when the vote is one per family) and a `Ballot` (a choice
and the hash of the voter's receipt code). Nothing links the two: no foreign key between them,
no timestamp on either, a random primary key on the ballot, and the ballots of a vote are
rewritten in a random order (`services.ballots_shuffle`) so neither the row order nor the
writing transaction tells who voted what.

The rules that must hold under contention are constraints: one mark per person and vote, one
family mark per pupil and vote, one ballot per receipt.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.audiences.models import Audience

__all__ = [
    "Ballot",
    "FamilyMark",
    "Vote",
    "VoteOption",
    "VoteRule",
    "VoterMark",
]


class VoteRule(models.TextChoices):
    """What an option needs to win, of the ballots cast for an option (abstentions aside)."""

    SIMPLE_MAJORITY = "simple", _("простое большинство (больше половины)")
    TWO_THIRDS = "two_thirds", _("две трети")


class Vote(Audience, ClusterableModel):
    """A question put to an electorate. Without options of its own it is yes / no / abstain."""

    # The widget that shows it by its code: saving it publishes again only the pages whose
    # "voting" widget names it (publish/signal_handlers.py).
    widget_kind = "voting"

    code = models.SlugField(
        _("код"),
        max_length=60,
        unique=True,
        help_text=_("Латиница, цифры и дефис; его указывают в виджете «Голосование» на странице."),
    )
    title = models.CharField(_("название"), max_length=255)
    question = models.TextField(_("вопрос"))
    description = models.TextField(_("пояснение"), blank=True)
    council = models.ForeignKey(
        "governance.CouncilPage",
        verbose_name=_("решение совета"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Если это голосование совета, его итог после закрытия уходит на страницу совета "
            "(через проверку редактора)."
        ),
    )
    one_per_family = models.BooleanField(
        _("один голос от семьи"),
        default=False,
        help_text=_("Для родителей: за каждого ученика голосует один из его родителей."),
    )
    opens_at = models.DateTimeField(_("открывается"))
    closes_at = models.DateTimeField(_("закрывается"))
    quorum_percent = models.PositiveSmallIntegerField(
        _("кворум, % от списка"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Сколько процентов списка голосующих должны проголосовать. 0 — без кворума."),
    )
    rule = models.CharField(
        _("правило"), max_length=20, choices=VoteRule.choices, default=VoteRule.SIMPLE_MAJORITY
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто создал"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The count, written once when the vote is counted after the close.
    counted_at = models.DateTimeField(_("подсчитано"), null=True, blank=True, editable=False)
    electorate_size = models.PositiveIntegerField(
        _("в списке голосующих"), null=True, blank=True, editable=False
    )
    turnout = models.PositiveIntegerField(_("проголосовало"), null=True, blank=True, editable=False)
    quorum_met = models.BooleanField(_("кворум есть"), null=True, blank=True, editable=False)
    winner = models.ForeignKey(
        "VoteOption",
        verbose_name=_("принятый вариант"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("code")]),
        FieldPanel("question"),
        FieldPanel("description"),
        InlinePanel("options", label=_("Варианты (пусто — «за», «против», «воздержался»)")),
        *Audience.audience_panels,
        FieldPanel("one_per_family"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("quorum_percent"), FieldPanel("rule")]),
                FieldPanel("council"),
            ],
            heading=_("Сроки и правила"),
        ),
    ]

    class Meta:
        verbose_name = _("голосование")
        verbose_name_plural = _("голосования")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="votes_vote_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def widget_reference(self) -> str:
        return self.code

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Голосование закрывается позже, чем открылось.")})


class VoteOption(Orderable):
    """One answer a voter may choose."""

    vote = ParentalKey(Vote, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("вариант"), max_length=255)
    # An abstention is counted in the turnout but not among the votes for an option.
    abstain = models.BooleanField(_("это «воздержался»"), default=False)

    panels = [FieldPanel("label"), FieldPanel("abstain")]

    class Meta(Orderable.Meta):
        verbose_name = _("вариант")
        verbose_name_plural = _("варианты")

    def __str__(self):
        return self.label


class VoterMark(models.Model):
    """That a person voted in a vote: no time, no choice, nothing pointing at their ballot."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="voter_marks")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vote_marks"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "person"], name="votes_one_mark_per_person"),
        ]

    def __str__(self):
        return f"{self.person_id} voted in {self.vote_id}"


class FamilyMark(models.Model):
    """In a one-per-family vote, that a pupil's family has voted (through either parent)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="family_marks")
    child = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "child"], name="votes_one_mark_per_family"),
        ]

    def __str__(self):
        return f"family of {self.child_id} voted in {self.vote_id}"


class Ballot(models.Model):
    """A secret ballot: the choice and the hash of its receipt code, nothing about its voter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    option = models.ForeignKey(VoteOption, on_delete=models.PROTECT, related_name="ballots")
    receipt_hash = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return str(self.id)
