"""Student initiatives (aula's path): a pupil proposes an idea to a council, other pupils
support it, at the council's threshold the administration checks whether it can be done, an
accepted idea goes to a vote, and an idea that wins becomes a project of its authors.

Each step is a status with the time it was reached. The step a threshold triggers happens
under the initiative's locked row, so it happens once however many supports arrive at once;
one support per person and initiative is a constraint.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Initiative", "InitiativeStatus", "InitiativeSupport"]


class InitiativeStatus(models.TextChoices):
    PROPOSED = "proposed", _("собирает поддержку")
    IN_CHECK = "in_check", _("на проверке администрации")
    ACCEPTED = "accepted", _("одобрена администрацией")
    REJECTED = "rejected", _("отклонена")
    VOTING = "voting", _("на голосовании")
    WON = "won", _("принята голосованием")
    LOST = "lost", _("не принята голосованием")


class Initiative(models.Model):
    """A pupil's idea for a council, its authors, and how far it has come."""

    title = models.CharField(_("название"), max_length=200)
    description = models.TextField(_("описание"))
    council = models.ForeignKey(
        "governance.CouncilPage",
        verbose_name=_("совет"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("автор"),
        on_delete=models.CASCADE,
        related_name="initiatives_authored",
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("соавторы"),
        blank=True,
        related_name="initiatives_co_authored",
    )
    status = models.CharField(
        _("статус"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PROPOSED,
    )
    # The check's words are public: everyone who sees the initiative reads why.
    check_comment = models.TextField(_("комментарий проверки"), blank=True)
    rejection_reason = models.TextField(_("причина отказа"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто проверил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    vote = models.OneToOneField(
        "votes.Vote",
        verbose_name=_("голосование"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative",
    )
    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("проект"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative",
    )
    created_at = models.DateTimeField(_("предложена"), auto_now_add=True)
    in_check_at = models.DateTimeField(_("ушла на проверку"), null=True, blank=True)
    checked_at = models.DateTimeField(_("проверена"), null=True, blank=True)
    voting_at = models.DateTimeField(_("вынесена на голосование"), null=True, blank=True)
    decided_at = models.DateTimeField(_("итог голосования"), null=True, blank=True)

    class Meta:
        verbose_name = _("инициатива")
        verbose_name_plural = _("инициативы")
        ordering = ["-created_at", "-pk"]
        permissions = [("check_initiative", _("Проверять инициативы учеников"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="initiatives_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def author_ids(self) -> set[int]:
        return {self.author_id, *(person.pk for person in self.co_authors.all())}


class InitiativeSupport(models.Model):
    """A pupil supports an initiative: once, and not their own."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiative_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("поддержка инициативы")
        verbose_name_plural = _("поддержки инициатив")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person"], name="initiatives_one_support_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.person_id} supports {self.initiative_id}"
