"""The header's account place and the cabinet, signed out and signed in, in a real browser.

The whole WSGI app of `make run` (the static build plus Django for /api/ and /static/) is served
on one origin, so the session cookie reaches the API as it does in production. Signing in is
done by handing the browser a session Django made for the person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import Browser, Page, expect
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from cms.calendars.models import CalendarFeedToken
from cms.notifications.models import Notification
from cms.users.models import Guardianship, User
from tests.cms.users.conftest import make_person
from tests.factories import add_cabinet, make_site
from tests.publish.helpers import publish_full

from .conftest import TIMEOUT_MS, watch_problems

# Transactional: the server's threads have their own database connections.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def published(site_dir):
    if WagtailPage.get_first_root_node() is None:
        # A transactional test before this one may have flushed the root the migrations made.
        Locale.objects.get_or_create(language_code="ru")
        WagtailPage.add_root(instance=WagtailPage(title="Root", slug="root"))
    homes = make_site()
    add_cabinet(homes["ru"])
    add_cabinet(homes["en"], "My cabinet")
    publish_full(strict=True)


@pytest.fixture
def parent(db):
    child = make_person(
        "pupil", "student", school_class="7А", first_name="Артём", last_name="Смирнов"
    )
    parent = make_person(
        "parent", "parent", first_name="Ольга", patronymic="Ивановна", last_name="Смирнова"
    )
    Guardianship.objects.create(parent=parent, child=child)
    Notification.objects.create(recipient=parent, kind="general", title="Собрание в четверг")
    Notification.objects.create(
        recipient=parent, kind="general", title="Новая выставка", body="Работы 7А в холле."
    )
    return parent


def _page(browser: Browser, base_url: str, cookies=()) -> Page:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    if cookies:
        context.add_cookies([{**cookie, "url": base_url} for cookie in cookies])
    return watch_problems(context.new_page())


@pytest.fixture
def visitor(browser, base_url, published) -> Iterator[Page]:
    page = _page(browser, base_url)
    yield page
    page.context.close()


@pytest.fixture
def signed_in(browser, base_url, published, parent) -> Iterator[Page]:
    client = Client()
    client.force_login(parent)
    session = client.cookies["sessionid"].value
    page = _page(browser, base_url, [{"name": "sessionid", "value": session}])
    yield page
    page.context.close()


def assert_accessible(page: Page):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_a_visitor_sees_sign_in_in_the_header_and_the_home_page_is_accessible(visitor):
    visitor.goto("/ru/")
    visitor.wait_for_load_state("networkidle")

    sign_in = visitor.locator(".site-header").get_by_role("link", name="Войти")
    expect(sign_in).to_have_attribute("href", "/ru/accounts/login/?next=/ru/")
    assert visitor.locator("[data-widget=account]").get_attribute("data-widget-started") == ""
    assert_accessible(visitor)
    assert visitor.problems == []


def test_a_visitor_in_the_cabinet_is_asked_to_sign_in(visitor):
    visitor.goto("/en/cabinet/")
    visitor.wait_for_load_state("networkidle")

    expect(visitor.locator("main").get_by_role("link", name="Sign in")).to_be_visible()
    expect(visitor.get_by_role("heading", name="Notifications")).to_be_hidden()


def test_signed_in_the_header_names_me_and_the_cabinet_lists_my_notifications_and_child(
    signed_in, screenshot_dir
):
    page = signed_in
    page.goto("/ru/cabinet/")

    header = page.locator(".site-header")
    expect(
        header.get_by_role("link", name="Личный кабинет: Ольга Ивановна Смирнова")
    ).to_be_visible()
    expect(header.get_by_role("button", name="Выйти")).to_be_visible()
    expect(header.get_by_role("link", name="Войти")).to_have_count(0)
    expect(page.locator("[data-cabinet-greeting]")).to_have_text(
        "Здравствуйте, Ольга Ивановна Смирнова!"
    )
    notifications = page.locator(".notification")
    expect(notifications).to_have_count(2)
    expect(page.locator("[data-count]")).to_have_text("Непрочитанных: 2")
    expect(page.locator(".child-name")).to_have_text("Артём Смирнов")
    expect(page.locator(".child-class")).to_have_text("7А класс")
    expect(page.get_by_label("Язык писем")).to_have_value("ru")
    expect(page.get_by_label("Сообщения школы")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(screenshot_dir / "cabinet-signed-in.png"), full_page=True)
    assert_accessible(page)
    assert page.problems == []


def test_marking_a_notification_read_by_keyboard_updates_the_count_and_is_announced(signed_in):
    page = signed_in
    page.goto("/ru/cabinet/")
    expect(page.locator("[data-count]")).to_have_text("Непрочитанных: 2")

    page.get_by_role("button", name="Отметить прочитанным").first.focus()
    page.keyboard.press("Enter")

    expect(page.locator("[data-count]")).to_have_text("Непрочитанных: 1")
    status = page.locator("[data-widget=notifications] [role=status]")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("Отмечено прочитанными: 1. Непрочитанных: 1")
    expect(page.get_by_role("button", name="Отметить прочитанным")).to_have_count(1)
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_changing_an_email_preference_is_saved_and_announced(signed_in, parent):
    page = signed_in
    page.goto("/ru/cabinet/")
    box = page.locator(".preference-list input").first
    expect(box).to_be_visible()
    was = box.is_checked()

    box.press("Space")

    status = page.locator("[data-widget=notification-settings] [role=status]")
    expect(status).not_to_have_text("")
    expect(status).not_to_have_text("Сохраняем…")
    page.reload()
    expect(page.locator(".preference-list input").first).to_be_checked(checked=not was)


def test_an_invited_parent_sets_a_password_signs_in_sees_the_child_and_signs_out(
    browser, base_url, published, parent, smtp
):
    """The walk of a parent from the invitation email (on a real SMTP server) to the cabinet,
    with the account pages' forms posted by the browser itself, CSRF check included."""
    import re

    from cms.users.services import invitation_create, invitation_send

    parent.email = "olga@example.org"
    parent.save()
    invitation, token = invitation_create(user=parent)
    invitation_send(invitation=invitation, raw_token=token)
    [message] = smtp.to("olga@example.org")
    text = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", text).group(0)
    page = _page(browser, base_url)

    page.goto("/" + link.split("/", 3)[3])
    password = "Kx8#mQ2$vLp9-tulip"
    page.locator("input[type=password]").nth(0).fill(password)
    page.locator("input[type=password]").nth(1).fill(password)
    page.get_by_role("button", name="Сохранить пароль и войти").click()
    page.goto("/ru/cabinet/")

    expect(page.locator("header")).to_contain_text("Ольга")
    expect(page.locator("main")).to_contain_text("Смирнов")
    page.locator("header").get_by_role("button", name="Выйти").click()
    # Signing out ends on the home page; going on before it arrives interrupts it.
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("header")).to_contain_text("Войти")
    page.goto("/ru/accounts/login/")
    page.locator("input[name=login]").fill("olga@example.org")
    page.locator("input[name=password]").fill(password)
    page.locator("main form[method=post] [type=submit]").first.click()

    expect(page).to_have_url(re.compile(r"/ru/cabinet/$"))
    expect(page.locator("header")).to_contain_text("Ольга")
    assert page.problems == []
    page.context.close()


