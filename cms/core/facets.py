"""Faceted listings that a static site can publish: one page per filter value, paginated.

An index page (the library, the bank of solutions…) lists its children and lets readers
narrow the list by a subject, a grade, a year, a tag. A static site cannot answer queries, so
every filter value becomes a page of its own beside the index:

    /ru/library/                         everything, first page
    /ru/library/page/2/                  everything, second page
    /ru/library/subject/mathematics/     only the items about mathematics
    /ru/library/subject/mathematics/page/2/

Filters are not combined: every combination would multiply the number of files, and one
filter at a time keeps each listing a stable, linkable address.

Most index pages need only `FacetedIndexMixin` (see its docstring) and the template parts in
themes/default/templates/taxonomy/includes/ (filters, active filter, pagination, breadcrumbs,
title). Underneath, the mixin:

1. reads the live public children with `listed_children(...)` (the specific pages, with their
   URLs from the site index) and records the `children:<id>` dependency, so incremental
   publishing re-renders the index and its filter pages when a child changes;
2. builds a `FacetedListing` from those children and the page's facets;
3. puts `listing.page(...)` into the template context, and returns `listing.routes(...)` from
   `static_routes`, whose `render` calls the page's own `serve` with the filter, so every
   listing page is rendered by the same template.

Detail pages link to the filter pages they appear on with `facet_links(...)` and
`parent_listing_url(...)`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from anyascii import anyascii
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from wagtail.models import Page

from cms.core.models import StaticRoute
from publish.context import current

__all__ = [
    "PER_PAGE",
    "ActiveFilter",
    "Facet",
    "FacetGroup",
    "FacetOption",
    "FacetValue",
    "FacetedIndexMixin",
    "FacetedListing",
    "ListedPage",
    "ListingPage",
    "PageLink",
    "FacetLink",
    "facet_links",
    "facet_slug",
    "listed_children",
    "parent_listing_url",
    "public_url",
]

PER_PAGE = 24


def facet_slug(text: str) -> str:
    """An ASCII address part for a free-form label (a tag): «Робототехника» → robototekhnika."""
    return slugify(anyascii(str(text))) or "x"


@dataclass(frozen=True)
class FacetValue:
    """One value an item carries for a facet: its address part, its label and its position.

    Values are ordered by `sort_key`, then by label; a year facet passes `(-year,)` to list
    the newest first.
    """

    slug: str
    label: str
    sort_key: tuple = ()
    description: str = ""


@dataclass(frozen=True)
class Facet:
    """A dimension a listing can be narrowed by, published as `<key>/<value slug>/`.

    `values_of(item)` returns the values one item carries (none, one or several).
    """

    key: str
    label: str
    values_of: Callable[[Any], Iterable[FacetValue]]


@dataclass(frozen=True)
class FacetOption:
    """A value as the filter menu shows it."""

    slug: str
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class FacetGroup:
    key: str
    label: str
    options: list[FacetOption]

    @property
    def has_active(self) -> bool:
        return any(option.active for option in self.options)


@dataclass(frozen=True)
class ActiveFilter:
    """The filter a listing page shows: which facet, which value, how many items."""

    facet: str
    facet_label: str
    slug: str
    label: str
    count: int
    description: str = ""


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass
class ListingPage:
    """One page of a listing, filtered or not, with everything its template needs."""

    items: list
    total: int
    number: int
    page_count: int
    base_url: str
    clear_url: str
    groups: list[FacetGroup]
    active: ActiveFilter | None = None
    page_links: list[PageLink] = field(default_factory=list)

    @property
    def url(self) -> str:
        """This listing page's own address."""
        return self.page_links[self.number - 1].url

    @property
    def previous_url(self) -> str:
        return self.page_links[self.number - 2].url if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return self.page_links[self.number].url if self.number < self.page_count else ""

    @property
    def is_paginated(self) -> bool:
        return self.page_count > 1


@dataclass
class ListedPage:
    """A child page in a listing: the specific page, its public address and facet values."""

    page: Page
    url: str
    values: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def lead(self) -> str:
        return getattr(self.page, "lead", "")


