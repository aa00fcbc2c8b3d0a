"""What a visitor of the published static site sees and can do, checked in a real browser.

One small bilingual site is built once for the module, published with the SiteBuilder and
served by StaticSite over HTTP; the database rows are rolled back right after the build,
because the browser only ever reads the published files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext, Page, expect
from wagtail.models import Site

from publish.builder import SiteBuilder
from tests.factories import add_page, make_document, make_image, make_site, translate

from .conftest import TIMEOUT_MS

# django_db: pytest-django creates the test database only for tests that ask for it, and the
# site is built from it (once, in `site`); each test then reads nothing but the published files.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SITE_NAME = "Цифровое коворкинг-пространство"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
DOCUMENT_BYTES = b"%PDF-1.4\n% coworking programme\n"

expect.set_options(timeout=TIMEOUT_MS)


@dataclass(frozen=True)
class PublishedSite:
    base_url: str


def publish_site() -> None:
    """Home ru/en; «О пространстве» (translated) with a photo page and a materials page
    (Russian only); «Исследовательские проекты», Russian only. Published into SITE_DIR."""
    with transaction.atomic():
        homes = make_site()
        about = add_page(
            homes["ru"],
            "О пространстве",
            slug="about",
            show_in_menus=True,
            lead="Как устроено цифровое коворкинг-пространство лицея.",
            body=[("rich_text", "<p>Пространство объединяет учеников, учителей и партнёров.</p>")],
        )
        add_page(
            homes["ru"],
            "Исследовательские проекты",
            slug="projects",
            show_in_menus=True,
            lead="Межпредметные проекты учеников и школ-партнёров.",
        )
        add_page(
            about,
            "Фотографии",
            slug="photos",
            lead="Как выглядит пространство.",
            body=[
                ("rich_text", "<p>Читальный зал открыт для всех участников.</p>"),
                (
                    "image",
                    {
                        "image": make_image("Читальный зал", size=(1200, 800)),
                        "alt_text": "Ученики работают за длинными столами в читальном зале",
                        "caption": "Читальный зал после ремонта",
                        "credit": "Анна Петрова",
                    },
                ),
            ],
        )
        add_page(
            about,
            "Материалы",
            slug="materials",
            lead="Документы и отзывы.",
            body=[
                (
                    "quote",
                    {
                        "quote": "Здесь ученики учатся работать вместе.",
                        "author": "Мария Иванова",
                        "role": "директор лицея",
                    },
                ),
                (
                    "document",
                    {
                        "document": make_document("Программа коворкинга", DOCUMENT_BYTES),
                        "title": "Программа коворкинга",
                    },
                ),
            ],
        )
        translate(about, "en", "About")
        result = SiteBuilder(progress=False).build_full()
        assert not result.broken_links, result.broken_links
        transaction.set_rollback(True)
    # The rolled-back pages must not linger in Wagtail's cache of site roots for later tests.
    Site.clear_site_root_paths_cache()


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory, serve_static_site) -> PublishedSite:
    """The site, published once for the module; the database keeps none of it."""
    root = tmp_path_factory.mktemp("browser-site")
    site_dir = root / "site"
    with (
        override_settings(SITE_DIR=site_dir, MEDIA_ROOT=root / "media"),
        django_db_blocker.unblock(),
    ):
        publish_site()
    return PublishedSite(base_url=serve_static_site(site_dir))


def _new_context(browser: Browser, site: PublishedSite, **options) -> BrowserContext:
    context = browser.new_context(base_url=site.base_url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def page(browser: Browser, site: PublishedSite) -> Iterator[Page]:
    context = _new_context(browser, site, viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_js(browser: Browser, site: PublishedSite) -> Iterator[Page]:
    context = _new_context(browser, site, viewport=DESKTOP, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser, site: PublishedSite) -> Iterator[Page]:
    context = _new_context(
        browser, site, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


def visit(page: Page, url: str, status: int = 200):
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)
    return response


def main_nav(page: Page):
    return page.locator("nav.main-nav")


LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}


def language_link(page: Page, code: str):
    """The switcher's link to a language, found by the name a screen reader announces."""
    switcher = page.locator("nav.language-switcher")
    return switcher.get_by_role("link", name=LANGUAGE_NAMES[code], exact=True)


def test_the_root_address_sends_visitors_to_the_russian_home_page(page):
    visit(page, "/")
    page.wait_for_url("**/ru/")
    expect(page.locator("h1")).to_have_text("Коворкинг")


