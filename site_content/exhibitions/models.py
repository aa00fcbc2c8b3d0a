"""Virtual exhibitions: an index, exhibitions made of halls, and halls made of exhibits.

In the static site every exhibit also gets a page of its own (``<hall>/exhibit-3/``), so a
visitor can walk through the whole exhibition with "previous" and "next" links, from the first
exhibit of the first hall to the last exhibit of the last hall, without JavaScript.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.search import index

from cms.core.blocks import BaseStreamBlock
from cms.core.build_cache import per_build
from cms.core.fields import StreamField
from cms.core.models import BasePage, StaticRoute
from publish.context import current

from .blocks import ExhibitBlock
from .selectors import (
    exhibit_path,
    exhibition_halls,
    exhibition_list,
    exhibition_walkthrough,
)


class ExhibitionIndexPage(BasePage):
    """The list of the space's virtual exhibitions, newest first."""

    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("вступление"),
        help_text=_("Текст над списком выставок: что это за выставки и кто их готовит."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["exhibitions.ExhibitionPage"]
    template = "exhibitions/exhibition_index_page.html"

    class Meta:
        verbose_name = _("список выставок")
        verbose_name_plural = _("списки выставок")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ctx = current(request)
        ctx.depends_on(f"children:{self.pk}")
        context["exhibitions"] = exhibition_list(index_id=self.pk, index=ctx.index)
        return context


class ExhibitionPage(BasePage):
    """One virtual exhibition: who curated it, when it is on, and its halls in order."""

    curator = models.CharField(
        _("куратор"),
        max_length=255,
        help_text=_("Кто подготовил выставку: имя и роль, например «Е. В. Смирнова, учитель»."),
    )
    start_date = models.DateField(_("открытие"), help_text=_("Дата открытия выставки."))
    end_date = models.DateField(
        _("закрытие"),
        null=True,
        blank=True,
        help_text=_("Оставьте пустым, если экспозиция постоянная."),
    )
    cover_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("обложка"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Изображение для списка выставок."),
    )
    cover_alt = models.CharField(
        _("альтернативный текст обложки"),
        max_length=250,
        blank=True,
        help_text=_("Что изображено на обложке; обязательно, если обложка выбрана."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("вступление"),
        help_text=_("Вступительное слово куратора: замысел выставки и как её смотреть."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("curator"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Даты")),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("Обложка")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("curator"),
        index.SearchField("body"),
    ]

    parent_page_types = ["exhibitions.ExhibitionIndexPage"]
    subpage_types = ["exhibitions.ExhibitionHallPage"]
    template = "exhibitions/exhibition_page.html"

    class Meta:
        verbose_name = _("выставка")
        verbose_name_plural = _("выставки")

    @property
    def display_date(self):
        return self.start_date

    def search_facets(self, language: str) -> dict:
        """The year the exhibition opened, for the search API's year filter."""
        return {"year": self.start_date}

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Выставка не может закрыться раньше, чем откроется.")
        if self.cover_image_id and not self.cover_alt.strip():
            errors["cover_alt"] = _("Опишите обложку: без этого её не увидит незрячий читатель.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ctx = current(request)
        ctx.depends_on(f"children:{self.pk}")
        halls, stops = per_build(
            request,
            ("exhibition walkthrough", self.pk),
            lambda: _halls_and_stops(exhibition_id=self.pk, index=ctx.index),
        )
        for hall in halls:
            ctx.depends_on(f"page:{hall.page.pk}")
        context["halls"] = halls
        context["first_stop"] = stops[0] if stops else None
        context["exhibit_total"] = len(stops)
        return context


class ExhibitionHallPage(BasePage):
    """A hall of an exhibition: an introduction and its exhibits, in the order of the visit."""

    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("вступление"),
        help_text=_("О чём этот зал; показывается над экспонатами."),
    )
    exhibits = StreamField(
        [("exhibit", ExhibitBlock())],
        blank=True,
        verbose_name=_("экспонаты"),
        help_text=_(
            "Экспонаты в порядке осмотра; у каждого будет своя страница с переходами "
            "к предыдущему и следующему."
        ),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("exhibits")]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("exhibits"),
    ]

    parent_page_types = ["exhibitions.ExhibitionPage"]
    subpage_types: list[str] = []
    template = "exhibitions/exhibition_hall_page.html"
    exhibit_template = "exhibitions/exhibit_page.html"

    class Meta:
        verbose_name = _("зал выставки")
        verbose_name_plural = _("залы выставки")

    def _walkthrough(self, request):
        """The halls and exhibits, this hall among them, and the exhibition's site index entry.

        Computed once per build for the hall page and all its exhibit pages.
        """
        ctx = current(request)
        cached = getattr(self, "_walkthrough_cache", None)
        if cached is not None and cached[0] is ctx:
            return cached[1]
        info = ctx.index.get(self.pk)
        if info is not None:
            exhibition_id = info.parent_id
        else:
            # An admin preview of a hall that is not public yet (or not even saved).
            parent = self.get_parent() if self.pk else None
            exhibition_id = parent.pk if parent is not None else None
        # Previous/next links cross into sibling halls, so a change to any of them (or to
        # their order) must re-render this hall and its exhibit pages.
        ctx.depends_on(f"children:{exhibition_id}")
        ctx.depends_on(f"page:{exhibition_id}")
        if info is not None:
            # Every hall of the exhibition shows the same walk-through: read the halls and
            # decode their exhibits once per build, not once per hall and exhibit page.
            halls, stops = per_build(
                request,
                ("exhibition walkthrough", exhibition_id),
                lambda: _halls_and_stops(exhibition_id=exhibition_id, index=ctx.index),
            )
        else:
            halls, stops = _halls_and_stops(
                exhibition_id=exhibition_id, index=ctx.index, current=self
            )
        for hall in halls:
            ctx.depends_on(f"page:{hall.page.pk}")
        this_hall = next(h for h in halls if h.page.pk == self.pk)
        exhibition = ctx.index.get(exhibition_id) if exhibition_id is not None else None
        result = (halls, stops, this_hall, exhibition)
        self._walkthrough_cache = (ctx, result)
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        halls, stops, this_hall, exhibition = self._walkthrough(request)
        position = halls.index(this_hall)
        context["exhibition"] = exhibition
        context["hall"] = this_hall
        context["hall_count"] = len(halls)
        context["hall_stops"] = [s for s in stops if s.hall is this_hall]
        context["previous_hall"] = halls[position - 1] if position > 0 else None
        context["next_hall"] = halls[position + 1] if position + 1 < len(halls) else None
        context["stops"] = stops
        return context

    def exhibit_response(self, request, number: int) -> TemplateResponse:
        """The page of this hall's n-th exhibit, with links along the walk-through."""
        context = self.get_context(request)
        stops = context["stops"]
        stop = next(s for s in context["hall_stops"] if s.number == number)
        at = stops.index(stop)
        context["stop"] = stop
        context["previous_stop"] = stops[at - 1] if at > 0 else None
        context["next_stop"] = stops[at + 1] if at + 1 < len(stops) else None
        return TemplateResponse(request, self.exhibit_template, context)

    def static_routes(self) -> list[StaticRoute]:
        return [
            StaticRoute(
                exhibit_path(number),
                lambda request, number=number: self.exhibit_response(request, number),
            )
            for number in range(1, len(self.exhibits) + 1)
        ]


def _halls_and_stops(*, exhibition_id, index, current=None):
    """An exhibition's halls and its walk-through, read together so they can be cached."""
    halls = exhibition_halls(exhibition_id=exhibition_id, index=index, current=current)
    return halls, exhibition_walkthrough(halls=halls)
