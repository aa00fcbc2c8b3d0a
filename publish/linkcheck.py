"""After every build: every internal href/src in the output must resolve to a file in the build."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

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
    soup = BeautifulSoup(document, "html.parser")
    values: list[list[str]] = [[] for _ in htmls]
    current: list[str] = []
    for tag in soup.find_all(["hr", *LINK_ATTRIBUTES]):
        if tag.name == "hr" and tag.has_attr("data-page"):
            current = values[int(tag["data-page"])]
            continue
        value = tag.get(LINK_ATTRIBUTES.get(tag.name, ""))
        if not value:
            continue
        if tag.name == "source":
            current.extend(c.strip().split(" ")[0] for c in value.split(",") if c.strip())
        else:
            current.append(value.strip())
    return values


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
                if target is None:
                    continue
                if target not in exists:
                    exists[target] = resolves(build_dir, target)
                if not exists[target]:
                    broken.append((page_url, target))
    return broken