def test_home_page_has_its_title_heading_and_the_site_name_in_the_header(page):
    visit(page, "/ru/")

    expect(page).to_have_title(f"Коворкинг — {SITE_NAME}")
    expect(page.locator("h1")).to_have_text("Коворкинг")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("header .site-name")).to_contain_text(SITE_NAME)
    expect(page.get_by_role("link", name="О пространстве").first).to_be_visible()


def test_content_page_has_its_title_and_heading(page):
    visit(page, "/ru/about/")

    expect(page).to_have_title(f"О пространстве — {SITE_NAME}")
    expect(page.locator("h1")).to_have_text("О пространстве")
    expect(page.locator(".lead")).to_have_text(
        "Как устроено цифровое коворкинг-пространство лицея."
    )


def test_the_theme_stylesheet_and_every_file_a_page_uses_load(page):
    failed: list[str] = []
    # Only the build is served here; the API the header's account widget asks is not.
    page.on(
        "response",
        lambda r: r.status >= 400 and "/api/" not in r.url and failed.append(f"{r.status} {r.url}"),
    )

    for url in ["/ru/", "/ru/about/", "/ru/about/photos/", "/ru/about/materials/", "/en/about/"]:
        visit(page, url)
        page.wait_for_load_state("load")
        header_background = page.locator("header.site-header").evaluate(
            "el => getComputedStyle(el).backgroundColor"
        )
        assert header_background == "rgb(31, 78, 140)", (url, "site.css was not applied")

    assert failed == []


def test_main_navigation_lists_the_top_level_sections_and_marks_the_current_one(page):
    visit(page, "/ru/")
    nav = main_nav(page)
    expect(nav.get_by_role("link")).to_have_text(["О пространстве", "Исследовательские проекты"])
    expect(nav.locator("[aria-current]")).to_have_count(0)

    nav.get_by_role("link", name="О пространстве").click()

    page.wait_for_url("**/ru/about/")
    expect(nav.get_by_role("link", name="О пространстве")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Исследовательские проекты")).not_to_have_attribute(
        "aria-current", re.compile(".*")
    )


def test_breadcrumbs_lead_from_a_child_page_back_to_the_home_page(page):
    visit(page, "/ru/about/photos/")
    crumbs = page.get_by_role("navigation", name="Навигационная цепочка")
    expect(crumbs.get_by_role("listitem")).to_have_text(
        ["Коворкинг", "О пространстве", "Фотографии"]
    )
    expect(crumbs.locator("[aria-current=page]")).to_have_text("Фотографии")

    crumbs.get_by_role("link", name="О пространстве").click()
    page.wait_for_url("**/ru/about/")
    page.get_by_role("navigation", name="Навигационная цепочка").get_by_role(
        "link", name="Коворкинг"
    ).click()

    page.wait_for_url("**/ru/")
    expect(page.locator("h1")).to_have_text("Коворкинг")


def test_language_switcher_on_a_translated_section_goes_to_its_english_version(page):
    visit(page, "/ru/about/")
    expect(language_link(page, "ru")).to_have_attribute("aria-current", "true")

    with page.expect_navigation() as navigation:
        language_link(page, "en").click()

    assert navigation.value.status == 200
    assert page.url.endswith("/en/about/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("About")
    expect(language_link(page, "en")).to_have_attribute("aria-current", "true")
    # The interface speaks English too (compiled by `make messages`, which `make test` runs).
    expect(page.locator("header .site-name")).to_contain_text("Digital Coworking Space")

    language_link(page, "ru").click()
    page.wait_for_url("**/ru/about/")


def test_language_switcher_on_an_untranslated_page_lands_on_the_nearest_translated_parent(page):
    visit(page, "/ru/about/photos/")
    expect(language_link(page, "en")).to_have_attribute("href", "/en/about/")

    with page.expect_navigation() as navigation:
        language_link(page, "en").click()

    assert navigation.value.status == 200
    assert page.url.endswith("/en/about/")
    expect(page.locator("h1")).to_have_text("About")


def test_image_renders_with_its_alt_text_and_a_visible_credit(page):
    visit(page, "/ru/about/photos/")
    image = page.get_by_role("img", name="Ученики работают за длинными столами в читальном зале")
    image.scroll_into_view_if_needed()

    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0",
        arg=image.element_handle(),
        timeout=TIMEOUT_MS,
    )
    expect(image).to_be_visible()
    box = image.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50, box
    expect(page.locator("figure.block-image figcaption")).to_contain_text(
        "Читальный зал после ремонта"
    )
    expect(page.get_by_text("© Анна Петрова")).to_be_visible()