def test_the_parent_downloads_a_file_of_her_own_data_that_names_her_child(signed_in, parent):
    page = signed_in
    page.goto("/ru/cabinet/")
    link = page.get_by_role("link", name="Скачать мои данные")
    expect(link).to_be_visible()

    with page.expect_download() as download_info:
        link.click()

    download = download_info.value
    assert re.fullmatch(
        r"coworking-data-parent-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename
    )
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    profile = data["sections"]["profile"]
    assert (profile["first_name"], profile["last_name"]) == ("Ольга", "Смирнова")
    assert [child["name"] for child in data["sections"]["family"]["children"]] == ["Артём Смирнов"]
    titles = [n["title"] for n in data["sections"]["notifications"]["notifications"]]
    assert sorted(titles) == ["Новая выставка", "Собрание в четверг"]
    assert page.problems == []


def test_a_calendar_link_is_made_by_keyboard_shown_once_and_revoked(signed_in, parent):
    page = signed_in
    page.goto("/ru/cabinet/")
    status = page.locator("[data-widget=calendar-feed] [role=status]")

    page.get_by_role("button", name="Создать ссылку").focus()
    page.keyboard.press("Enter")

    address = page.get_by_label("Адрес календаря")
    expect(address).to_have_value(re.compile(r"^https?://.+/api/calendar/[\w-]+\.ics$"))
    expect(address).to_be_focused()
    expect(status).to_have_text(
        "Ссылка готова. Скопируйте её сейчас: больше она показана не будет."
    )
    page.reload()
    expect(page.locator("[data-widget=calendar-feed] [data-state]")).to_contain_text(
        "Ссылка на календарь создана"
    )
    expect(page.get_by_label("Адрес календаря")).to_be_hidden()
    page.get_by_role("button", name="Отозвать ссылку").click()
    expect(status).to_have_text("Ссылка отозвана: календарь по ней больше не откроется.")
    expect(page.get_by_role("button", name="Создать ссылку")).to_be_visible()
    assert not CalendarFeedToken.objects.filter(user=parent).exists()
    assert page.problems == []


PASSWORD = "Kx8#mQ2$vLp9-tulip"


@pytest.fixture
def with_password(parent):
    """The parent with a password (asked before `signed_in`, so her session is made after)."""
    parent.set_password(PASSWORD)
    parent.save()
    return parent


def test_a_parent_deletes_her_account_with_her_password_and_is_signed_out(with_password, signed_in):
    page = signed_in
    page.goto("/ru/cabinet/")

    page.get_by_label("Ваш пароль").fill(PASSWORD)
    page.get_by_label("Я понимаю, что аккаунт будет удалён навсегда").check()
    page.get_by_role("button", name="Удалить аккаунт навсегда").click()

    status = page.locator("[data-widget=account-delete] [role=status]")
    expect(status).to_have_text("Аккаунт удалён, вы вышли из сайта.")
    expect(page.get_by_role("link", name="На главную страницу")).to_be_focused()
    expect(page.get_by_role("heading", name="Уведомления")).to_be_hidden()
    gone = User.objects.get(pk=with_password.pk)
    assert not gone.is_active and gone.last_name == ""
    page.reload()
    expect(page.locator("main").get_by_role("link", name="Войти")).to_be_visible()
    assert page.problems == []
