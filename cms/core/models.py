"""The abstract base page every page type inherits, and field-group mixins."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


@dataclass(frozen=True)
class StaticRoute:
    """An extra file a page publishes beside its own HTML: a facet listing, an .ics file.

    `path` is relative to the page's URL ("subject/maths/" becomes a directory with an
    index.html, "event.ics" a file); `render` gets a GET request for that URL and returns a
    response whose content is written to the static site.
    """

    path: str
    render: Callable[[HttpRequest], HttpResponse]


class BasePage(Page):
    """Every page of the space: a lead paragraph for listings, feeds and search snippets."""

    lead = models.TextField(
        _("лид"),
        blank=True,
        max_length=600,
        help_text=_("Одно-два предложения: показываются в списках, ленте и результатах поиска."),
    )

    content_panels = Page.content_panels + [FieldPanel("lead")]

    # Listings and feeds order by this; dated content overrides it with its own date.
    @property
    def display_date(self):
        return self.first_published_at

    def static_routes(self) -> list[StaticRoute]:
        """Files this page publishes besides its own page; none by default."""
        return []

    class Meta:
        abstract = True
