"""Partner organisations of the lyceum, kept as snippets, and the page that lists them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.images import get_image_model_string
from wagtail.models import TranslatableMixin

from cms.core.blocks import BaseStreamBlock
from cms.core.build_cache import locale_for, page_language
from cms.core.fields import StreamField
from cms.core.models import BasePage

from . import selectors


class PartnerKind(models.TextChoices):
    """What kind of organisation a partner is; the partners page groups them in this order."""

    UNIVERSITY = "university", _("вузы и научные организации")
    SCHOOL = "school", _("школы и колледжи")
    METHODOLOGY = "methodology", _("методические центры")
    COMPANY = "company", _("компании и работодатели")
    NGO = "ngo", _("общественные организации")
    MEDIA = "media", _("СМИ")
    GOVERNMENT = "government", _("органы власти и местного самоуправления")


class Partner(TranslatableMixin, models.Model):
    """An organisation the lyceum works with under a cooperation agreement."""

    name = models.CharField(_("название"), max_length=255)
    slug = models.SlugField(
        _("код"),
        max_length=80,
        help_text=_("Латиницей, без пробелов: по нему партнёра находят файлы содержания."),
    )
    kind = models.CharField(_("вид организации"), max_length=20, choices=PartnerKind.choices)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("логотип"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("сайт"), blank=True)
    description = models.TextField(
        _("что делаем вместе"),
        blank=True,
        help_text=_("Одно-два предложения о сотрудничестве."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("порядок"), default=100, help_text=_("Меньшее число — выше в списке.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sort_order")]),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("партнёр")
        verbose_name_plural = _("партнёры")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="partner_unique_slug_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def logo_alt(self) -> str:
        return str(_("Логотип: %(name)s") % {"name": self.name})


class PartnersPage(BasePage):
    """All partners with logos and links, grouped by kind of organisation."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("содержание"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    template = "partners/partners_page.html"

    class Meta:
        verbose_name = _("страница партнёров")
        verbose_name_plural = _("страницы партнёров")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partner_groups"] = selectors.partner_groups(
            locale=locale_for(request, page_language(self, request)), request=request
        )
        return context
