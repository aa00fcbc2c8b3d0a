from pathlib import Path

import pytest

from publish.builder import SiteBuilder
from publish.swap import live_dir
from tests.factories import add_page, make_site, translate

pytestmark = pytest.mark.django_db


def build() -> Path:
    SiteBuilder(progress=False).build_full()
    return live_dir(Path(__import__("django.conf").conf.settings.SITE_DIR))


def test_every_live_page_of_every_language_is_written_at_its_url(site_dir):
    homes = make_site()
    about = add_page(homes["ru"], "О модели", slug="about")
    add_page(about, "Зоны", slug="zones")
    translate(about, "en", "About")

    live = build()

    for url in ["ru/", "ru/about/", "ru/about/zones/", "en/", "en/about/"]:
        assert (live / url / "index.html").is_file(), url
    assert "<h1>О модели</h1>" in (live / "ru/about/index.html").read_text()
    assert "<h1>About</h1>" in (live / "en/about/index.html").read_text()
