"""The press centre: tree rules, news and press releases, the Atom feed, the media plan."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from site_content.media_plan.models import (
    MediaContact,
    MediaPlanPage,
    NewsPage,
    PressIndexPage,
)
from site_content.pages.models import HomePage, StandardPage
from tests.factories import make_document, make_image, make_site
from tests.publish.helpers import live, page_html, publish_changes, publish_full

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def add(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_press(home) -> PressIndexPage:
    return add(home, PressIndexPage(title="Пресс-центр", slug="press", lead="Новости для СМИ"))


def make_news(press, title: str, slug: str, date: datetime.date, **fields) -> NewsPage:
    fields.setdefault("lead", f"Лид: {title}")
    return add(press, NewsPage(title=title, slug=slug, date=date, **fields))


def contact(**fields) -> MediaContact:
    values = {
        "name": "Ольга Смирнова",
        "slug": "press-office",
        "role": "пресс-секретарь лицея",
        "email": "press@example.org",
        "phone": "+7 (812) 000-00-00",
        "is_public_adult_contact": True,
    }
    values.update(fields)
    return MediaContact(**values)


class PressTreeRulesTest(WagtailPageTestCase):
    def test_news_and_the_media_plan_live_under_the_press_centre(self):
        self.assertCanCreateAt(PressIndexPage, NewsPage)
        self.assertCanCreateAt(PressIndexPage, MediaPlanPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(HomePage, MediaPlanPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, NewsPage)
        self.assertCanNotCreateAt(PressIndexPage, StandardPage)

    def test_the_press_centre_belongs_directly_under_a_home_page(self):
        self.assertEqual(PressIndexPage.clean_parent_page_models(), [HomePage])
        if "media_plan.PressIndexPage" not in HomePage.subpage_types:
            pytest.skip("HomePage.subpage_types does not list PressIndexPage yet")
        self.assertCanCreateAt(HomePage, PressIndexPage)

    def test_every_press_page_type_declares_its_template(self):
        for model in (PressIndexPage, NewsPage, MediaPlanPage):
            self.assertTrue(model.template.startswith("media_plan/"), model)


def test_a_media_contact_must_be_confirmed_as_a_public_staff_contact():
    with pytest.raises(ValidationError) as caught:
        contact(is_public_adult_contact=False).full_clean()
    assert "is_public_adult_contact" in caught.value.message_dict
    contact().full_clean()


def test_a_media_contact_needs_a_way_to_reach_them_and_a_sane_phone_number():
    with pytest.raises(ValidationError) as caught:
        contact(email="", phone="").full_clean()
    assert "email" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        contact(phone="звоните в школу").full_clean()
    assert "phone" in caught.value.message_dict


def test_an_illustration_needs_its_alternative_text(media_root):
    news = NewsPage(title="Новость", date=datetime.date(2026, 11, 1), image=make_image())
    with pytest.raises(ValidationError) as caught:
        news.clean()
    assert "image_alt" in caught.value.message_dict


def test_news_and_the_media_plan_cannot_take_the_address_of_the_kind_listings():
    for page in (
        NewsPage(title="Новость", slug="kind", date=datetime.date(2026, 11, 1)),
        MediaPlanPage(title="Медиаплан", slug="kind"),
    ):
        with pytest.raises(ValidationError) as caught:
            page.clean()
        assert "slug" in caught.value.message_dict


def test_every_press_page_type_publishes_in_a_strict_build(site_dir, media_root):
    home = make_site()["ru"]
    press = make_press(home)
    office = contact()
    office.save()
    press.media_contacts.add(office)
    press.save_revision().publish()
    kit = make_document("Пресс-релиз")
    news = make_news(
        press,
        "Коворкинг открыт",
        "opened",
        datetime.date(2026, 9, 1),
        kind=NewsPage.KIND_PRESS_RELEASE,
        image=make_image("Открытие"),
        image_alt="Ученики за ноутбуками в коворкинге",
        press_kit=[{"type": "document", "value": {"document": kit.pk, "title": "Текст релиза"}}],
    )
    news.media_contacts.add(office)
    news.save_revision().publish()
    add(
        press,
        MediaPlanPage(
            title="Медиаплан",
            slug="media-plan",
            entries=[
                {
                    "type": "entry",
                    "value": {
                        "date": "2026-09-01",
                        "channel": "Сайт лицея",
                        "topic": "Открытие коворкинга",
                        "status": "published",
                        "page": news.pk,
                    },
                }
            ],
        ),
    )

    result = publish_full(strict=True)

    assert result.broken_links == []
    for path in [
        "ru/press/index.html",
        "ru/press/opened/index.html",
        "ru/press/media-plan/index.html",
        "ru/press/feed.xml",
        "ru/press/kind/news/index.html",
        "ru/press/kind/press-releases/index.html",
    ]:
        assert (live() / path).is_file(), path
    html = page_html("/ru/press/opened/")
    assert "Пресс-релиз" in html
    assert re.search(r'href="/files/\d+/[^"]+\.pdf" download>Текст релиза', html)
    assert 'href="mailto:press@example.org"' in html and "пресс-секретарь лицея" in html
    assert 'alt="Ученики за ноутбуками в коворкинге"' in html
    assert "Ольга Смирнова" in page_html("/ru/press/")


def test_the_press_centre_lists_news_newest_first_and_filters_by_kind(site_dir):
    home = make_site()["ru"]
    press = make_press(home)
    make_news(press, "Старая новость", "old", datetime.date(2025, 3, 1))
    make_news(
        press,
        "Релиз о конференции",
        "release",
        datetime.date(2026, 3, 10),
        kind=NewsPage.KIND_PRESS_RELEASE,
    )
    make_news(press, "Свежая новость", "fresh", datetime.date(2026, 11, 20))

    publish_full(strict=True)
    html = page_html("/ru/press/")
    releases = page_html("/ru/press/kind/press-releases/")
    news_only = page_html("/ru/press/kind/news/")

    assert html.index("Свежая новость") < html.index("Релиз о конференции")
    assert html.index("Релиз о конференции") < html.index("Старая новость")
    assert html.index(">2026<") < html.index(">2025<")
    assert "Релиз о конференции" in releases and "Свежая новость" not in releases
    assert "Свежая новость" in news_only and "Релиз о конференции" not in news_only
    assert 'rel="alternate" type="application/atom+xml" title="Пресс-центр"' in html


def test_the_atom_feed_lists_the_news_newest_first_and_does_not_depend_on_the_clock(site_dir):
    home = make_site()["ru"]
    press = make_press(home)
    make_news(press, "Первая", "first", datetime.date(2026, 1, 15))
    make_news(press, "Третья", "third", datetime.date(2026, 11, 20))
    make_news(press, "Вторая", "second", datetime.date(2026, 6, 1))

    publish_full(strict=True)
    raw = (live() / "ru/press/feed.xml").read_bytes()
    publish_full(strict=True)

    assert (live() / "ru/press/feed.xml").read_bytes() == raw
    feed = ET.fromstring(raw)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Третья", "Вторая", "Первая"]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links[0] == "http://127.0.0.1:8000/ru/press/third/"
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published[0].startswith("2026-11-20T00:00:00+03:00")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert feed.findtext(f"{ATOM}updated") == max(updated)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/ru/press/feed.xml")


def test_an_empty_press_centre_still_publishes_a_valid_feed(site_dir):
    home = make_site()["ru"]
    make_press(home)

    publish_full(strict=True)
    feed = ET.fromstring((live() / "ru/press/feed.xml").read_bytes())

    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated")


def test_publishing_a_news_item_updates_the_listing_and_the_feed(site_dir):
    home = make_site()["ru"]
    press = make_press(home)
    make_news(press, "Первая", "first", datetime.date(2026, 1, 15))
    publish_full(strict=True)

    make_news(press, "Новая", "new", datetime.date(2026, 11, 22))
    publish_changes()

    assert "Новая" in page_html("/ru/press/")
    assert (
        b"<title>\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xb0\xd1\x8f</title>"
        in (live() / "ru/press/feed.xml").read_bytes()
    )


def test_the_media_plan_is_a_table_in_date_order_with_statuses_and_links(site_dir):
    home = make_site()["ru"]
    press = make_press(home)
    news = make_news(press, "Хакатон прошёл", "hackathon", datetime.date(2026, 4, 20))

    def entry(date, channel, topic, status, **extra):
        value = {"date": date, "channel": channel, "topic": topic, "status": status}
        return {"type": "entry", "value": {**value, **extra}}

    add(
        press,
        MediaPlanPage(
            title="Медиаплан",
            slug="media-plan",
            period="2026/27 учебный год",
            entries=[
                entry("2026-12-15", "Телеграм-канал лицея", "Итоги семинара", "planned"),
                entry(
                    "2026-04-20",
                    "Сайт лицея",
                    "Итоги хакатона",
                    "published",
                    page=news.pk,
                    link="https://example.org/article",
                ),
                entry("2026-11-25", "Районная газета", "Интервью о коворкинге", "in_progress"),
            ],
        ),
    )

    publish_full(strict=True)
    html = page_html("/ru/press/media-plan/")
    rows = re.findall(r"<tr class=\"status-(\w+)\">", html)

    assert rows == ["published", "in_progress", "planned"]
    assert html.index("Итоги хакатона") < html.index("Интервью о коворкинге")
    assert 'href="/ru/press/hackathon/"' in html
    assert 'href="https://example.org/article"' in html
    assert "опубликовано" in html and "в работе" in html and "запланировано" in html
    assert "2026/27 учебный год" in html
    assert '<th scope="col">Статус</th>' in html
    assert 'href="/ru/press/media-plan/"' in page_html("/ru/press/")
