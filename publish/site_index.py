"""An in-memory map of the publishable site, so rendering a page needs no tree queries.

Navigation, breadcrumbs, language switchers, child listings and page URLs are all answered
from here. One instance serves a whole build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType

from .selectors import publishable_pages

PAGE_FIELDS = (
    "id",
    "title",
    "slug",
    "path",
    "depth",
    "url_path",
    "locale__language_code",
    "translation_key",
    "show_in_menus",
    "first_published_at",
    "last_published_at",
    "live_revision_id",
    "content_type_id",
    "seo_title",
    "search_description",
)


@dataclass
class PageInfo:
    """What other pages need to know about a page in order to link to it."""

    id: int
    title: str
    slug: str
    path: str
    depth: int
    url_path: str
    language: str
    translation_key: str
    show_in_menus: bool
    first_published_at: datetime | None
    last_published_at: datetime | None
    live_revision_id: int | None
    content_type_id: int
    seo_title: str
    search_description: str
    url: str = ""
    lead: str = ""
    parent_id: int | None = None
    children: list[int] = field(default_factory=list)

    @property
    def output_path(self) -> str:
        """The file, relative to the build directory, that holds this page."""
        return self.url.strip("/") + "/index.html"

    def fingerprint(self) -> list:
        """Everything that, when changed, changes this page's own output."""
        return [
            self.live_revision_id,
            self.last_published_at.isoformat() if self.last_published_at else None,
            *self.link_fingerprint(),
        ]

    def link_fingerprint(self) -> list:
        """What other pages can show of this page through the site index (menus, listings,
        breadcrumbs, links): a change here re-renders the pages that show it.

        The revision and the last publishing date are left out on purpose, so that editing
        only a page's body re-renders that page alone.
        """
        return [
            self.url,
            self.title,
            self.slug,
            self.path,
            self.language,
            str(self.translation_key),
            self.show_in_menus,
            self.first_published_at.isoformat() if self.first_published_at else None,
            self.content_type_id,
            self.seo_title,
            self.search_description,
            self.lead,
        ]


class SiteIndex:
    """All publishable pages with their URLs, parents, children and translations."""

    def __init__(self, pages: list[PageInfo]):
        self.pages: dict[int, PageInfo] = {}
        self.by_path: dict[str, PageInfo] = {}
        self.translations: dict[str, list[PageInfo]] = defaultdict(list)
        self.roots: dict[str, PageInfo] = {}
        for page in sorted(pages, key=lambda p: p.path):
            parent = self.by_path.get(page.path[:-4])
            if page.depth > 2 and parent is None:
                # Under an unpublished or restricted section: the whole subtree stays private.
                continue
            self.pages[page.id] = page
            self.by_path[page.path] = page
            self.translations[page.translation_key].append(page)
            if parent is not None:
                page.parent_id = parent.id
                parent.children.append(page.id)
            if page.depth == 2:
                self.roots[page.language] = page

    @classmethod
    def load(cls) -> SiteIndex:
        """Read the publishable tree in one query, plus one per page type for the leads."""
        rows = publishable_pages().order_by("path").values_list(*PAGE_FIELDS)
        pages = [PageInfo(*row) for row in rows]
        index = cls(pages)
        index._compute_urls()
        index._load_leads()
        return index

    def _compute_urls(self) -> None:
        orphans = []
        for page in self.pages.values():
            root = self._root_of(page)
            if root is None:
                orphans.append(page.id)
                continue
            page.url = f"/{page.language}/" + page.url_path[len(root.url_path) :]
        for page_id in orphans:
            page = self.pages.pop(page_id)
            self.by_path.pop(page.path, None)

    def _root_of(self, page: PageInfo) -> PageInfo | None:
        root = self.by_path.get(page.path[:8])
        if root is None or root.language != page.language:
            return None
        return root

    def _load_leads(self) -> None:
        by_type: dict[int, list[int]] = defaultdict(list)
        for page in self.pages.values():
            by_type[page.content_type_id].append(page.id)
        for content_type_id, ids in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not any(f.name == "lead" for f in model._meta.get_fields()):
                continue
            for chunk in _chunks(ids, 900):
                for pk, lead in model.objects.filter(pk__in=chunk).values_list("pk", "lead"):
                    self.pages[pk].lead = lead

    def get(self, page_id: int) -> PageInfo | None:
        return self.pages.get(page_id)

    def children_of(self, page_id: int) -> list[PageInfo]:
        page = self.pages.get(page_id)
        return [self.pages[c] for c in page.children if c in self.pages] if page else []

    def ancestors_of(self, page_id: int) -> list[PageInfo]:
        """From the language root down to the page's parent."""
        page = self.pages.get(page_id)
        chain = []
        while page is not None and page.parent_id is not None:
            page = self.pages.get(page.parent_id)
            if page is not None:
                chain.append(page)
        return list(reversed(chain))

    def menu_of(self, language: str) -> list[PageInfo]:
        root = self.roots.get(language)
        if root is None:
            return []
        return [p for p in self.children_of(root.id) if p.show_in_menus]

    def translations_of(self, page_id: int) -> dict[str, PageInfo]:
        """The page in each language, or else its nearest translated ancestor."""
        page = self.pages[page_id]
        found: dict[str, PageInfo] = {}
        for candidate in [page, *reversed(self.ancestors_of(page_id))]:
            for other in self.translations.get(candidate.translation_key, []):
                found.setdefault(other.language, other)
        return found

    def latest(self, language: str, count: int, exclude_depth: int = 2) -> list[PageInfo]:
        """The most recently first-published pages of one language, newest first."""
        candidates = [
            p
            for p in self.pages.values()
            if p.language == language and p.depth > exclude_depth and p.first_published_at
        ]
        candidates.sort(key=lambda p: (p.first_published_at, p.id), reverse=True)
        return candidates[:count]


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