def listed_children(
    index_page: Page,
    *,
    request: HttpRequest | None,
    model: type[Page],
    select_related: Sequence[str] = (),
    prefetch_related: Sequence[Any] = (),
) -> list[ListedPage]:
    """The index's publishable children of type `model`, in tree order, with their URLs.

    The children come from the build's site index, so drafts, private and expired pages are
    never listed, and the `children:<id>` dependency is recorded. One query (plus the
    prefetches) reads their specific fields.
    """
    ctx = current(request)
    ctx.depends_on(f"children:{index_page.pk}")
    infos = ctx.index.children_of(index_page.pk)
    if not infos:
        return []
    pages = (
        model.objects.filter(pk__in=[info.id for info in infos])
        .select_related(*select_related)
        .prefetch_related(*prefetch_related)
        .in_bulk()
    )
    return [ListedPage(page=pages[info.id], url=info.url) for info in infos if info.id in pages]


class FacetedListing:
    """Items (already in display order) and the facets they can be filtered by.

    Counts are computed from the items, so a value appears only when some item carries it,
    and the number beside it is the number of items its page lists.
    """

    def __init__(self, items: Sequence[Any], facets: Sequence[Facet], *, per_page: int = PER_PAGE):
        self.items = list(items)
        self.facets = list(facets)
        self.per_page = max(1, per_page)
        self._values: dict[str, dict[str, FacetValue]] = {f.key: {} for f in self.facets}
        self._members: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, item in enumerate(self.items):
            for facet in self.facets:
                seen: set[str] = set()
                for value in facet.values_of(item):
                    if value.slug in seen:
                        continue
                    seen.add(value.slug)
                    # Labels that share an address (tags differing in case) become one value;
                    # the first item's label wins, which is stable because items are ordered.
                    self._values[facet.key].setdefault(value.slug, value)
                    self._members[(facet.key, value.slug)].append(position)

    def facet(self, key: str) -> Facet | None:
        return next((f for f in self.facets if f.key == key), None)

    def values(self, key: str) -> list[FacetValue]:
        """The values of one facet that some item carries, in display order."""
        return sorted(
            self._values.get(key, {}).values(),
            key=lambda v: (v.sort_key, v.label.casefold(), v.slug),
        )

    def count(self, key: str, slug: str) -> int:
        return len(self._members.get((key, slug), ()))

    @staticmethod
    def url(base_url: str, facet: str | None = None, value: str | None = None, number: int = 1):
        """The address of a listing page under the index at base_url."""
        url = base_url if facet is None else f"{base_url}{facet}/{value}/"
        return url if number <= 1 else f"{url}page/{number}/"

    def groups(self, *, base_url: str, active: tuple[str, str] | None = None) -> list[FacetGroup]:
        """The filter menu: every facet that has values, each value with its count."""
        groups = []
        for facet in self.facets:
            options = [
                FacetOption(
                    slug=value.slug,
                    label=value.label,
                    count=self.count(facet.key, value.slug),
                    url=self.url(base_url, facet.key, value.slug),
                    active=active == (facet.key, value.slug),
                )
                for value in self.values(facet.key)
            ]
            if options:
                groups.append(FacetGroup(key=facet.key, label=str(facet.label), options=options))
        return groups

    def page(
        self,
        *,
        base_url: str,
        facet: str | None = None,
        value: str | None = None,
        number: int = 1,
    ) -> ListingPage:
        """One listing page; Http404 for a filter value or page number that does not exist."""
        if facet is None:
            selected = self.items
            active = None
        else:
            definition = self.facet(facet)
            known = self._values.get(facet, {}).get(value or "")
            if definition is None or known is None:
                raise Http404(f"no items with {facet}={value}")
            selected = [self.items[i] for i in self._members[(facet, known.slug)]]
            active = ActiveFilter(
                facet=facet,
                facet_label=str(definition.label),
                slug=known.slug,
                label=known.label,
                count=len(selected),
                description=known.description,
            )
        page_count = max(1, math.ceil(len(selected) / self.per_page))
        if not 1 <= number <= page_count:
            raise Http404(f"no page {number}")
        start = (number - 1) * self.per_page
        return ListingPage(
            items=selected[start : start + self.per_page],
            total=len(selected),
            number=number,
            page_count=page_count,
            base_url=base_url,
            clear_url=base_url,
            groups=self.groups(base_url=base_url, active=(facet, value) if facet else None),
            active=active,
            page_links=[
                PageLink(n, self.url(base_url, facet, value, n), n == number)
                for n in range(1, page_count + 1)
            ],
        )

    def page_count(self, facet: str | None = None, value: str | None = None) -> int:
        total = len(self.items) if facet is None else self.count(facet, value or "")
        return max(1, math.ceil(total / self.per_page))

    def routes(self, render: Callable[..., HttpResponse]) -> list[StaticRoute]:
        """Every listing page except the index's own first page, as static routes.

        `render(request, facet=…, value=…, number=…)` renders one of them; facet and value are
        None for the unfiltered pages. Routes come in a deterministic order.
        """
        routes = [
            StaticRoute(f"page/{n}/", _bind(render, None, None, n))
            for n in range(2, self.page_count() + 1)
        ]
        for facet in self.facets:
            for value in self.values(facet.key):
                for n in range(1, self.page_count(facet.key, value.slug) + 1):
                    path = self.url("", facet.key, value.slug, n)
                    routes.append(StaticRoute(path, _bind(render, facet.key, value.slug, n)))
        return routes


