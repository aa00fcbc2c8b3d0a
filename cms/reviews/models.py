"""Expert evaluation of students' projects: rubrics, evaluations, experts' scores.

A coordinator opens an evaluation of a project with a rubric (its criteria are copied into the
evaluation, so later edits of the rubric do not change scores already given) and assigns
experts. Each expert scores every criterion, writes a comment for the students and, if needed,
a note only the coordinator reads. The students and the tutor see the result once the
coordinator releases it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.core.fields import StreamField

from .blocks import RubricBlock

__all__ = ["ExpertAssignment", "Evaluation", "Rubric"]


class Rubric(models.Model):
    """A set of criteria experts score a project by; staff keep rubrics in the admin."""

    name = models.CharField(_("название"), max_length=200)
    description = models.TextField(_("описание"), blank=True)
    criteria = StreamField(RubricBlock(), verbose_name=_("критерии"))
    is_default = models.BooleanField(
        _("по умолчанию"),
        default=False,
        help_text=_("Предлагается первым, когда координатор начинает экспертизу."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("is_default"),
        FieldPanel("criteria"),
    ]

    class Meta:
        verbose_name = _("критерии оценки")
        verbose_name_plural = _("критерии оценки")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="reviews_one_default_rubric",
                violation_error_message=_("Критерии по умолчанию уже выбраны."),
            )
        ]

    def __str__(self):
        return self.name

    def snapshot(self) -> list[dict]:
        """The criteria as plain data, kept by an evaluation: id, title, description, weight,
        levels (score and description, lowest first)."""
        criteria = []
        for child in self.criteria:
            value = child.value
            levels = sorted(
                (
                    {"score": int(lv["score"]), "description": lv["description"]}
                    for lv in value["levels"]
                ),
                key=lambda level: level["score"],
            )
            criteria.append(
                {
                    "id": child.id,
                    "title": value["title"],
                    "description": value["description"] or "",
                    "weight": float(value["weight"] if value["weight"] is not None else 1),
                    "levels": levels,
                }
            )
        return criteria


class Evaluation(models.Model):
    """The expert evaluation of one project, with the criteria it is scored by."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="evaluation"
    )
    rubric = models.ForeignKey(Rubric, null=True, on_delete=models.SET_NULL, related_name="+")
    criteria = models.JSONField(default=list)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("экспертиза проекта")
        verbose_name_plural = _("экспертизы проектов")

    def __str__(self):
        return f"{self.project_id}"


class ExpertAssignment(models.Model):
    """One expert's part in an evaluation: assigned, then submitted with scores."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    # Criterion id → the level's score.
    scores = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("комментарий для авторов"), blank=True)
    private_note = models.TextField(_("заметка для координатора"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("назначение эксперта")
        verbose_name_plural = _("назначения экспертов")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "expert"],
                name="reviews_one_assignment_per_expert",
                violation_error_message=_("Этот эксперт уже назначен на проект."),
            )
        ]
        indexes = [models.Index(fields=["expert", "submitted_at"])]

    def __str__(self):
        return f"{self.evaluation_id}: {self.expert_id}"
