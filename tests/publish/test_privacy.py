"""Drafts, unpublished, expired and restricted pages never reach the static site."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.factories import add_page, make_site

from .helpers import all_output_text, live, publish_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(site_dir):
    return make_site()["ru"]


def test_a_page_that_was_never_published_is_not_in_the_output(home):
    add_page(home, "Черновик проекта", slug="draft", live=False)

    publish_full()

    assert not (live() / "ru/draft").exists()
    assert "Черновик проекта" not in all_output_text()


def test_unpublished_changes_of_a_live_page_stay_private(home):
    page = add_page(home, "Конкурс", slug="contest")
    page.title = "Секретные итоги конкурса"
    page.save_revision()

    publish_full()

    assert "Конкурс" in (live() / "ru/contest/index.html").read_text()
    assert "Секретные итоги конкурса" not in all_output_text()


def test_an_unpublished_page_and_its_whole_subtree_are_not_in_the_output(home):
    section = add_page(home, "Архив", slug="archive")
    add_page(section, "Старое объявление", slug="old")
    section.unpublish()

    publish_full()

    assert not (live() / "ru/archive").exists()
    assert "Старое объявление" not in all_output_text()


def test_an_expired_page_is_not_in_the_output_even_before_the_scheduler_unpublishes_it(home):
    page = add_page(home, "Набор закрыт", slug="closed")
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    publish_full()

    assert not (live() / "ru/closed").exists()
    assert "Набор закрыт" not in all_output_text()


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "secret"},
        {"restriction_type": PageViewRestriction.LOGIN},
    ],
    ids=["password", "login"],
)
def test_pages_under_a_view_restriction_are_not_in_the_output(home, restriction):
    room = add_page(home, "Переговорная 7Б", slug="room")
    add_page(room, "Протокол встречи с родителями", slug="minutes")
    PageViewRestriction.objects.create(page=room, **restriction)

    publish_full()

    assert not (live() / "ru/room").exists()
    text = all_output_text()
    assert "Переговорная 7Б" not in text
    assert "Протокол встречи с родителями" not in text


def test_the_sitemap_and_feeds_list_only_public_pages(home):
    add_page(home, "Открытая страница", slug="open")
    add_page(home, "Черновик", slug="draft", live=False)
    room = add_page(home, "Закрытая", slug="closed")
    PageViewRestriction.objects.create(page=room, restriction_type=PageViewRestriction.LOGIN)

    publish_full()

    sitemap = (live() / "sitemap.xml").read_text()
    feed = (live() / "ru/feed.xml").read_text()
    assert "/ru/open/" in sitemap and "/ru/open/" in feed
    for private in ("/ru/draft/", "/ru/closed/"):
        assert private not in sitemap and private not in feed
