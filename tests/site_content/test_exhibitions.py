"""Virtual exhibitions: the tree, the exhibit rules and the walk-through in the static site."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from site_content.exhibitions.blocks import ExhibitBlock
from site_content.exhibitions.models import (
    ExhibitionHallPage,
    ExhibitionIndexPage,
    ExhibitionPage,
)
from site_content.pages.models import HomePage, StandardPage
from tests.factories import make_document, make_image, make_site
from tests.publish.helpers import live, page_html, publish_changes, publish_full

RUTUBE = "https://rutube.ru/video/0123456789abcdef0123456789abcdef/"


def add(parent: Page, page: Page, *, live: bool = True) -> Page:
    """Put a page under parent and publish it (or leave it a draft)."""
    page.live = live
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def image_exhibit(image, title: str) -> dict:
    return {
        "type": "exhibit",
        "value": {
            "kind": "image",
            "title": title,
            "image": image.pk,
            "alt_text": f"Фотография: {title}",
            "caption": f"{title}, 2024",
            "description": "<p>Описание экспоната.</p>",
            "credit": "Медиацентр лицея",
        },
    }


def video_exhibit(title: str) -> dict:
    return {
        "type": "exhibit",
        "value": {
            "kind": "video",
            "title": title,
            "video_url": RUTUBE,
            "alt_text": "Запись выступления команды",
            "caption": title,
            "credit": "Медиацентр лицея",
        },
    }


def document_exhibit(document, title: str) -> dict:
    return {
        "type": "exhibit",
        "value": {
            "kind": "document",
            "title": title,
            "document": document.pk,
            "alt_text": "Скан первой страницы проекта",
            "caption": title,
            "credit": "Архив лицея",
        },
    }


def build_exhibition(home, *, second_hall_live: bool = True):
    """An exhibition with two halls: three exhibits in the first, two in the second."""
    image = make_image("Макет")
    document = make_document("Паспорт проекта")
    exhibitions = add(
        home, ExhibitionIndexPage(title="Виртуальные выставки", slug="exhibitions", lead="Все")
    )
    exhibition = add(
        exhibitions,
        ExhibitionPage(
            title="Проекты года",
            slug="projects",
            curator="Е. В. Смирнова, учитель информатики",
            start_date=datetime.date(2026, 3, 1),
            cover_image=image,
            cover_alt="Макет умного дома на столе",
        ),
    )
    first = add(
        exhibition,
        ExhibitionHallPage(
            title="Инженерия",
            slug="engineering",
            exhibits=[
                image_exhibit(image, "Умный дом"),
                video_exhibit("Защита проекта"),
                document_exhibit(document, "Паспорт проекта"),
            ],
        ),
    )
    second = add(
        exhibition,
        ExhibitionHallPage(
            title="Исследования",
            slug="research",
            exhibits=[image_exhibit(image, "Почвы парка"), image_exhibit(image, "Птицы города")],
        ),
        live=second_hall_live,
    )
    return exhibitions, exhibition, first, second


def links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<a rel="{rel}" href="([^"]+)"', html)


class ExhibitionTreeRulesTest(WagtailPageTestCase):
    def test_exhibitions_go_under_their_index_and_halls_under_an_exhibition(self):
        self.assertCanCreateAt(ExhibitionIndexPage, ExhibitionPage)
        self.assertCanCreateAt(ExhibitionPage, ExhibitionHallPage)
        self.assertCanNotCreateAt(ExhibitionIndexPage, ExhibitionHallPage)
        self.assertCanNotCreateAt(ExhibitionHallPage, ExhibitionHallPage)
        self.assertCanNotCreateAt(HomePage, ExhibitionPage)
        self.assertCanNotCreateAt(StandardPage, ExhibitionPage)
        self.assertCanNotCreateAt(ExhibitionPage, StandardPage)

    def test_the_exhibition_index_belongs_directly_under_a_home_page(self):
        self.assertEqual(ExhibitionIndexPage.clean_parent_page_models(), [HomePage])
        if "exhibitions.ExhibitionIndexPage" not in HomePage.subpage_types:
            pytest.skip("HomePage.subpage_types does not list ExhibitionIndexPage yet")
        self.assertCanCreateAt(HomePage, ExhibitionIndexPage)

    def test_every_exhibition_page_type_declares_its_template(self):
        for model in (ExhibitionIndexPage, ExhibitionPage, ExhibitionHallPage):
            self.assertTrue(model.template.startswith("exhibitions/"), model)


class ExhibitRulesTest(WagtailPageTestCase):
    def clean(self, **value):
        block = ExhibitBlock()
        raw = {"title": "Экспонат", "alt_text": "Описание", "caption": "Подпись", "credit": "Я"}
        raw.update(value)
        return block.clean(block.to_python(raw))

    def test_an_image_exhibit_needs_its_image(self):
        with self.assertRaises(StructBlockValidationError) as caught:
            self.clean(kind="image")
        self.assertIn("image", caught.exception.block_errors)

    def test_a_video_exhibit_needs_a_link_to_an_allowed_video_host(self):
        with self.assertRaises(StructBlockValidationError) as caught:
            self.clean(kind="video", video_url="https://example.com/clip.mp4")
        self.assertIn("RuTube", str(caught.exception.block_errors["video_url"]))
        with self.assertRaises(StructBlockValidationError) as caught:
            self.clean(kind="video")
        self.assertIn("video_url", caught.exception.block_errors)
        self.assertEqual(self.clean(kind="video", video_url=RUTUBE)["kind"], "video")

    def test_a_document_exhibit_needs_its_document(self):
        with self.assertRaises(StructBlockValidationError) as caught:
            self.clean(kind="document")
        self.assertIn("document", caught.exception.block_errors)

    def test_alt_text_and_credit_are_required(self):
        block = ExhibitBlock()
        self.assertTrue(block.child_blocks["alt_text"].required)
        self.assertTrue(block.child_blocks["credit"].required)


@pytest.mark.django_db
def test_an_exhibition_cannot_close_before_it_opens():
    exhibition = ExhibitionPage(
        title="Выставка",
        slug="x",
        curator="Куратор",
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as caught:
        exhibition.clean()
    assert "end_date" in caught.value.message_dict


@pytest.mark.django_db
def test_every_exhibition_page_and_every_exhibit_publishes_without_broken_links(
    site_dir, media_root
):
    home = make_site()["ru"]
    build_exhibition(home)

    result = publish_full(strict=True)

    assert result.broken_links == []
    for url in [
        "ru/exhibitions/",
        "ru/exhibitions/projects/",
        "ru/exhibitions/projects/engineering/",
        "ru/exhibitions/projects/research/",
    ]:
        assert (live() / url / "index.html").is_file(), url
    for hall, count in (("engineering", 3), ("research", 2)):
        for number in range(1, count + 1):
            path = live() / f"ru/exhibitions/projects/{hall}/exhibit-{number}/index.html"
            assert path.is_file(), path
    assert not (live() / "ru/exhibitions/projects/research/exhibit-3").exists()


@pytest.mark.django_db
def test_the_walk_through_crosses_from_the_last_exhibit_of_a_hall_into_the_next_hall(
    site_dir, media_root
):
    home = make_site()["ru"]
    build_exhibition(home)
    publish_full(strict=True)
    base = "/ru/exhibitions/projects/"

    last_of_first_hall = page_html(f"{base}engineering/exhibit-3/")
    first_of_second_hall = page_html(f"{base}research/exhibit-1/")

    assert links(last_of_first_hall, "next") == [f"{base}research/exhibit-1/"]
    assert links(last_of_first_hall, "prev") == [f"{base}engineering/exhibit-2/"]
    assert links(first_of_second_hall, "prev") == [f"{base}engineering/exhibit-3/"]
    assert links(first_of_second_hall, "next") == [f"{base}research/exhibit-2/"]
    assert "Паспорт проекта" in last_of_first_hall
    assert "3/5" in last_of_first_hall


@pytest.mark.django_db
def test_the_first_exhibit_leads_back_to_the_exhibition_and_the_last_one_ends_the_visit(
    site_dir, media_root
):
    home = make_site()["ru"]
    build_exhibition(home)
    publish_full(strict=True)
    base = "/ru/exhibitions/projects/"

    first = page_html(f"{base}engineering/exhibit-1/")
    last = page_html(f"{base}research/exhibit-2/")

    assert links(first, "prev") == []
    assert f'<a href="{base}">' in first
    assert links(last, "next") == []
    assert "Осмотр окончен" in last
    assert f'<a href="{base}research/">' in last


@pytest.mark.django_db
def test_the_exhibition_lists_its_halls_in_order_and_starts_the_visit_at_the_first_exhibit(
    site_dir, media_root
):
    home = make_site()["ru"]
    build_exhibition(home)
    publish_full(strict=True)

    html = page_html("/ru/exhibitions/projects/")
    hall_overview = page_html("/ru/exhibitions/projects/engineering/")
    index = page_html("/ru/exhibitions/")

    assert html.index("Инженерия") < html.index("Исследования")
    assert 'href="/ru/exhibitions/projects/engineering/exhibit-1/"' in html
    assert "Е. В. Смирнова" in html
    for number in (1, 2, 3):
        assert f'href="/ru/exhibitions/projects/engineering/exhibit-{number}/"' in hall_overview
    assert links(hall_overview, "next") == ["/ru/exhibitions/projects/research/"]
    assert "Проекты года" in index and "Е. В. Смирнова" in index


@pytest.mark.django_db
def test_each_kind_of_exhibit_shows_its_medium_caption_and_credit(site_dir, media_root):
    home = make_site()["ru"]
    build_exhibition(home)
    publish_full(strict=True)
    base = "/ru/exhibitions/projects/engineering/"

    image = page_html(f"{base}exhibit-1/")
    video = page_html(f"{base}exhibit-2/")
    document = page_html(f"{base}exhibit-3/")

    assert 'alt="Фотография: Умный дом"' in image and "© Медиацентр лицея" in image
    assert 'src="https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef"' in video
    assert f'href="{RUTUBE}"' in video
    assert "<details" in video, "the player loads only when the reader asks for it"
    assert re.search(r'href="/files/\d+/[^"]+\.pdf" download', document)
    assert "© Архив лицея" in document


@pytest.mark.django_db
def test_a_hall_that_is_not_published_is_left_out_of_the_walk_through(site_dir, media_root):
    home = make_site()["ru"]
    build_exhibition(home, second_hall_live=False)

    result = publish_full(strict=True)

    last = page_html("/ru/exhibitions/projects/engineering/exhibit-3/")
    assert result.broken_links == []
    assert links(last, "next") == []
    assert "research" not in last


@pytest.mark.django_db
def test_publishing_a_new_hall_updates_the_next_link_of_the_previous_halls_last_exhibit(
    site_dir, media_root
):
    home = make_site()["ru"]
    _, _, _, second = build_exhibition(home, second_hall_live=False)
    publish_full(strict=True)

    second.save_revision().publish()
    publish_changes()

    last = page_html("/ru/exhibitions/projects/engineering/exhibit-3/")
    assert links(last, "next") == ["/ru/exhibitions/projects/research/exhibit-1/"]
