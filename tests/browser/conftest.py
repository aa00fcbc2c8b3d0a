"""A real browser against a real HTTP server: Debian's chromium driven by Playwright.

The browser is started once for the package. Playwright never downloads a browser here: it is
always pointed at /usr/bin/chromium, which `make test` installs (tests/services/chromium.sh).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from publish.serving import PublicSiteDispatcher, StaticSite

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps calling home on a closed network,
# and every launch waits on those connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every wait is bounded: a static page on localhost that takes longer than this is a failure.
TIMEOUT_MS = 10_000
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/coworking-screens"))


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless chromium for all browser tests; contexts give each test a clean profile.

    Package-scoped rather than session-scoped: while Playwright's sync API is up it marks its
    idle asyncio loop as running in the main thread, and Django then refuses every ORM call
    there. Closing the browser when this package is done keeps the rest of the suite unaffected.
    Inside the package no coroutine ever runs beside the ORM (Playwright only switches inside
    its own calls), so Django's guard is lifted with its documented switch until then.
    """
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {message}", pytrace=False)
        pytest.skip(message)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=30_000
        )
        try:
            yield browser
        finally:
            browser.close()
            # Connections opened while the loop counted as running are kept per context, where
            # nothing reaches them once it stops; left open they block dropping the test database.
            connections.close_all()


@pytest.fixture(scope="package")
def serve_static_site() -> Iterator[Callable[[Path], str]]:
    """Serve a SITE_DIR's live build with StaticSite on a free port; returns the base URL.

    A threaded server, because a browser opens several connections at once. Every server
    started is shut down when the browser tests are done.
    """
    servers: list[tuple[WSGIServer, threading.Thread]] = []

    def serve(site_dir: Path) -> str:
        server = make_server(
            "127.0.0.1",
            0,
            StaticSite(Path(site_dir) / "live"),
            server_class=_ThreadingWSGIServer,
            handler_class=_QuietHandler,
        )
        thread = threading.Thread(target=server.serve_forever, name="static-site", daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}"

    yield serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def base_url(site_dir, media_root, settings, monkeypatch) -> Iterator[str]:
    """The whole product as `make run` serves it (the static build, and Django for /api/,
    /admin/, /static/ and the account pages) on one origin, on a free port."""
    # Scripts and styles come from the apps' folders; nothing is collected in tests.
    settings.WHITENOISE_USE_FINDERS = True
    # Each request thread closes its connection when done, or the test database cannot be
    # dropped at the end of the run.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    server = make_server(
        "127.0.0.1",
        0,
        PublicSiteDispatcher(get_wsgi_application(), site_dir=site_dir),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(target=server.serve_forever, name="coworking", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


@pytest.fixture
def open_page(browser, base_url) -> Iterator[Callable[..., Page]]:
    """Open a tab in a fresh browser profile on `base_url`; `open_page(person)` starts signed in
    as `person` (with a session Django made for them). Console errors and failed responses
    (other than the browser's favicon guess) are collected in `page.problems`."""
    from django.test import Client

    contexts: list[BrowserContext] = []

    def open_(person=None, *, locale: str = "ru-RU", width: int = 1280, height: int = 900) -> Page:
        # A Russian browser, as the lyceum's people have: pages outside /ru/ and /en/ (the
        # admin, redirects from it) answer in the browser's language.
        context = browser.new_context(
            base_url=base_url, locale=locale, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if person is not None:
            client = Client()
            client.force_login(person)
            session = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
        return watch_problems(context.new_page())

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def cabinet_site(site_dir) -> dict:
    """The Russian and English homes with their cabinets, published; returns the homes."""
    from wagtail.models import Locale
    from wagtail.models import Page as WagtailPage

    from tests.factories import add_cabinet, make_site
    from tests.publish.helpers import publish_full

    if WagtailPage.get_first_root_node() is None:
        # A transactional test before this one may have flushed the root the migrations made.
        Locale.objects.get_or_create(language_code="ru")
        WagtailPage.add_root(instance=WagtailPage(title="Root", slug="root"))
    homes = make_site()
    add_cabinet(homes["ru"])
    add_cabinet(homes["en"], "My cabinet")
    publish_full(strict=True)
    return homes


@pytest.fixture
def projects_site(cabinet_site):
    """The published site with a projects page under each cabinet (the default stages are
    there: `migrated_rows` puts them back after an earlier test's flush)."""
    from cms.projects.models import ProjectsPage
    from cms.users.models import CabinetPage
    from tests.publish.helpers import publish_full

    for language, title in (("ru", "Проекты"), ("en", "Projects")):
        cabinet = CabinetPage.objects.filter(locale__language_code=language).order_by("pk").last()
        page = ProjectsPage(title=title, slug="projects")
        cabinet.add_child(instance=page)
        page.save_revision().publish()
    publish_full(strict=True)
    return cabinet_site


@pytest.fixture
def meetings_site(cabinet_site):
    """The published site with a meetings page (and its consultations) under each cabinet."""
    from cms.meetings.models import MeetingsPage
    from cms.users.models import CabinetPage
    from tests.publish.helpers import publish_full

    for language, title in (("ru", "Встречи"), ("en", "Meetings")):
        cabinet = CabinetPage.objects.filter(locale__language_code=language).order_by("pk").last()
        page = MeetingsPage(title=title, slug="meetings")
        cabinet.add_child(instance=page)
        page.save_revision().publish()
    publish_full(strict=True)
    return cabinet_site


def watch_problems(page: Page) -> Page:
    """Collect in `page.problems` every console error and every failed file or API call
    (the browser's own favicon guess is no page's doing)."""
    page.problems = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "Failed to load resource" not in message.text
            and page.problems.append(message.text)
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and page.problems.append(f"{response.status} {response.url}")
        ),
    )
    return page
