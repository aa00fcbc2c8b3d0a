"""Deleting an image or a document, or creating an alias, updates the live site like any edit.

An editor who deletes a file in Wagtail expects the pages that offered it to stop offering it,
the file to leave the public site, and later edits to keep going live; a build that meets a
page still pointing at a deleted file leaves that file out and says which page it was.
"""

import contextlib
import datetime
import logging
import os
import re

import pytest
from django.urls import reverse

from publish.builder import BuildFailed
from site_content.media_plan.models import NewsPage, PressIndexPage
from tests.factories import add_page, make_document, make_image, make_site

from .helpers import differing_from_a_full_build, live, page_html, publish_changes, publish_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site_dir, media_root):
    homes = make_site(english=False)
    about = add_page(homes["ru"], "О модели", slug="about")
    return {"home": homes["ru"], "about": about}


@pytest.fixture
def publish_on_change(settings, django_capture_on_commit_callbacks):
    """Within the block, editors' actions publish as in production: after their transaction
    commits. Outside it nothing publishes, so the test sets up its pages undisturbed."""

    @contextlib.contextmanager
    def committed():
        settings.PUBLISH_ON_CHANGE = True
        with django_capture_on_commit_callbacks(execute=True):
            yield
        settings.PUBLISH_ON_CHANGE = False

    return committed


def image_block(image):
    return (
        "image",
        {"image": image, "alt_text": "Ученики за работой", "caption": "", "credit": "Лицей"},
    )


def published_files(folder: str) -> list[str]:
    root = live() / folder
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_deleting_a_document_takes_its_download_link_and_file_off_the_live_site(
    site, publish_on_change, tmp_path
):
    document = make_document("Программа конференции", b"%PDF-1.4 programme")
    add_page(
        site["about"],
        "Конференция",
        slug="conference",
        body=[
            ("rich_text", "<p>Приходите в мае.</p>"),
            ("document", {"document": document, "title": ""}),
        ],
    )
    publish_full()
    assert published_files("files")

    with publish_on_change():
        document.delete()

    html = page_html("/ru/about/conference/")
    assert "Приходите в мае." in html
    assert "Программа конференции" not in html and "/files/" not in html
    assert published_files("files") == []
    assert differing_from_a_full_build(tmp_path) == []


def test_deleting_an_image_takes_it_off_the_pages_that_showed_it_and_off_the_live_site(
    site, publish_on_change, tmp_path
):
    image = make_image("Зона тишины")
    add_page(
        site["about"],
        "Фотографии",
        slug="photos",
        body=[("rich_text", "<p>Так выглядит зона.</p>"), image_block(image)],
    )
    publish_full()
    assert published_files("images")

    with publish_on_change():
        image.delete()

    html = page_html("/ru/about/photos/")
    assert "Так выглядит зона." in html
    assert "<picture" not in html and "<figure" not in html and "/images/" not in html
    assert published_files("images") == []
    assert differing_from_a_full_build(tmp_path) == []


def test_deleting_a_news_illustration_takes_it_off_the_news_page(site, publish_on_change, tmp_path):
    image = make_image("Открытие коворкинга")
    press = PressIndexPage(title="Пресс-центр", slug="press")
    site["home"].add_child(instance=press)
    press.save_revision().publish()
    news = NewsPage(
        title="Коворкинг открыт",
        slug="opening",
        date=datetime.date(2025, 9, 1),
        image=image,
        image_alt="Ученики у входа",
    )
    press.add_child(instance=news)
    news.save_revision().publish()
    publish_full()
    assert 'alt="Ученики у входа"' in page_html("/ru/press/opening/")

    with publish_on_change():
        image.delete()

    html = page_html("/ru/press/opening/")
    assert "Коворкинг открыт" in html
    assert "<picture" not in html and "/images/" not in html
    assert published_files("images") == []
    assert differing_from_a_full_build(tmp_path) == []


def test_a_document_link_in_text_keeps_its_words_but_loses_its_address_when_the_document_goes(
    site, publish_on_change, caplog
):
    document = make_document("Положение о коворкинге")
    page = add_page(
        site["about"],
        "Правила",
        slug="rules",
        body=[
            (
                "rich_text",
                f'<p>Читайте <a linktype="document" id="{document.pk}">положение</a>.</p>',
            )
        ],
    )
    publish_full()
    assert "/files/" in page_html("/ru/about/rules/")

    document_id = document.pk
    with caplog.at_level(logging.WARNING, logger="publish"), publish_on_change():
        document.delete()

    html = page_html("/ru/about/rules/")
    assert "Читайте <a>положение</a>." in html
    assert published_files("files") == []
    assert f"page «Правила» (id {page.pk}, /ru/about/rules/)" in caplog.text
    assert f"document id {document_id} was deleted" in caplog.text


