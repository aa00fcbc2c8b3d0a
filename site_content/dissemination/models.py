"""Dissemination: materials for partner schools, grouped by audience and by kind, to download."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable

from cms.core.blocks import BaseStreamBlock
from cms.core.build_cache import prefetch_page_relations
from cms.core.fields import StreamField
from cms.core.models import BasePage, StaticRoute

from . import selectors


class MaterialType(models.TextChoices):
    """What kind of material it is; the index groups materials in this order."""

    ROADMAP = "roadmap", _("дорожная карта внедрения")
    GUIDE = "guide", _("методические рекомендации")
    SEMINAR = "seminar", _("материалы семинаров и конференций")
    PUBLICATION = "publication", _("публикации")


class Audience(models.TextChoices):
    """Who a material is written for; each has its own listing page."""

    LEADERS = "leaders", _("руководителям школ-партнёров")
    TEACHERS = "teachers", _("учителям")
    METHODOLOGISTS = "methodologists", _("методистам")


AUDIENCE_FIELDS = {
    Audience.LEADERS: "for_leaders",
    Audience.TEACHERS: "for_teachers",
    Audience.METHODOLOGISTS: "for_methodologists",
}


class DisseminationIndexPage(BasePage):
    """Everything a partner school needs to adopt the model, by kind of material and audience.

    Besides its own page it publishes one listing per audience at `audience/<code>/`.
    """

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("содержание"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["dissemination.DisseminationMaterialPage"]
    template = "dissemination/dissemination_index_page.html"

    class Meta:
        verbose_name = _("раздел «Диссеминация»")
        verbose_name_plural = _("разделы «Диссеминация»")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        materials = selectors.published_materials(index_page=self, request=request)
        context["groups"] = selectors.materials_by_type(materials=materials)
        context["audiences"] = selectors.audience_links(
            index_page=self, materials=materials, request=request
        )
        return context

    def static_routes(self) -> list[StaticRoute]:
        return [
            StaticRoute(
                f"audience/{audience.value}/",
                lambda request, audience=audience: self.serve_audience(request, audience),
            )
            for audience in Audience
        ]

    def serve_audience(self, request: HttpRequest, audience: Audience) -> TemplateResponse:
        """The materials for one audience, grouped by kind."""
        context = super().get_context(request)
        materials = selectors.published_materials(index_page=self, request=request)
        chosen = [m for m in materials if audience in m.audiences]
        context["audience"] = audience
        context["audiences"] = selectors.audience_links(
            index_page=self, materials=materials, request=request
        )
        context["groups"] = selectors.materials_by_type(materials=chosen)
        return TemplateResponse(request, "dissemination/dissemination_audience.html", context)


class DisseminationMaterialPage(BasePage):
    """One material for partner schools: annotation, audiences, date, files to download."""

    material_type = models.CharField(
        _("вид материала"), max_length=20, choices=MaterialType.choices
    )
    date = models.DateField(_("дата"), help_text=_("Дата семинара, выхода публикации или версии."))
    for_leaders = models.BooleanField(_("руководителям школ-партнёров"), default=False)
    for_teachers = models.BooleanField(_("учителям"), default=False)
    for_methodologists = models.BooleanField(_("методистам"), default=False)
    authors = models.CharField(
        _("авторы"),
        max_length=255,
        blank=True,
        help_text=_("Авторы-педагоги или коллектив, например «Рабочая группа лицея»."),
    )
    annotation = models.TextField(
        _("аннотация"),
        help_text=_("О чём материал и чем он поможет школе-партнёру: три-пять предложений."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("содержание"),
        help_text=_("Текст материала; этапы дорожной карты — в блоке «Хронология»."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("material_type"), FieldPanel("date")]),
                FieldRowPanel(
                    [
                        FieldPanel("for_leaders"),
                        FieldPanel("for_teachers"),
                        FieldPanel("for_methodologists"),
                    ],
                    heading=_("Для кого"),
                ),
                FieldPanel("authors"),
            ],
            heading=_("О материале"),
        ),
        FieldPanel("annotation"),
        FieldPanel("body"),
        InlinePanel("downloads", label=_("Файлы для скачивания")),
    ]

    parent_page_types = ["dissemination.DisseminationIndexPage"]
    subpage_types: list[str] = []
    template = "dissemination/dissemination_material_page.html"

    class Meta:
        verbose_name = _("материал для школ-партнёров")
        verbose_name_plural = _("материалы для школ-партнёров")

    @property
    def display_date(self):
        return self.date

    @property
    def audiences(self) -> list[Audience]:
        return [audience for audience, field in AUDIENCE_FIELDS.items() if getattr(self, field)]

    def get_context(self, request, *args, **kwargs):
        prefetch_page_relations(self, request, prefetch_related=("downloads__document",))
        return super().get_context(request, *args, **kwargs)

    def search_facets(self, language: str) -> dict:
        """The year of the material, for the search API's year filter."""
        return {"year": self.date}

    def clean(self):
        super().clean()
        if not self.audiences:
            raise ValidationError(
                {"for_leaders": _("Отметьте хотя бы одну аудиторию, для которой материал.")}
            )


class MaterialDownload(Orderable):
    """A file of a material: the presentation, the guide, the article."""

    page = ParentalKey(
        DisseminationMaterialPage, on_delete=models.CASCADE, related_name="downloads"
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("файл"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("подпись"),
        max_length=255,
        blank=True,
        help_text=_("Если пусто, используется название документа."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("файл для скачивания")
        verbose_name_plural = _("файлы для скачивания")
