"""The abstract base page every page type inherits, and field-group mixins."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
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


class IllustrationMixin(models.Model):
    """An optional illustration of a page, with the alt text a screen reader reads aloud."""

    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("иллюстрация"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("альтернативный текст иллюстрации"),
        max_length=250,
        blank=True,
        help_text=_("Что изображено; обязательно, если иллюстрация выбрана."),
    )

    class Meta:
        abstract = True

    @staticmethod
    def illustration_panel() -> MultiFieldPanel:
        return MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt")], heading=_("Иллюстрация")
        )

    def illustration_errors(self) -> dict[str, str]:
        """The alt-text error for `clean()`: a chosen image needs its description."""
        if self.image_id and not self.image_alt.strip():
            return {
                "image_alt": _("Опишите иллюстрацию: без этого её не увидит незрячий читатель.")
            }
        return {}
