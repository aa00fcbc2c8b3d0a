"""Who may take part in something: comment on a discussion, answer a survey, vote.

An audience is chosen by an editor from the roster, as the school speaks of it: "the parents
of grade 9", "students of grades 8–11", "members of the coworking council", "everyone with an
account". Each zone app's model inherits `Audience`; `selectors.py` answers who is in it.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms.users.fields import RoleListField

__all__ = ["Audience", "grades_parse"]

_RANGE = re.compile(r"^(\d{1,2})\s*(?:[-–—]\s*(\d{1,2}))?$")


def grades_parse(text: str) -> frozenset[int]:
    """«9», «8–11» or «5, 7, 9–11» → the grades it names. Raises ValueError in plain words."""
    grades: set[int] = set()
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        match = _RANGE.match(part)
        if not match:
            raise ValueError(
                _("«%(part)s» — не параллель: пишите «9» или «8–11».") % {"part": part}
            )
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if not 1 <= first <= last <= 11:
            raise ValueError(
                _("Параллели — от 1 до 11, от меньшей к большей: «%(part)s».") % {"part": part}
            )
        grades.update(range(first, last + 1))
    return frozenset(grades)


class Audience(models.Model):
    """The people a thing is for. A person is in it when any of these holds:

    - `audience_public`: they have an active account (a visitor who signed up included);
    - they are a member of `audience_council` (a council member linked to their account);
    - they hold one of `audience_roles`; for pupils and parents `audience_grades` and
      `audience_classes`, when set, narrow it to those pupils and to the parents of those
      pupils.
    """

    audience_public = models.BooleanField(
        _("все, у кого есть учётная запись"),
        default=False,
        help_text=_("Включая гостей, зарегистрировавшихся на сайте."),
    )
    audience_roles = RoleListField(
        _("роли"),
        blank=True,
        help_text=_("Например, «родитель»: родители всех учеников или выбранных ниже параллелей."),
    )
    audience_grades = models.CharField(
        _("параллели"),
        max_length=40,
        blank=True,
        help_text=_(
            "Например «9» или «8–11»: только ученики этих параллелей и их родители. Пусто — все."
        ),
    )
    audience_classes = models.ManyToManyField(
        "users.SchoolClass",
        verbose_name=_("классы"),
        blank=True,
        related_name="+",
        help_text=_("Только ученики этих классов и их родители. Пусто — все."),
    )
    audience_council = models.ForeignKey(
        "governance.CouncilPage",
        verbose_name=_("члены совета"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Члены совета, у которых на странице совета указана учётная запись."),
    )

    audience_panels = [
        MultiFieldPanel(
            [
                FieldPanel("audience_public"),
                FieldPanel("audience_roles"),
                FieldPanel("audience_grades"),
                FieldPanel("audience_classes"),
                FieldPanel("audience_council"),
            ],
            heading=_("Кто участвует"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def audience_grade_set(self) -> frozenset[int]:
        try:
            return grades_parse(self.audience_grades)
        except ValueError:
            return frozenset()

    def clean(self):
        super().clean()
        try:
            grades_parse(self.audience_grades)
        except ValueError as error:
            raise ValidationError({"audience_grades": str(error)}) from error
        if not (self.audience_public or self.audience_roles or self.audience_council_id):
            raise ValidationError(
                _("Выберите, кто участвует: роли, совет или все, у кого есть учётная запись.")
            )
