"""The library: books, articles, methodological materials, videos and links for students,
teachers and parents, filterable by type, subject, grade, year and tag."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
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
from site_content.taxonomy.forms import TermsInPageLanguageForm
from site_content.taxonomy.models import LICENCE_URLS, Licence
from site_content.taxonomy.selectors import TermLabels, tag_values, term_values

__all__ = ["LibraryIndexPage", "LibraryItemPage", "LibraryItemTag", "LibraryItemType"]


class LibraryItemType(models.TextChoices):
    BOOK = "book", _("Книга")
    ARTICLE = "article", _("Статья")
    METHODOLOGY = "methodology", _("Методический материал")
    VIDEO = "video", _("Видео")
    RESOURCE = "resource", _("Внешний ресурс")


class MaterialLanguage(models.TextChoices):
    RUSSIAN = "ru", _("русский")
    ENGLISH = "en", _("английский")
    GERMAN = "de", _("немецкий")
    FRENCH = "fr", _("французский")
    CHINESE = "zh", _("китайский")
    OTHER = "other", _("другой")


# What a reader must be able to reach for each type, and what the editor is told otherwise.
# A book needs neither: the lyceum's library may hold only a printed copy.
REQUIRED_ACCESS = {
    LibraryItemType.ARTICLE: (
        "file_or_link",
        _("Для статьи прикрепите файл или укажите ссылку, где её можно прочитать."),
    ),
    LibraryItemType.METHODOLOGY: (
        "file_or_link",
        _("Для методического материала прикрепите файл или укажите ссылку на него."),
    ),
    LibraryItemType.VIDEO: (
        "link",
        _("Для видео укажите ссылку, где его можно посмотреть."),
    ),
    LibraryItemType.RESOURCE: (
        "link",
        _("Для внешнего ресурса укажите ссылку на него."),
    ),
}


class LibraryIndexPage(FacetedIndexMixin, BasePage):
    """The library's front page: every item, with filters published as pages of their own."""

    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("вступление"),
        help_text=_("Необязательно: как пользоваться библиотекой, кому что пригодится."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["library.LibraryItemPage"]
    max_count_per_parent = 1
    template = "library/library_index_page.html"

    listing_model = None  # set below: LibraryItemPage is defined after this class
    listing_facets = (
        ("type", _("Тип материала")),
        ("subject", _("Предмет")),
        ("grade", _("Класс или аудитория")),
        ("year", _("Год")),
        ("tag", _("Тема")),
    )
    listing_prefetch_related = ("subjects", "grades", "tagged_items__tag")
    listing_select_related = ("cover_image", "document")

    class Meta:
        verbose_name = _("библиотека")
        verbose_name_plural = _("библиотеки")

    def listing_values(self, children: list[ListedPage], *, request) -> None:
        labels = TermLabels(language=page_language(self, request), request=request)
        for child in children:
            child.values = child.page.facet_values(labels=labels)

    def listing_sort_key(self, child: ListedPage):
        # Newest first; undated items last; then by title so the order never wobbles.
        year = child.page.year
        return (year is None, -(year or 0), child.page.title.casefold(), child.page.pk)


class LibraryItemTag(TaggedItemBase):
    """A free-form topic of a library item (django-taggit)."""

    content_object = ParentalKey(
        "library.LibraryItemPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class LibraryItemPage(BasePage):
    """One material: its bibliographic description, annotation, cover and a way to get it."""

    item_type = models.CharField(
        _("тип материала"),
        max_length=20,
        choices=LibraryItemType.choices,
        default=LibraryItemType.BOOK,
    )
    authors = models.CharField(
        _("авторы"),
        max_length=500,
        blank=True,
        help_text=_("Через запятую, как в библиографии: «Иванов И. И., Петрова А. С.»."),
    )
    year = models.PositiveSmallIntegerField(
        _("год"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text=_("Год издания или публикации."),
    )
    publisher = models.CharField(
        _("издательство или источник"),
        max_length=250,
        blank=True,
        help_text=_("Издательство, журнал, сайт или организация, выпустившая материал."),
    )
    identifier = models.CharField(
        _("ISBN, DOI или другой номер"),
        max_length=120,
        blank=True,
    )
    extent = models.CharField(
        _("объём или длительность"),
        max_length=120,
        blank=True,
        help_text=_("Например: «256 с.», «12 с.», «18 мин»."),
    )
    material_language = models.CharField(
        _("язык материала"),
        max_length=10,
        choices=MaterialLanguage.choices,
        default=MaterialLanguage.RUSSIAN,
    )
    licence = models.CharField(
        _("лицензия"),
        max_length=30,
        choices=Licence.choices,
        blank=True,
        help_text=_("На каких условиях материал можно использовать. Пусто — не указана."),
    )
    annotation = models.TextField(
        _("аннотация"),
        blank=True,
        help_text=_("О чём материал и кому он пригодится; абзацы разделяйте пустой строкой."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("подробнее"),
        help_text=_("Необязательно: содержание, как использовать на уроке или в проекте."),
    )
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("обложка"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("описание обложки"),
        max_length=250,
        blank=True,
        help_text=_(
            "Для экранного диктора. Если пусто — описание изображения из медиатеки, а если нет "
            "и его — «Обложка: <название материала>»."
        ),
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("файл"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Файл для скачивания (PDF и т. п.), если его можно публиковать."),
    )
    external_url = models.URLField(
        _("ссылка"),
        blank=True,
        max_length=500,
        help_text=_("Где открыть материал: страница видео, статьи, электронной библиотеки."),
    )
    subjects = ParentalManyToManyField(
        "taxonomy.Subject",
        verbose_name=_("предметы"),
        blank=True,
        related_name="+",
    )
    grades = ParentalManyToManyField(
        "taxonomy.Grade",
        verbose_name=_("классы и аудитории"),
        blank=True,
        related_name="+",
    )
    tags = ClusterTaggableManager(
        verbose_name=_("темы"),
        through=LibraryItemTag,
        blank=True,
        help_text=_("Ключевые слова через запятую: «робототехника, 3D-печать»."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("item_type"),
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("extent")]),
                FieldPanel("publisher"),
                FieldRowPanel([FieldPanel("identifier"), FieldPanel("material_language")]),
                FieldPanel("licence"),
            ],
            heading=_("Описание"),
        ),
        FieldPanel("annotation"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_alt")],
            heading=_("Обложка"),
        ),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("external_url")],
            heading=_("Доступ к материалу"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("subjects", widget=forms.CheckboxSelectMultiple),
                FieldPanel("grades", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Классификация"),
        ),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("authors"),
        index.SearchField("annotation"),
        index.SearchField("publisher"),
        index.FilterField("item_type"),
        index.FilterField("year"),
    ]

    base_form_class = TermsInPageLanguageForm
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []
    template = "library/library_item_page.html"

    class Meta:
        verbose_name = _("материал библиотеки")
        verbose_name_plural = _("материалы библиотеки")

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        need, message = REQUIRED_ACCESS.get(self.item_type, (None, None))
        if need == "link" and not self.external_url:
            errors["external_url"] = [message]
        elif need == "file_or_link" and not (self.document_id or self.external_url):
            errors["document"] = [message]
        if self.slug in LibraryIndexPage.reserved_child_slugs():
            errors["slug"] = [
                _("Адрес «%(slug)s» занят страницами фильтров библиотеки; выберите другой.")
                % {"slug": self.slug}
            ]
        if errors:
            raise ValidationError(errors)

    @property
    def cover_alt_text(self) -> str:
        """The cover's alternative text: the page's own, the image's, or one made from the title."""
        image_alt = getattr(self.cover_image, "description", "") if self.cover_image else ""
        return self.cover_alt or image_alt or _("Обложка: %(title)s") % {"title": self.title}

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    def search_facets(self, language: str) -> dict:
        """The subjects, grades and year the page shows, for the search API's filters."""
        labels = TermLabels(language=language)
        return {
            "subject": labels.labels(self.subjects.all()),
            "grade": labels.labels(self.grades.all()),
            "year": self.year,
        }

    def facet_values(self, *, labels: TermLabels) -> dict[str, list[FacetValue]]:
        """What this item is filed under, per facet of the library index."""
        types = list(LibraryItemType)
        values = {
            "type": [
                FacetValue(
                    slug=self.item_type,
                    label=str(self.get_item_type_display()),
                    sort_key=(types.index(self.item_type),),
                )
            ],
            "subject": term_values(self.subjects.all(), labels=labels),
            "grade": term_values(self.grades.all(), labels=labels),
            "tag": tag_values(item.tag for item in self.tagged_items.all()),
        }
        if self.year:
            values["year"] = [FacetValue(str(self.year), str(self.year), sort_key=(-self.year,))]
        return values

    def get_context(self, request, *args, **kwargs):
        prefetch_page_relations(
            self,
            request,
            select_related=("cover_image", "document"),
            prefetch_related=("subjects", "grades", "tagged_items__tag"),
        )
        context = super().get_context(request, *args, **kwargs)
        labels = TermLabels(language=page_language(self, request), request=request)
        context["facet_links"] = facet_links(
            self.facet_values(labels=labels), base_url=parent_listing_url(self, request=request)
        )
        return context


LibraryIndexPage.listing_model = LibraryItemPage
