"""The build that is rendering right now: its site index and what each page depends on.

Template tags and rich-text link handlers read it to resolve links without queries and to
record which pages and files a page's output shows, so incremental publishing knows what
to re-render.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field

from .site_index import SiteIndex

LINK_PREFIX = "link:"

_current: contextvars.ContextVar[BuildContext | None] = contextvars.ContextVar(
    "publish_build_context", default=None
)


@dataclass
class PageRecord:
    """What one rendered page showed: dependency keys, the files it links to, and the images
    and documents it still refers to although they were deleted ("image:7", "document:3")."""

    keys: set[str] = field(default_factory=set)
    assets: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)


@dataclass
class BuildContext:
    index: SiteIndex
    record: PageRecord = field(default_factory=PageRecord)
    # Lives as long as the build (or the preview request): prefetched objects and markup
    # that every page showing the same image can reuse.
    shared: dict = field(default_factory=dict)

    def depends_on(self, key: str) -> None:
        """This page shows anything of the pages `key` names, their content included."""
        self.record.keys.add(key)

    def shows_links(self, key: str) -> None:
        """This page shows only what the site index knows of the pages `key` names (title,
        URL, lead, order, menu flag, dates), so an edit of their body alone leaves it as is."""
        self.record.keys.add(LINK_PREFIX + key)

    def uses_asset(self, build_path: str, source_path: str) -> None:
        self.record.assets[build_path] = source_path

    def lacks(self, key: str) -> None:
        """This page refers to an image or document that no longer exists; it is left out,
        and the build names the page in a warning so an editor can fix it."""
        self.record.missing.add(key)


def active() -> BuildContext | None:
    """The page being rendered by a build, or None outside one."""
    return _current.get()


def current(request=None) -> BuildContext:
    """The active build; outside a build (admin preview) one per request, with a fresh index."""
    ctx = _current.get()
    if ctx is not None:
        return ctx
    ctx = getattr(request, "_publish_context", None)
    if ctx is None:
        ctx = BuildContext(index=SiteIndex.load())
        if request is not None:
            request._publish_context = ctx
    return ctx


@contextmanager
def rendering(index: SiteIndex, shared: dict | None = None):
    """Render one page inside this block; yields the record of what the page showed.

    `shared` is the build's own store, handed to every page it renders."""
    ctx = BuildContext(index=index, shared=shared if shared is not None else {})
    token = _current.set(ctx)
    try:
        yield ctx.record
    finally:
        _current.reset(token)
