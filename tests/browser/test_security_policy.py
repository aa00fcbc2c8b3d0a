"""The Content-Security-Policy blocks nothing the site needs, checked in a real browser.

The whole WSGI app of `make run` (static build plus Django) is served over HTTP, so the public
pages get the static site's headers and the admin gets Django's; chromium reports every blocked
script, style, frame or request on the console.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from cms.users.services import email_address_record
from tests.factories import add_page, make_site
from tests.publish.helpers import publish_full

from .conftest import TIMEOUT_MS

# Transactional: the server's threads have their own database connections, so the rows they
# read (the editor, the pages) must be committed.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "secret-password"


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.violations.append(message.text)
        ),
    )
    yield page
    context.close()


@pytest.fixture
def about(site_dir):
    if WagtailPage.get_first_root_node() is None:
        # A transactional test before this one may have flushed the root the migrations made.
        Locale.objects.get_or_create(language_code="ru")
        WagtailPage.add_root(instance=WagtailPage(title="Root", slug="root"))
    home = make_site()["ru"]
    page = add_page(
        home,
        "О пространстве",
        slug="about",
        body=[("rich_text", "<p>Пространство объединяет учеников и учителей.</p>")],
    )
    publish_full()
    return page


def test_a_public_page_loads_its_stylesheet_and_search_script_under_the_policy(page, about):
    page.goto("/ru/about/")

    expect(page.locator("h1")).to_have_text("О пространстве")
    stylesheets = page.evaluate("document.styleSheets.length")
    scripts = page.evaluate(
        "performance.getEntriesByType('resource').filter(e => e.name.endsWith('.js')).length"
    )
    assert stylesheets >= 1
    assert scripts >= 1
    assert page.violations == []


def test_the_admin_dashboard_and_page_editor_run_under_the_admins_policy(
    page, about, django_user_model
):
    editor = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password=PASSWORD
    )
    email_address_record(user=editor, verified=True)
    # The admin's sign-in sends editors to the site's account page (with its CSP, not the
    # admin's), which then leads back to the admin.
    page.goto("/admin/login/")
    page.fill("input[name=login]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/pages/{about.pk}/edit/")
    page.wait_for_load_state("networkidle")

    expect(page.locator("#id_title")).to_have_value("О пространстве")
    assert page.evaluate("typeof window.wagtail") == "object"
    assert page.violations == []
