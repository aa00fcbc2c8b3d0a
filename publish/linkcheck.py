"""After every build: every internal href/src in the output must resolve to a file in the build."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, SoupStrainer

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "srcset"}
_STRAINER = SoupStrainer(list(LINK_ATTRIBUTES))


def internal_targets(html: str, page_url: str) -> list[str]:
    """The site-relative paths that a page's links and embedded files point to."""
    soup = BeautifulSoup(html, "html.parser", parse_only=_STRAINER)
    targets = []
    for tag in soup.find_all(list(LINK_ATTRIBUTES)):
        value = tag.get(LINK_ATTRIBUTES[tag.name])
        if not value:
            continue
        candidates = (
            [c.strip().split(" ")[0] for c in value.split(",")] if tag.name == "source" else [value]
        )
        for raw in candidates:
            target = _site_path(raw.strip(), page_url)
            if target is not None:
                targets.append(target)
    return targets


def _site_path(raw: str, page_url: str) -> str | None:
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or raw.startswith(("#", "mailto:", "tel:", "data:")):
        return None
    if not parts.path:
        return None
    path = (
        parts.path
        if parts.path.startswith("/")
        else posixpath.join(posixpath.dirname(page_url), parts.path)
    )
    normalized = posixpath.normpath(unquote(path))
    if path.endswith("/") and not normalized.endswith("/"):
        normalized += "/"
    return normalized


def resolves(build_dir: Path, target: str) -> bool:
    relative = target.lstrip("/")
    candidate = build_dir / relative
    if target.endswith("/"):
        return (candidate / "index.html").is_file()
    return candidate.is_file() or (candidate / "index.html").is_file()


def check_pages(build_dir: Path, pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(page URL, broken target) for every internal link of the given (URL, file) pairs."""
    broken = []
    exists: dict[str, bool] = {}
    for page_url, relative_file in pages:
        html = (build_dir / relative_file).read_text(encoding="utf-8")
        for target in internal_targets(html, page_url):
            if target not in exists:
                exists[target] = resolves(build_dir, target)
            if not exists[target]:
                broken.append((page_url, target))
    return broken
