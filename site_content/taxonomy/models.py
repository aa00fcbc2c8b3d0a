"""Controlled vocabularies shared by every zone: subjects, grades, project and event types.

Each term is a translatable snippet: the Russian row is the source, its English translation
shares its `slug`, so a facet address such as /ru/library/subject/mathematics/ and
/en/library/subject/mathematics/ name the same term. Free-form keywords are django-taggit
tags on each page type; the licences of published works are a fixed list of choices.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

__all__ = [
    "EventType",
    "Grade",
    "LICENCE_URLS",
    "Licence",
    "ProjectType",
    "Subject",
    "TaxonomyTerm",
]


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """One term of a controlled vocabulary, with the address part its facet pages use."""

    name = models.CharField(_("название"), max_length=120)
    slug = models.SlugField(
        _("адрес"),
        max_length=80,
        allow_unicode=False,
        help_text=_(
            "Латинские буквы, цифры и дефисы, например mathematics. Входит в адрес страницы "
            "подборки: /ru/library/subject/mathematics/. У перевода адрес тот же."
        ),
    )
    description = models.TextField(
        _("описание"),
        blank=True,
        max_length=600,
        help_text=_("Необязательно. Показывается над списком на странице подборки."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("порядок"),
        default=0,
        help_text=_("Меньшее число — выше в списках фильтров; при равенстве — по алфавиту."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    # A translation keeps the source's address and position; only the words are translated.
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"],
                name="%(app_label)s_%(class)s_unique_slug_per_locale",
                violation_error_message=_("Термин с таким адресом уже есть на этом языке."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        # The database constraint guards this too; checking here puts the message on the
        # field the editor has to change.
        if self.locale_id and self.slug:
            clash = type(self).objects.filter(locale_id=self.locale_id, slug=self.slug)
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"slug": _("Термин с адресом «%(slug)s» уже есть.") % {"slug": self.slug}}
                )


class Subject(TaxonomyTerm):
    """A school subject or subject area: mathematics, physics, history…"""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("предмет")
        verbose_name_plural = _("предметы и предметные области")


class Grade(TaxonomyTerm):
    """A grade (1–11) or another audience a material is meant for: teachers, parents."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("класс или аудитория")
        verbose_name_plural = _("классы и аудитории")


class ProjectType(TaxonomyTerm):
    """A kind of student project: research, engineering, social, creative, applied…"""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("тип проекта")
        verbose_name_plural = _("типы проектов")


class EventType(TaxonomyTerm):
    """A kind of event: conference, hackathon, master class, problem session, seminar, webinar."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("тип события")
        verbose_name_plural = _("типы событий")


class Licence(models.TextChoices):
    """Licences under which the space publishes works; a page links to the licence text."""

    CC_BY = "cc-by-4.0", _("CC BY 4.0 (с указанием авторства)")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0 (с указанием авторства, на тех же условиях)")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0 (с указанием авторства, некоммерческая)")
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", _("CC BY-NC-SA 4.0 (некоммерческая, на тех же условиях)")
    CC0 = "cc0-1.0", _("CC0 1.0 (общественное достояние)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("Все права защищены")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
