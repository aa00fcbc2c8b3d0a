"""Reads for the press centre: news in order, the Atom feed, the media plan's rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from publish.outputs import StableAtomFeed

if TYPE_CHECKING:
    from publish.site_index import SiteIndex

    from .models import NewsPage

__all__ = [
    "KIND_SLUGS",
    "PressItem",
    "media_plan_rows",
    "press_feed_xml",
    "press_items",
]

# The listing addresses of each kind (``kind/<slug>/``) and the NewsPage.kind they show.
KIND_SLUGS = {
    "news": ("news", _("Новости")),
    "press-releases": ("press_release", _("Пресс-релизы")),
}


@dataclass(frozen=True)
class PressItem:
    """A public news item or press release and its address."""

    page: NewsPage
    url: str

    @property
    def published(self) -> datetime:
        """The news date as the start of that day in the site's time zone."""
        return datetime.combine(self.page.date, time(0), tzinfo=ZoneInfo(settings.TIME_ZONE))


def press_items(*, index_id: int, index: SiteIndex, kind: str | None = None) -> list[PressItem]:
    """The public news under a press index, newest first; `kind` is a KIND_SLUGS key.

    Items of one date are ordered by id, newest first, so every build lists them the same way.
    """
    from .models import NewsPage

    urls = {info.id: info.url for info in index.children_of(index_id)}
    pages = NewsPage.objects.filter(pk__in=list(urls))
    if kind is not None:
        pages = pages.filter(kind=KIND_SLUGS[kind][0])
    ordered = sorted(pages, key=lambda p: (p.date, p.pk), reverse=True)
    return [PressItem(page=page, url=urls[page.pk]) for page in ordered]


def press_feed_xml(
    *,
    title: str,
    subtitle: str,
    page_url: str,
    feed_url: str,
    language: str,
    items: list[PressItem],
    fallback_updated: datetime | None,
) -> str:
    """The Atom feed of press items, in the order given (newest first)."""
    base = settings.PUBLIC_BASE_URL
    feed = StableAtomFeed(
        title=title,
        link=base + page_url,
        description=subtitle or title,
        subtitle=subtitle or None,
        language=language,
        feed_url=base + feed_url,
        feed_guid=base + feed_url,
        fallback_updated=fallback_updated.replace(microsecond=0) if fallback_updated else None,
    )
    for item in items:
        page = item.page
        updated = item.published
        if page.last_published_at and page.last_published_at > updated:
            updated = page.last_published_at.replace(microsecond=0)
        feed.add_item(
            title=page.title,
            link=base + item.url,
            description=page.lead or page.search_description or "",
            unique_id=base + item.url,
            pubdate=item.published,
            updateddate=updated,
            categories=[str(page.get_kind_display())],
        )
    return feed.writeString("utf-8")


def media_plan_rows(*, entries) -> list[dict]:
    """The media plan's entries as table rows in date order (ties keep the editor's order)."""
    from .blocks import MEDIA_PLAN_STATUSES

    labels = dict(MEDIA_PLAN_STATUSES)
    rows = [
        dict(block.value, id=block.id, status_label=labels.get(block.value["status"], ""))
        for block in entries
    ]
    return sorted(rows, key=lambda row: row["date"])
