"""The relevance set: the lyceum's own pages, and labelled queries that must find them.

`build_corpus()` turns every Markdown file of site_content/content into a standard page at the
same address (title, lead, body and the text of its other front-matter fields), so the set
measures search over the real texts whatever page types the zones define. `evaluate()` runs
every query of relevance.yaml and reports hit@10 and MRR.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from site_content.markdown import markdown_to_blocks
from tests.factories import add_page, make_site, translate

CONTENT_DIR = Path(settings.BASE_DIR) / "site_content" / "content"
CASES_FILE = Path(__file__).with_name("relevance.yaml")
PAGE_KEYS = {"title", "lead", "seo_title", "search_description", "show_in_menus", "order", "type"}
_FRONT = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)


@dataclass
class Case:
    q: str
    expect: list[str]
    locale: str | None = None
    note: str = ""


@dataclass
class Report:
    backend: str
    cases: int
    hits: int
    mrr: float
    misses: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def hit_rate(self) -> float:
        return self.hits / self.cases if self.cases else 0.0

    def summary(self) -> str:
        return (
            f"{self.backend}: hit@10 {self.hit_rate:.1%} ({self.hits}/{self.cases}), "
            f"MRR {self.mrr:.3f}"
        )


def load_cases() -> list[Case]:
    return [Case(**item) for item in yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))]


def _read(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = _FRONT.match(text)
    if not match:
        return {}, text
    try:
        front = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        front = {}
    return (front if isinstance(front, dict) else {}), match.group(2)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value] if " " in value.strip() else []
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _body(front: dict, markdown: str) -> str:
    blocks, _ = markdown_to_blocks(markdown, page_link=lambda address: "not loaded")
    for key, value in front.items():
        if key in PAGE_KEYS:
            continue
        for text in _strings(value):
            html_text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            blocks.append({"type": "rich_text", "value": f"<p>{html_text}</p>"})
    return json.dumps(blocks, ensure_ascii=False)


def _address(path: Path, language: str) -> str:
    relative = path.relative_to(CONTENT_DIR / language).with_suffix("")
    parts = [] if relative.as_posix() == "index" else list(relative.parts)
    return "/" + "/".join([language, *parts]) + ("/" if parts else "/")


def build_corpus() -> dict[str, int]:
    """Create the content's pages (Russian, then English translations); {address: page id}."""
    homes = make_site()
    pages = {"/ru/": homes["ru"], "/en/": homes["en"]}
    ru_files = sorted(
        (CONTENT_DIR / "ru").rglob("*.md"), key=lambda p: (len(p.parts), p.as_posix())
    )
    for path in ru_files:
        address = _address(path, "ru")
        if address == "/ru/":
            continue
        parent = pages.get(address.rsplit("/", 2)[0] + "/")
        if parent is None:
            continue
        front, markdown = _read(path)
        title = str(front.get("title") or path.stem)[:255]
        pages[address] = add_page(
            parent,
            title,
            slug=path.stem,
            lead=str(front.get("lead") or "")[:600],
            body=_body(front, markdown),
        )
    en_files = sorted(
        (CONTENT_DIR / "en").rglob("*.md"), key=lambda p: (len(p.parts), p.as_posix())
    )
    for path in en_files:
        address = _address(path, "en")
        original = pages.get(address.replace("/en/", "/ru/", 1))
        if address == "/en/" or original is None:
            continue
        front, markdown = _read(path)
        try:
            page = translate(original, "en", str(front.get("title") or path.stem)[:255])
        except Exception:  # a parent without translation: the page stays Russian only
            continue
        page.lead = str(front.get("lead") or "")[:600]
        page.body = _body(front, markdown)
        page.save_revision().publish()
        pages[address] = page
    return {address: page.pk for address, page in pages.items()}


def evaluate(cases: list[Case], search, backend: str) -> Report:
    """Run every case through `search(q, locale) -> [url, ...]` (ranked)."""
    hits = 0
    reciprocal = 0.0
    misses = []
    started = time.monotonic()
    for case in cases:
        ranked = search(case.q, case.locale)[:10]
        ranks = [ranked.index(url) + 1 for url in case.expect if url in ranked]
        if ranks:
            hits += 1
            reciprocal += 1 / min(ranks)
        else:
            misses.append((case.q, case.expect, ranked[:3]))
    return Report(
        backend=backend,
        cases=len(cases),
        hits=hits,
        mrr=reciprocal / len(cases) if cases else 0.0,
        misses=misses,
        seconds=time.monotonic() - started,
    )


def api_search(q: str, locale: str | None, *, backend: str | None = None) -> list[str]:
    """The ranked URLs the search API returns for a query (first page of ten)."""
    from search.backends import Query
    from search.selectors import search_run

    data = search_run(query=Query(text=q, locale=locale, size=10))
    if backend is not None:
        assert data["backend"] == backend, (
            f"{q!r} was answered by {data['backend']}: {data['notes']}"
        )
    return [item["url"] for item in data["results"]]
