"""What a page being built lists, read from the build's site index and recorded as dependencies."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Page

from .context import current
from .site_index import PageInfo

__all__ = ["children_or_originals"]


def children_or_originals(*, page: Page, request: HttpRequest) -> tuple[list[PageInfo], str]:
    """The page's published children, or, for a translation that has none yet, its original's.

    Returns the children and their language, so an English section can list the Russian
    councils (marked as Russian) instead of looking empty. The page records the children it
    shows, so publishing one re-renders it.
    """
    ctx = current(request)
    ctx.depends_on(f"children:{page.pk}")
    info = ctx.index.get(page.pk)
    children = ctx.index.children_of(page.pk)
    if children or info is None or info.language == settings.LANGUAGE_CODE:
        return children, info.language if info else settings.LANGUAGE_CODE
    for original in ctx.index.translations.get(info.translation_key, []):
        if original.language == settings.LANGUAGE_CODE:
            ctx.depends_on(f"children:{original.id}")
            return ctx.index.children_of(original.id), original.language
    return [], info.language