def test_quote_shows_its_author(page):
    visit(page, "/ru/about/materials/")

    expect(page.locator("blockquote")).to_have_text("Здесь ученики учатся работать вместе.")
    expect(page.locator("figure.block-quote figcaption")).to_have_text(
        "— Мария Иванова, директор лицея"
    )


def test_document_link_downloads_a_file_that_exists(page):
    visit(page, "/ru/about/materials/")
    link = page.get_by_role("link", name="Программа коворкинга")
    expect(link).to_be_visible()
    href = link.get_attribute("href")

    fetched = page.request.get(href)
    assert fetched.status == 200, href
    assert fetched.headers["content-type"] == "application/pdf"
    assert fetched.body() == DOCUMENT_BYTES

    with page.expect_download(timeout=TIMEOUT_MS) as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes() == DOCUMENT_BYTES


def test_the_first_tab_shows_a_skip_link_to_the_content(page):
    visit(page, "/ru/about/")

    page.keyboard.press("Tab")

    skip = page.get_by_role("link", name="К содержанию")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    skip.press("Enter")
    page.wait_for_url("**/ru/about/#main")


def test_an_unknown_address_shows_the_not_found_page_with_a_way_home(page):
    visit(page, "/ru/no-such-page/", status=404)

    expect(page.locator("h1")).to_have_text("Страница не найдена")
    expect(page.locator("header .site-name")).to_contain_text(SITE_NAME)
    page.get_by_role("link", name="главной страницы").click()
    page.wait_for_url("**/ru/")


def test_the_site_works_without_javascript(page_without_js):
    page = page_without_js
    visit(page, "/")
    page.wait_for_url("**/ru/")
    expect(page.locator("h1")).to_have_text("Коворкинг")
    sections = page.get_by_role("region", name="Разделы")
    expect(
        sections.get_by_text("Как устроено цифровое коворкинг-пространство лицея.")
    ).to_be_visible()

    main_nav(page).get_by_role("link", name="О пространстве").click()
    page.wait_for_url("**/ru/about/")
    expect(page.locator("h1")).to_have_text("О пространстве")

    page.locator(".card-list").get_by_role("link", name="Фотографии").click()
    page.wait_for_url("**/ru/about/photos/")
    image = page.get_by_role("img", name="Ученики работают за длинными столами в читальном зале")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()

    language_link(page, "en").click()
    page.wait_for_url("**/en/about/")
    expect(page.locator("h1")).to_have_text("About")

    page.locator("header .site-name").click()
    page.wait_for_url("**/en/")
    expect(page.locator("h1")).to_have_text("Coworking")


@pytest.mark.parametrize(
    "url", ["/ru/", "/ru/about/", "/ru/about/photos/", "/ru/about/materials/", "/en/about/"]
)
def test_a_phone_never_scrolls_sideways_and_shows_the_navigation(phone, url):
    visit(phone, url)
    phone.wait_for_load_state("load")

    widths = phone.evaluate(
        "() => ({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], widths
    nav = main_nav(phone)
    expect(nav).to_be_visible()
    for link in nav.get_by_role("link").all():
        expect(link).to_be_in_viewport()
    expect(phone.locator("header .site-name")).to_be_in_viewport()


def test_the_not_found_page_fits_a_phone(phone):
    visit(phone, "/nowhere/", status=404)

    widths = phone.evaluate(
        "() => ({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], widths


@pytest.mark.parametrize(
    ("name", "url"),
    [("home", "/ru/"), ("content", "/ru/about/photos/"), ("materials", "/ru/about/materials/")],
)
def test_screenshots_at_desktop_and_phone_sizes(page, phone, screenshot_dir, name, url):
    """For a person to look at (under /tmp/coworking-screens by default); never committed."""
    for size, tab in [("desktop", page), ("phone", phone)]:
        visit(tab, url)
        # Lazy images below the fold load only when scrolled to; show them in the picture.
        for image in tab.locator("img").all():
            image.scroll_into_view_if_needed()
            tab.wait_for_function(
                "img => img.complete && img.naturalWidth > 0",
                arg=image.element_handle(),
                timeout=TIMEOUT_MS,
            )
        tab.evaluate("window.scrollTo(0, 0)")
        path = screenshot_dir / f"{name}-{size}.png"
        tab.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000
