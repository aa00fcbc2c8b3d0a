"""Comments on a passage of a discussion's document, through a real browser: a pupil's
comment waits for a moderator, an adult does not see it, a moderator approves it in the
admin queue, and then the adult sees it, with the passage's count."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from tests.cms.comments.conftest import make_discussion, make_section
from tests.cms.users.conftest import make_person

# Transactional: the server's threads read the rows through their own connections.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL = "/ru/governance/programme/"
TEXT = "Давайте добавим шахматный клуб"


@pytest.fixture
def discussion_site(site_dir):
    from wagtail.models import Locale
    from wagtail.models import Page as WagtailPage

    from tests.publish.helpers import publish_full

    if WagtailPage.get_first_root_node() is None:
        # A transactional test before this one may have flushed the root the migrations made.
        Locale.objects.get_or_create(language_code="ru")
        WagtailPage.add_root(instance=WagtailPage(title="Root", slug="root"))
    page = make_discussion()
    make_section(page)
    publish_full(strict=True)
    return page


@pytest.fixture
def moderator(db):
    # The data migration's group is gone after an earlier transactional test's flush.
    group, _ = Group.objects.get_or_create(name="Модераторы")
    group.permissions.add(
        Permission.objects.get(codename="moderate_comment"),
        Permission.objects.get(codename="access_admin"),
    )
    person = make_person("moderator", "tutor", first_name="Ольга", last_name="Модераторова")
    person.groups.add(group)
    return person


def passage_button(page, key: str):
    return page.locator(f"#{key} .passage-comments-toggle")


def test_a_pupils_passage_comment_is_seen_by_an_adult_only_after_a_moderator_approves_it(
    discussion_site, moderator, open_page, screenshot_dir
):
    pupil = make_person(
        "pupil", "student", school_class="9А", first_name="Пётр", last_name="Иванов",
        parental_consent=True,
    )  # fmt: skip
    teacher = make_person("teacher", "teacher", first_name="Вера", last_name="Учителева")

    page = open_page(pupil)
    page.goto(URL)
    expect(page.locator("#p2")).to_contain_text("Лицей открывает коворкинг")
    passage_button(page, "p2").click()
    thread = page.locator("[data-thread='p2']")
    thread.get_by_label("Ваш комментарий").fill(TEXT)
    thread.get_by_role("button", name="Отправить").click()
    expect(page.locator("[data-thread='p2'] .comment-badge-pending")).to_have_text("ждёт модерации")
    expect(page.locator("[data-thread='p2']")).to_contain_text(TEXT)
    assert page.problems == []

    adult = open_page(teacher)
    adult.goto(URL)
    expect(passage_button(adult, "p2")).to_have_text("Прокомментировать")
    passage_button(adult, "p2").click()
    expect(adult.locator("[data-thread='p2']")).to_contain_text("Комментариев пока нет.")
    assert TEXT not in adult.content()

    admin = open_page(moderator)
    admin.goto("/admin/comments/queue/")
    item = admin.locator(".comments-queue-item").filter(has_text=TEXT)
    item.get_by_role("button", name="Одобрить").click()
    expect(admin.get_by_text("Комментарий опубликован.")).to_be_visible()
    expect(admin.get_by_text("Очередь пуста")).to_be_visible()

    adult.reload()
    expect(passage_button(adult, "p2")).to_have_text("Комментарии: 1")
    passage_button(adult, "p2").click()
    expect(adult.locator("[data-thread='p2'] .comment-text")).to_have_text(TEXT)
    expect(adult.locator("[data-thread='p2'] .comment-meta")).not_to_contain_text("модерации")
    adult.screenshot(path=str(screenshot_dir / "discussion-comments.png"), full_page=True)
    admin.screenshot(path=str(screenshot_dir / "comments-queue.png"), full_page=True)
    assert adult.problems == []
