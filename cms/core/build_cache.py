"""Data that every page of one build reads alike, loaded once per build instead of once per page.

A static build renders hundreds of pages against the same database state, so vocabularies,
locales and snippets need reading only once; and pages of one type are rendered one after
another, so their own relations (terms, tags, authors) can be loaded for a run of them at a
time. The cache lives as long as the build's site index (`publish.context.current`): a new
build, or an admin preview outside a build, starts empty, so it never serves stale rows.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.http import HttpRequest
from wagtail.models import Locale, Page

from publish.context import current
from publish.site_index import SiteIndex

__all__ = ["locale_for", "page_language", "per_build", "per_index", "prefetch_page_relations"]

T = TypeVar("T")

# How many pages of one type get their relations in one go; bounds what an incremental
# build, which renders only a few of them, reads in vain.
RELATION_BATCH = 200

_caches: weakref.WeakKeyDictionary[SiteIndex, dict] = weakref.WeakKeyDictionary()


def _cache(request: HttpRequest | None) -> dict:
    return _cache_of(current(request).index)


def _cache_of(index: SiteIndex) -> dict:
    cache = _caches.get(index)
    if cache is None:
        cache = _caches[index] = {}
    return cache


def per_build(request: HttpRequest | None, key: Any, load: Callable[[], T]) -> T:
    """`load()`'s result, computed once per build (or per preview request) for this key."""
    return per_index(current(request).index, key, load)


def per_index(index: SiteIndex, key: Any, load: Callable[[], T]) -> T:
    """`load()`'s result, computed once per site index: for selectors handed the index."""
    cache = _cache_of(index)
    if key not in cache:
        cache[key] = load()
    return cache[key]


def locale_for(request: HttpRequest | None, language: str) -> Locale | None:
    """The locale of a language code, read once per build."""
    return per_build(
        request,
        ("locale", language),
        lambda: Locale.objects.filter(language_code=language).first(),
    )


def page_language(page: Page, request: HttpRequest | None) -> str:
    """The page's language code, from the build's index when the page is in it (no query)."""
    info = current(request).index.get(page.pk)
    return info.language if info is not None else page.locale.language_code


def prefetch_page_relations(
    page: Page,
    request: HttpRequest | None,
    *,
    select_related: Sequence[str] = (),
    prefetch_related: Sequence[Any] = (),
) -> None:
    """Fill the page's relation caches as `select_related`/`prefetch_related` would.

    The relations are read for the next run of published pages of the same type (by id, the
    order the builder renders in), so each lookup costs one query per run instead of one per
    page. A page outside the build's index (a preview, a draft) loads only its own.
    """
    if page.pk is None:  # a preview of a page not saved yet: nothing saved to read
        return
    model = type(page)
    cache = _cache(request)
    key = ("relations", model, tuple(select_related), tuple(map(str, prefetch_related)))
    loaded: dict[int, Page] = cache.setdefault(key, {})
    if page.pk not in loaded:
        index = current(request).index
        info = index.get(page.pk)
        ids = [page.pk]
        if info is not None:
            same_type = sorted(
                p.id
                for p in index.pages.values()
                if p.content_type_id == info.content_type_id and p.id > page.pk
            )
            ids += [i for i in same_type if i not in loaded][: RELATION_BATCH - 1]
        rows = (
            model.objects.filter(pk__in=ids)
            .select_related(*select_related)
            .prefetch_related(*prefetch_related)
        )
        loaded.update((row.pk, row) for row in rows)
    twin = loaded.get(page.pk)
    if twin is None or twin is page:
        return
    # What the page already holds wins: a preview carries the editor's unsaved choices.
    for name in select_related:
        field = model._meta.get_field(name)
        if field.cache_name in page._state.fields_cache:
            continue
        if getattr(page, field.attname) == getattr(twin, field.attname):
            page._state.fields_cache[field.cache_name] = twin._state.fields_cache.get(
                field.cache_name
            )
    page._prefetched_objects_cache = {
        **getattr(twin, "_prefetched_objects_cache", {}),
        **getattr(page, "_prefetched_objects_cache", {}),
    }