def _bind(render, facet, value, number):
    def route(request: HttpRequest) -> HttpResponse:
        return render(request, facet=facet, value=value, number=number)

    return route


def public_url(page: Page, *, request: HttpRequest | None) -> str:
    """The page's address in the static site; in an admin preview of a draft, Wagtail's."""
    ctx = current(request)
    info = ctx.index.get(page.pk)
    if info is not None:
        ctx.shows_links(f"page:{page.pk}")
        return info.url
    return page.get_url(request) or ""


def parent_listing_url(page: Page, *, request: HttpRequest | None) -> str:
    """The address of the index that lists `page`, for links to its facet pages; "" when the
    page is not public (then the facet pages do not list it either)."""
    ctx = current(request)
    info = ctx.index.get(page.pk)
    parent = ctx.index.get(info.parent_id) if info and info.parent_id else None
    if parent is None:
        return ""
    ctx.shows_links(f"page:{parent.id}")
    return parent.url


@dataclass(frozen=True)
class FacetLink:
    label: str
    url: str


def facet_links(values: dict[str, list[FacetValue]], *, base_url: str) -> dict[str, list]:
    """{facet key: [FacetLink]} for a detail page: each value links to its listing page under
    the index at base_url (no link when the index is not public)."""
    return {
        key: [
            FacetLink(v.label, FacetedListing.url(base_url, key, v.slug) if base_url else "")
            for v in vals
        ]
        for key, vals in values.items()
    }


class FacetedIndexMixin:
    """An index page whose children are listed with filters, each filter value a static page.

    A page class sets `listing_model` (the child page type), `listing_facets` ((key, label)
    pairs: the key is the address part, «subject» in /library/subject/mathematics/) and
    implements `listing_values(children, request=…)`, which fills each child's `values`.
    The template gets `listing`, a `ListingPage`.
    """

    listing_model: type[Page]
    listing_facets: Sequence[tuple[str, Any]] = ()
    listing_select_related: Sequence[str] = ()
    listing_prefetch_related: Sequence[Any] = ()
    listing_per_page = PER_PAGE

    @classmethod
    def reserved_child_slugs(cls) -> set[str]:
        """Child slugs that would collide with the listing pages' addresses."""
        return {key for key, _ in cls.listing_facets} | {"page"}

    def listing_values(self, children: list[ListedPage], *, request: HttpRequest | None) -> None:
        raise NotImplementedError

    def listing_sort_key(self, child: ListedPage):
        """Display order of the children; tree order unless a page type says otherwise."""
        return ()

    def get_listing(self, request: HttpRequest | None = None) -> FacetedListing:
        # One listing per page instance: the builder renders the page and then its routes
        # from the same instance, so the children are read once per build.
        cached = getattr(self, "_faceted_listing", None)
        if cached is not None:
            return cached
        children = listed_children(
            self,
            request=request,
            model=self.listing_model,
            select_related=self.listing_select_related,
            prefetch_related=self.listing_prefetch_related,
        )
        self.listing_values(children, request=request)
        children.sort(key=self.listing_sort_key)
        facets = [
            Facet(key=key, label=label, values_of=lambda item, key=key: item.values.get(key, ()))
            for key, label in self.listing_facets
        ]
        self._faceted_listing = FacetedListing(children, facets, per_page=self.listing_per_page)
        return self._faceted_listing

    def get_context(self, request, *args, facet=None, value=None, number=1, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.get_listing(request).page(
            base_url=public_url(self, request=request), facet=facet, value=value, number=number
        )
        return context

    def static_routes(self) -> list[StaticRoute]:
        """The filtered and further pages of the listing, rendered with the page's template."""
        return [*super().static_routes(), *self.get_listing().routes(self._serve_listing)]

    def _serve_listing(self, request, *, facet, value, number):
        return self.serve(request, facet=facet, value=value, number=number)