def test_an_editor_deleting_a_document_in_the_admin_updates_the_live_site(
    site, publish_on_change, admin_client
):
    document = make_document("Расписание")
    add_page(
        site["about"],
        "Расписание",
        slug="timetable",
        body=[("document", {"document": document, "title": ""})],
    )
    publish_full()

    with publish_on_change():
        response = admin_client.post(reverse("wagtaildocs:delete", args=[document.pk]))

    assert response.status_code == 302
    assert "/files/" not in page_html("/ru/about/timetable/")
    assert published_files("files") == []


def test_an_editor_deleting_an_image_in_the_admin_updates_the_live_site(
    site, publish_on_change, admin_client
):
    image = make_image("Мастерская")
    add_page(site["about"], "Мастерская", slug="workshop", body=[image_block(image)])
    publish_full()

    with publish_on_change():
        response = admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))

    assert response.status_code == 302
    assert "<picture" not in page_html("/ru/about/workshop/")
    assert published_files("images") == []


def test_later_edits_go_live_after_a_used_document_was_deleted_without_publishing(
    site, django_capture_on_commit_callbacks
):
    document = make_document("Буклет")
    add_page(
        site["about"],
        "Буклет",
        slug="booklet",
        body=[("document", {"document": document, "title": ""})],
    )
    publish_full()
    # Deleted from a shell or a script, where nothing publishes; Wagtail still removes the file.
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()

    site["about"].title = "О коворкинге"
    site["about"].save_revision().publish()
    publish_changes()

    assert "О коворкинге" in page_html("/ru/about/")
    assert "/files/" not in page_html("/ru/about/booklet/")
    assert published_files("files") == []


def test_a_full_build_leaves_out_a_deleted_image_and_names_the_page_in_a_warning(
    site, django_capture_on_commit_callbacks
):
    image = make_image("Зал")
    document = make_document("Схема зала")
    page = add_page(
        site["about"],
        "Зал",
        slug="hall",
        body=[image_block(image), ("document", {"document": document, "title": "Схема"})],
    )
    image_id, document_id = image.pk, document.pk
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
        document.delete()

    result = publish_full()

    html = page_html("/ru/about/hall/")
    assert "<figure" not in html and "<picture" not in html
    assert "Схема" not in html and "block-document" not in html
    warnings = "\n".join(result.warnings)
    assert f"page «Зал» (id {page.pk}, /ru/about/hall/)" in warnings
    assert f"image id {image_id} was deleted" in warnings
    assert f"document id {document_id} was deleted" in warnings


def test_creating_an_alias_publishes_it(site, publish_on_change, tmp_path):
    publish_full()

    with publish_on_change():
        site["about"].create_alias(parent=site["home"], update_slug="about-copy")

    assert "О модели" in page_html("/ru/about-copy/")
    assert differing_from_a_full_build(tmp_path) == []


def test_a_document_file_lost_from_disk_does_not_hold_back_other_pages(site):
    document = make_document("Отчёт", b"%PDF-1.4 report")
    add_page(
        site["about"],
        "Отчёт",
        slug="report",
        body=[("document", {"document": document, "title": ""})],
    )
    events = add_page(site["home"], "События", slug="events", lead="Календарь лицея")
    publish_full()
    os.remove(document.file.path)

    events.refresh_from_db()
    events.body = [("rich_text", "<p>Весенняя конференция</p>")]
    events.save_revision().publish()
    result = publish_changes()

    assert "Весенняя конференция" in page_html("/ru/events/")
    # The page that offers the document was not re-rendered: its published copy stays.
    link = re.search(r'href="(/files/[^"]+)"', page_html("/ru/about/report/")).group(1)
    assert (live() / link.lstrip("/")).read_bytes() == b"%PDF-1.4 report"
    assert any(
        document.file.name in warning and "re-upload" in warning for warning in result.warnings
    )


def test_a_page_whose_document_file_is_lost_from_disk_still_fails_its_build(site):
    document = make_document("Отчёт")
    add_page(
        site["about"],
        "Отчёт",
        slug="report",
        body=[("document", {"document": document, "title": ""})],
    )
    os.remove(document.file.path)

    with pytest.raises(BuildFailed) as failure:
        publish_full()

    assert "«Отчёт»" in str(failure.value) and "re-upload" in str(failure.value)
