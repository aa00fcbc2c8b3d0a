"""After every build: every internal href/src in the output must resolve to a file in the build."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "srcset"}
# Start tags of the elements that link somewhere. Our output escapes ">" inside attribute values,
# so a tag ends at the first ">"; parsing only these tags, many pages per parser run, keeps the
# check to a fraction of a millisecond per page.
_LINKING_TAG = re.compile(r"<(?:a|link|img|script|source)\b[^>]*>", re.IGNORECASE)
_BATCH = 500


def _linking_tags(html: str) -> str:
    # A bare <script> start tag would swallow the rest of the batch as script text.
    return "".join(
        tag + "</script>" if tag[:7].lower() == "<script" else tag
        for tag in _LINKING_TAG.findall(html)
    )


def _targets_by_page(htmls: list[str]) -> list[list[str]]:
    """For each HTML document, the raw href/src/srcset values of its linking elements."""
    document = "".join(f'<hr data-page="{i}">' + _linking_tags(h) for i, h in enumerate(htmls))
    reader = _TargetReader(len(htmls))
    reader.feed(document)
    reader.close()
    return reader.values


class _TargetReader(HTMLParser):
    """The link attributes of a run of linking tags, split by `<hr data-page>` markers.

    A streaming parser: building a parse tree of every tag cost three times as much.
    """

    def __init__(self, pages: int):
        super().__init__(convert_charrefs=True)
        self.values: list[list[str]] = [[] for _ in range(pages)]
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "hr":
            page = dict(attrs).get("data-page")
            if page is not None:
                self.current = self.values[int(page)]
            return
        wanted = LINK_ATTRIBUTES.get(tag)
        value = next((v for name, v in attrs if name == wanted), None) if wanted else None
        if not value:
            return
        if tag == "source":
            self.current.extend(c.strip().split(" ")[0] for c in value.split(",") if c.strip())
        else:
            self.current.append(value.strip())


def internal_targets(html: str, page_url: str) -> list[str]:
    """The site-relative paths that a page's links and embedded files point to."""
    return [t for raw in _targets_by_page([html])[0] if (t := _site_path(raw, page_url))]


def _site_path(raw: str, page_url: str) -> str | None:
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or raw.startswith(("#", "mailto:", "tel:", "data:")):
        return None
    if not parts.path:
        return None
    path = parts.path
    if not path.startswith("/"):
        path = posixpath.join(posixpath.dirname(page_url), path)
    normalized = posixpath.normpath(unquote(path))
    if path.endswith("/") and not normalized.endswith("/"):
        normalized += "/"
    return normalized


def _answered_by_django(target: str) -> bool:
    """Addresses Django answers beside the build (the account pages, the API); the build
    holds its static files itself, so a missing one of those is still broken."""
    from .serving import STATIC_PREFIX, answered_by_django

    return answered_by_django(target) and not target.startswith(STATIC_PREFIX)


def resolves(build_dir: Path, target: str) -> bool:
    candidate = build_dir / target.lstrip("/")
    if target.endswith("/"):
        return (candidate / "index.html").is_file()
    return candidate.is_file() or (candidate / "index.html").is_file()


def check_pages(build_dir: Path, pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(page URL, broken target) for every internal link of the given (URL, file) pairs."""
    broken = []
    exists: dict[str, bool] = {}
    for start in range(0, len(pages), _BATCH):
        batch = pages[start : start + _BATCH]
        htmls = [(build_dir / relative).read_text(encoding="utf-8") for _, relative in batch]
        for (page_url, _), raw_targets in zip(batch, _targets_by_page(htmls), strict=True):
            for raw in raw_targets:
                target = _site_path(raw, page_url)
                if target is None or _answered_by_django(target):
                    continue
                if target not in exists:
                    exists[target] = resolves(build_dir, target)
                if not exists[target]:
                    broken.append((page_url, target))
    return broken
