"""The open bank of project solutions: students' finished projects, for others to learn from.

A solution page tells the project's story (problem, goal, stages, result) and names its
authors only as far as their consent allows: the full name, the initials, or only the class.
The full name is stored for the school's records and never reaches a public page otherwise.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.blocks import BaseStreamBlock
from cms.core.build_cache import page_language, prefetch_page_relations
from cms.core.facets import (
    FacetedIndexMixin,
    FacetValue,
    ListedPage,
    facet_links,
    parent_listing_url,
)
from cms.core.fields import StreamField
from cms.core.models import BasePage
from site_content.taxonomy.models import LICENCE_URLS, Licence
from site_content.taxonomy.selectors import TermLabels, tag_values, term_values

from .blocks import SolutionGalleryBlock, SolutionMaterialsBlock, SolutionStagesBlock
from .choices import AuthorDisplay, WorkFormat
from .forms import SolutionPageForm

__all__ = [
    "AuthorDisplay",
    "PublicAuthor",
    "SolutionAuthor",
    "SolutionIndexPage",
    "SolutionPage",
    "SolutionTag",
    "WorkFormat",
    "initials_of",
]


class SolutionIndexPage(FacetedIndexMixin, BasePage):
    """The bank's front page: every solution, with filters published as pages of their own."""

    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("вступление"),
        help_text=_("Необязательно: что такое банк решений и как им пользоваться."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["solutions.SolutionPage"]
    max_count_per_parent = 1
    template = "solutions/solution_index_page.html"

    listing_model = None  # set below: SolutionPage is defined after this class
    listing_facets = (
        ("subject", _("Предметная область")),
        ("grade", _("Класс")),
        ("type", _("Тип проекта")),
        ("format", _("Форма работы")),
        ("year", _("Год")),
        ("tag", _("Тема")),
    )
    listing_select_related = ("project_type",)
    listing_prefetch_related = ("subjects", "grades", "tagged_items__tag", "authors")

    class Meta:
        verbose_name = _("банк проектных решений")
        verbose_name_plural = _("банки проектных решений")

    def listing_values(self, children: list[ListedPage], *, request) -> None:
        labels = TermLabels(language=page_language(self, request), request=request)
        for child in children:
            child.values = child.page.facet_values(labels=labels)

    def listing_sort_key(self, child: ListedPage):
        return (-child.page.year, child.page.title.casefold(), child.page.pk)


class SolutionTag(TaggedItemBase):
    """A free-form topic of a solution (django-taggit)."""

    content_object = ParentalKey(
        "solutions.SolutionPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class SolutionPage(BasePage):
    """A finished student project: problem, goal, stages, result, files, authors, licence."""

    problem = models.TextField(
        _("проблема"),
        help_text=_("Какую проблему решали и почему она важна. Абзацы — через пустую строку."),
    )
    goal = models.TextField(_("цель"), help_text=_("Чего хотели добиться, одной-двумя фразами."))
    stages = StreamField(
        SolutionStagesBlock(),
        blank=True,
        verbose_name=_("этапы работы"),
        help_text=_("По порядку: что делали на каждом этапе."),
    )
    result = models.TextField(
        _("результат и продукт"),
        help_text=_("Что получилось: продукт, выводы, кому и как он пригодится."),
    )
    product_url = models.URLField(
        _("ссылка на продукт"),
        blank=True,
        max_length=500,
        help_text=_("Необязательно: сайт, репозиторий, видео, где можно увидеть продукт."),
    )
    gallery = StreamField(
        SolutionGalleryBlock(),
        blank=True,
        verbose_name=_("изображения"),
        help_text=_("Фотографии и иллюстрации. На снимках с людьми нужно их согласие."),
    )
    materials = StreamField(
        SolutionMaterialsBlock(),
        blank=True,
        verbose_name=_("файлы проекта"),
        help_text=_("Паспорт проекта, презентация, инструкция к продукту."),
    )
    work_format = models.CharField(
        _("форма работы"),
        max_length=20,
        choices=WorkFormat.choices,
        default=WorkFormat.INDIVIDUAL,
        help_text=_("Индивидуальный проект — один автор, коллективный — два и больше."),
    )
    tutor = models.CharField(
        _("тьютор или руководитель"),
        max_length=200,
        blank=True,
        help_text=_("ФИО педагога, сопровождавшего проект, и его должность."),
    )
    year = models.PositiveSmallIntegerField(
        _("год защиты"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    licence = models.CharField(
        _("лицензия"),
        max_length=30,
        choices=Licence.choices,
        default=Licence.CC_BY,
        help_text=_("На каких условиях другие могут использовать материалы проекта."),
    )
    subjects = ParentalManyToManyField(
        "taxonomy.Subject",
        verbose_name=_("предметные области"),
        blank=True,
        related_name="+",
    )
    grades = ParentalManyToManyField(
        "taxonomy.Grade",
        verbose_name=_("классы"),
        blank=True,
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
    tags = ClusterTaggableManager(
        verbose_name=_("темы"),
        through=SolutionTag,
        blank=True,
        help_text=_("Ключевые слова через запятую: «экология, датчики»."),
    )
    # The released expert evaluation's public summary, copied when the project is proposed
    # (cms/projects/solution_bank.py), so the published page shows it without JavaScript or
    # any call back to the private workspace: {"criteria": [{"title", "mean", "max"}],
    # "total", "max", "experts"}. Empty for solutions that came without an evaluation.
    expert_rating = models.JSONField(
        _("экспертная оценка"), default=dict, blank=True, editable=False
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("problem"),
        FieldPanel("goal"),
        FieldPanel("stages"),
        MultiFieldPanel([FieldPanel("result"), FieldPanel("product_url")], heading=_("Результат")),
        FieldPanel("gallery"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [
                FieldPanel("work_format"),
                InlinePanel("authors", label=_("Автор"), min_num=1),
                FieldPanel("tutor"),
            ],
            heading=_("Авторы"),
            help_text=_(
                "Полное имя автора хранится для школы. На сайте показывается только то, что "
                "разрешает письменное согласие (для несовершеннолетних — согласие родителей)."
            ),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("licence")]),
                FieldPanel("project_type"),
                FieldPanel("subjects", widget=forms.CheckboxSelectMultiple),
                FieldPanel("grades", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Классификация"),
        ),
    ]

    # Authors' names are deliberately not indexed: search results are public.
    search_fields = BasePage.search_fields + [
        index.SearchField("problem"),
        index.SearchField("goal"),
        index.SearchField("result"),
        index.SearchField("tutor"),
        index.FilterField("year"),
        index.FilterField("work_format"),
    ]

    base_form_class = SolutionPageForm
    parent_page_types = ["solutions.SolutionIndexPage"]
    subpage_types: list[str] = []
    template = "solutions/solution_page.html"

    class Meta:
        verbose_name = _("проектное решение")
        verbose_name_plural = _("проектные решения")

    def clean(self):
        super().clean()
        if self.slug in SolutionIndexPage.reserved_child_slugs():
            raise ValidationError(
                {
                    "slug": _(
                        "Адрес «%(slug)s» занят страницами фильтров банка решений; выберите другой."
                    )
                    % {"slug": self.slug}
                }
            )

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def expert_rating_rows(self) -> list[dict]:
        """The rating's criteria for the template; empty when there is no rating."""
        rating = self.expert_rating or {}
        return [row for row in rating.get("criteria", []) if isinstance(row, dict)]

    @property
    def public_authors(self) -> list[PublicAuthor]:
        """The authors as the public may see them: never a name the consent does not allow."""
        return [author.public for author in self.authors.all()]

    def search_facets(self, language: str) -> dict:
        """The subjects, grades and year the page shows, for the search API's filters."""
        labels = TermLabels(language=language)
        return {
            "subject": labels.labels(self.subjects.all()),
            "grade": labels.labels(self.grades.all()),
            "year": self.year,
        }

    def facet_values(self, *, labels: TermLabels) -> dict[str, list[FacetValue]]:
        """What this solution is filed under, per facet of the bank's index."""
        formats = list(WorkFormat)
        values = {
            "subject": term_values(self.subjects.all(), labels=labels),
            "grade": term_values(self.grades.all(), labels=labels),
            "type": term_values([self.project_type], labels=labels) if self.project_type else [],
            "format": [
                FacetValue(
                    slug=self.work_format,
                    label=str(self.get_work_format_display()),
                    sort_key=(formats.index(self.work_format),),
                )
            ],
            "year": [FacetValue(str(self.year), str(self.year), sort_key=(-self.year,))],
            "tag": tag_values(item.tag for item in self.tagged_items.all()),
        }
        return values

    def get_context(self, request, *args, **kwargs):
        prefetch_page_relations(
            self,
            request,
            select_related=("project_type",),
            prefetch_related=("subjects", "grades", "tagged_items__tag", "authors"),
        )
        context = super().get_context(request, *args, **kwargs)
        labels = TermLabels(language=page_language(self, request), request=request)
        context["facet_links"] = facet_links(
            self.facet_values(labels=labels), base_url=parent_listing_url(self, request=request)
        )
        return context


SolutionIndexPage.listing_model = SolutionPage


class PublicAuthor:
    """What a public page may show about one author: a name (possibly empty) and a class."""

    __slots__ = ("name", "school_class")

    def __init__(self, name: str, school_class: str):
        self.name = name
        self.school_class = school_class

    def __str__(self) -> str:
        if self.name and self.school_class:
            return f"{self.name}, {self.school_class}"
        return self.name or self.school_class


def initials_of(full_name: str) -> str:
    """«Анна Сергеевна Иванова» → «А. С. И.»: the first letter of every part of the name."""
    letters = []
    for part in full_name.replace("-", " ").split():
        first = next((ch for ch in part if ch.isalpha()), "")
        if first:
            letters.append(first.upper() + ".")
    return " ".join(letters)


class SolutionAuthor(Orderable):
    """An author of a solution, with what their consent allows the public to see."""

    page = ParentalKey(SolutionPage, on_delete=models.CASCADE, related_name="authors")
    full_name = models.CharField(
        _("полное имя"),
        max_length=200,
        blank=True,
        help_text=_(
            "Для учёта в школе. На сайте появится, только если согласие разрешает полное имя."
        ),
    )
    school_class = models.CharField(
        _("класс"),
        max_length=30,
        help_text=_("Класс на момент защиты, например «10 «Б»»."),
    )
    display = models.CharField(
        _("что показывать на сайте"),
        max_length=20,
        choices=AuthorDisplay.choices,
        default=AuthorDisplay.CLASS_ONLY,
        help_text=_(
            "Строго по письменному согласию. Нет согласия или сомневаетесь — «только класс»."
        ),
    )

    panels = [FieldPanel("full_name"), FieldPanel("school_class"), FieldPanel("display")]

    class Meta(Orderable.Meta):
        verbose_name = _("автор")
        verbose_name_plural = _("авторы")

    def __str__(self) -> str:
        # Admin screens and logs print authors too; they get the public form, never more.
        return str(self.public)

    def clean(self):
        super().clean()
        if self.display != AuthorDisplay.CLASS_ONLY and not self.full_name.strip():
            raise ValidationError(
                {"full_name": _("Укажите имя: согласие разрешает его показывать.")}
            )

    @property
    def public(self) -> PublicAuthor:
        name = self.full_name.strip()
        if self.display == AuthorDisplay.FULL_NAME and name:
            return PublicAuthor(name, self.school_class)
        if self.display == AuthorDisplay.INITIALS and name:
            return PublicAuthor(initials_of(name), self.school_class)
        return PublicAuthor("", self.school_class)
