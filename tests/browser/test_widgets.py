"""The widget registry and the notifications widget in a real browser."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from cms.notifications.models import Notification
from tests.cms.users.conftest import make_person
from tests.factories import add_page
from tests.publish.helpers import publish_full

from .conftest import TIMEOUT_MS

# Transactional: the server's threads have their own database connections.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect.set_options(timeout=TIMEOUT_MS)


def test_a_widget_no_module_registers_keeps_its_fallback_and_the_others_still_start(
    cabinet_site, open_page
):
    body = [
        {
            "type": "widget",
            "value": {
                "kind": "expert_review",
                "title": "Экспертная оценка",
                "reference": "",
                "fallback": "<p>Оценка появится после экспертизы.</p>",
            },
        }
    ]
    add_page(cabinet_site["ru"], "Проект", slug="project", body=json.dumps(body))
    publish_full(strict=True)
    page = open_page()

    page.goto("/ru/project/")
    page.wait_for_load_state("networkidle")

    review = page.locator("[data-widget=expert-review]")
    expect(review).to_have_attribute("data-endpoint", "")
    expect(review.get_by_text("Оценка появится после экспертизы.")).to_be_visible()
    assert review.get_attribute("data-widget-started") is None
    expect(page.locator("[data-widget=account][data-widget-started]")).to_have_count(1)
    assert page.problems == []


@pytest.fixture
def parent(db):
    person = make_person("parent", "parent", first_name="Ольга", last_name="Смирнова")
    for title in ("Собрание в четверг", "Новая выставка"):
        Notification.objects.create(recipient=person, kind="general", title=title)
    return person


def test_mark_all_read_is_offered_only_while_something_is_unread(
    cabinet_site, open_page, parent, screenshot_dir
):
    page = open_page(parent)
    page.goto("/ru/cabinet/")
    mark_all = page.get_by_role("button", name="Отметить все прочитанными")
    expect(page.locator("[data-count]")).to_have_text("Непрочитанных: 2")
    expect(mark_all).to_be_visible()

    mark_all.click()

    expect(page.locator("[data-count]")).to_have_text("Непрочитанных: 0")
    expect(mark_all).to_be_hidden()
    status = page.locator("[data-widget=notifications] [role=status]")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("Отмечено прочитанными: 2. Непрочитанных: 0")
    expect(page.get_by_role("heading", name="Уведомления")).to_be_focused()
    page.reload()
    expect(page.locator(".notification")).to_have_count(2)
    expect(page.locator("[data-count]")).to_have_text("Непрочитанных: 0")
    expect(mark_all).to_be_hidden()
    page.screenshot(path=str(screenshot_dir / "notifications-all-read.png"), full_page=True)
    assert page.problems == []
