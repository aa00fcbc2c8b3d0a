"""The page at /<language>/sveden/ that publishes every subsection of the legal section."""

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel

from cms.core.blocks import BaseStreamBlock, RichTextBlock
from cms.core.fields import StreamField
from cms.core.models import BasePage, StaticRoute

from .. import selectors
from ..subsections import SUBSECTIONS, Subsection


class SubsectionNoteBlock(blocks.StructBlock):
    """Extra text an editor adds to one subsection, below the generated data."""

    subsection = blocks.ChoiceBlock(
        label=_("Подраздел"), choices=[(s.slug, s.title) for s in SUBSECTIONS]
    )
    text = RichTextBlock(label=_("Текст"))

    class Meta:
        icon = "doc-full"
        label = _("Текст к подразделу")
        template = "legal/blocks/subsection_note_block.html"


class LegalSectionPage(BasePage):
    """«Сведения об образовательной организации», generated from the school's data.

    The page itself lists the subsections; each subsection is a static route at the address
    the law prescribes (common/, struct/, document/ …), so none can be missing or misplaced.
    The data come from the `SchoolDetails` setting and the legal snippets.
    """

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("вступление"))
    notes = StreamField(
        [("note", SubsectionNoteBlock())],
        blank=True,
        verbose_name=_("дополнительные тексты подразделов"),
        help_text=_(
            "Сведения подразделов берутся из настроек «Сведения об образовательной организации» "
            "и фрагментов; здесь можно добавить к подразделу пояснение."
        ),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("notes")]

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    template = "legal/legal_section_page.html"
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("раздел «Сведения об образовательной организации»")
        verbose_name_plural = _("разделы «Сведения об образовательной организации»")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subsections"] = selectors.subsection_links(section=self, request=request)
        return context

    def static_routes(self) -> list[StaticRoute]:
        return [
            StaticRoute(
                f"{subsection.slug}/",
                lambda request, subsection=subsection: self.serve_subsection(request, subsection),
            )
            for subsection in SUBSECTIONS
        ]

    def serve_subsection(self, request: HttpRequest, subsection: Subsection) -> TemplateResponse:
        """One subsection, rendered from the school's data with its microdata."""
        context = self.get_context(request)
        context["subsection"] = subsection
        data = selectors.legal_data(request=request)
        context["data"] = data
        context["document_groups"] = data.document_groups(subsection.slug)
        context["notes"] = [
            block.value for block in self.notes if block.value["subsection"] == subsection.slug
        ]
        return TemplateResponse(request, "legal/subsection_page.html", context)
