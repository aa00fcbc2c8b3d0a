"""Every widget mount point of the published site follows the one contract of components.js.

A mount point is `[data-widget]` with its kind, `data-endpoint` (the API address resolved when the
page was built, or empty while no app answers for the kind), `data-lang` (the page's language)
and, when it has no endpoint yet, fallback text a reader sees instead. The registry reads nothing
else, so a mount point written another way (`data-language`, an id of its own) never starts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cms.core.blocks import WIDGET_KINDS
from publish.swap import live_dir
from site_content.demo import generate_demo_content
from site_content.events.models import EventPage
from site_content.pages.models import HomePage
from tests.factories import add_page
from tests.publish.helpers import publish_full

pytestmark = pytest.mark.django_db

# Attributes of mount points written before the contract; the registry reads none of them.
OLD_ATTRIBUTES = {"data-language", "data-solution-id", "data-lang-code", "data-url", "data-api"}


def _widget_blocks_of_every_kind() -> str:
    return json.dumps(
        [
            {
                "type": "widget",
                "value": {
                    "kind": kind,
                    "title": f"Виджет {kind}",
                    "reference": f"{kind}-1",
                    "fallback": f"<p>Без JavaScript: {kind}.</p>",
                },
            }
            for kind, _label in WIDGET_KINDS
        ]
    )


@pytest.fixture
def live(site_dir, media_root) -> Path:
    """The demo site (every page type) with a page of every widget block and an event open
    for registration, published."""
    generate_demo_content(pages=60, seed=7, images=1, documents=1, show_progress=False)
    home = HomePage.objects.get(locale__language_code="ru")
    add_page(home, "Все виджеты", slug="all-widgets", body=_widget_blocks_of_every_kind())
    event = EventPage.objects.live().filter(locale__language_code="ru").first()
    start = timezone.now() + dt.timedelta(days=30)
    event.start, event.end = start, start + dt.timedelta(hours=2)
    event.registration_opens = timezone.now() - dt.timedelta(days=1)
    event.registration_closes = start - dt.timedelta(days=1)
    event.registration_full = False
    event.save_revision().publish()
    publish_full(strict=True)
    return live_dir(Path(site_dir))


def mount_points(live: Path):
    for path in sorted(live.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        language = soup.html.get("lang", "")
        for node in soup.select("[data-widget]"):
            yield path.relative_to(live).as_posix(), language, node


def test_every_mount_point_carries_endpoint_and_language_and_a_fallback_when_it_has_no_api(live):
    seen: dict[str, int] = {}
    problems = []
    for page, language, node in mount_points(live):
        kind = node["data-widget"]
        seen[kind] = seen.get(kind, 0) + 1
        where = f"{page}: data-widget={kind}"
        if not re.fullmatch(r"[a-z]+(-[a-z]+)*", kind):
            problems.append(f"{where}: a kind is lowercase words joined by hyphens")
        if not node.has_attr("data-endpoint"):
            problems.append(f"{where}: no data-endpoint")
        elif node["data-endpoint"] and not node["data-endpoint"].startswith("/api/"):
            problems.append(f"{where}: endpoint {node['data-endpoint']} is not under /api/")
        if node.get("data-lang") != language:
            problems.append(f"{where}: data-lang={node.get('data-lang')!r}, page is {language!r}")
        if not node.get("data-endpoint") and not node.get_text(strip=True):
            problems.append(f"{where}: no endpoint and no fallback text for the reader")
        if old := OLD_ATTRIBUTES & set(node.attrs):
            problems.append(f"{where}: old attributes {sorted(old)}")

    assert problems == []
    # The scan saw the mount points of the header, the search and cabinet pages, a solution
    # page, an event open for registration and every widget block.
    assert set(seen) >= {
        "account",
        "search-box",
        "search",
        "cabinet",
        "notifications",
        "profile",
        "registration",
        "survey",
        "voting",
        "room-request",
    }


def test_a_solution_page_shows_its_rating_statically_without_a_widget_mount(live):
    solutions = [
        path
        for path in live.rglob("index.html")
        if path.relative_to(live).as_posix().startswith("ru/solutions/")
        and path.relative_to(live).as_posix().count("/") == 3
    ]
    assert solutions
    for path in solutions:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.select("[data-widget=expert-review]") == []
        section = soup.select_one("section.expert-review")
        if section is not None:
            assert "Оценка экспертов появится здесь" in section.get_text()
