"""The home page of each language and the standard content page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.core.blocks import BaseStreamBlock
from cms.core.fields import StreamField
from cms.core.models import BasePage


class HomePage(BasePage):
    """The root of a language version of the site."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("содержание"))
    latest_count = models.PositiveSmallIntegerField(
        _("сколько новых страниц показывать"), default=6
    )

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("latest_count")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "library.LibraryIndexPage",
        "exhibitions.ExhibitionIndexPage",
        "solutions.SolutionIndexPage",
        "events.EventIndexPage",
        "media_plan.PressIndexPage",
        "dissemination.DisseminationIndexPage",
        "governance.GovernanceIndexPage",
        "support.SupportIndexPage",
        "partners.PartnersPage",
        "legal.LegalSectionPage",
        "search.SearchPage",
        "users.CabinetPage",
    ]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("главная страница")
        verbose_name_plural = _("главные страницы")


class StandardPage(BasePage):
    """A section or article: text, images, quotes and documents, with its subpages listed."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("содержание"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("страница")
        verbose_name_plural = _("страницы")
