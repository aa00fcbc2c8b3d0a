"""Sitemap, feeds, robots.txt, redirects, the root redirect, 404, images and documents."""

import re

import pytest
from wagtail.contrib.redirects.models import Redirect

from tests.factories import add_page, make_document, make_image, make_site, translate

from .helpers import live, page_html, publish_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site_dir, media_root):
    homes = make_site()
    about = add_page(homes["ru"], "О модели", slug="about", lead="Что такое коворкинг")
    translate(about, "en", "About")
    return {**homes, "about": about}


def test_the_sitemap_lists_pages_with_lastmod_and_hreflang_alternates(site):
    publish_full()

    sitemap = (live() / "sitemap.xml").read_text()
    assert "<loc>http://127.0.0.1:8000/ru/about/</loc>" in sitemap
    assert re.search(r"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>", sitemap)
    assert 'hreflang="en" href="http://127.0.0.1:8000/en/about/"' in sitemap
    assert 'hreflang="ru" href="http://127.0.0.1:8000/ru/about/"' in sitemap


def test_each_language_has_an_atom_feed_of_its_newest_pages(site):
    publish_full()

    feed = (live() / "ru/feed.xml").read_text()
    assert feed.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert "<title>О модели</title>" in feed and "Что такое коворкинг" in feed
    assert "/en/about/" in (live() / "en/feed.xml").read_text()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(site):
    publish_full()

    robots = (live() / "robots.txt").read_text()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots


def test_the_site_root_redirects_to_the_default_language(site):
    publish_full()

    assert 'content="0; url=/ru/"' in (live() / "index.html").read_text()


def test_wagtail_redirects_become_static_redirect_pages_and_an_nginx_map(site):
    Redirect.objects.create(old_path="/o-nas", redirect_page=site["about"])
    Redirect.objects.create(
        old_path="/press", redirect_link="https://example.org/press", is_permanent=False
    )

    publish_full()

    assert 'url=/ru/about/"' in page_html("/o-nas/")
    assert "/o-nas /ru/about/;" in (live() / "redirects.301.map").read_text()
    assert "/press https://example.org/press;" in (live() / "redirects.302.map").read_text()


def test_a_redirect_to_a_page_that_is_not_public_is_skipped_with_a_warning(site):
    draft = add_page(site["ru"], "Черновик", slug="draft", live=False)
    Redirect.objects.create(old_path="/old-draft", redirect_page=draft)

    result = publish_full()

    assert not (live() / "old-draft").exists()
    assert any("/old-draft" in warning for warning in result.warnings)


def test_images_are_published_as_responsive_renditions_inside_the_build(site):
    image = make_image("Коворкинг зона")
    add_page(
        site["about"],
        "Фото",
        slug="photo",
        body=[
            (
                "image",
                {"image": image, "alt_text": "Ученики работают", "caption": "", "credit": "Лицей"},
            )
        ],
    )

    publish_full()

    html = page_html("/ru/about/photo/")
    assert 'alt="Ученики работают"' in html and "© Лицей" in html
    sources = re.findall(r'(/images/[^" ,]+)', html)
    assert any(s.endswith(".webp") for s in sources)
    for source in sources:
        assert (live() / source.lstrip("/")).is_file(), source


def test_documents_used_by_a_page_are_copied_into_the_build(site):
    document = make_document("Программа конференции", b"%PDF-1.4 programme")
    add_page(
        site["about"],
        "Конференция",
        slug="conference",
        body=[("document", {"document": document, "title": ""})],
    )

    publish_full()

    html = page_html("/ru/about/conference/")
    link = re.search(r'href="(/files/[^"]+)"', html).group(1)
    assert (live() / link.lstrip("/")).read_bytes() == b"%PDF-1.4 programme"
    assert "Программа конференции" in html


def test_files_no_page_uses_any_more_leave_the_build(site):
    document = make_document("Старый буклет")
    page = add_page(
        site["about"],
        "Буклет",
        slug="booklet",
        body=[("document", {"document": document, "title": ""})],
    )
    publish_full()
    assert list((live() / "files").rglob("*.pdf"))

    page.body = []
    page.save_revision().publish()
    publish_full()

    assert not (live() / "files").exists()


def test_the_404_page_is_written_at_the_root(site):
    publish_full()

    assert "Страница не найдена" in (live() / "404.html").read_text()
