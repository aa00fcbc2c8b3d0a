"""The abstract base page every page type inherits, and field-group mixins."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


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

    class Meta:
        abstract = True
