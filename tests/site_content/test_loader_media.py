"""The loader's images and documents: drawn here, the same bytes every time, created once."""

from __future__ import annotations

import hashlib
import io
import textwrap

import pytest
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from site_content.loader import (
    ContentError,
    catalogues,
    content_load,
    content_read,
    document_pdf,
    image_png,
)
from site_content.pages.models import HomePage
from tests.factories import add_page
from tests.site_content.test_loader import BASE, page_at, where, write

pytestmark = pytest.mark.django_db

IMAGES = """\
- key: hero
  title: Коворкинг
  alt: Надпись «Коворкинг» на синем фоне
  credit: Фото лицея
  consent: on_file
  draw: {size: [320, 200], background: ["#1d3557", "#457b9d"], text: Коворкинг}
- key: plain
  title: Открытая зона
  draw: {size: [200, 100], background: "#e9c46a"}
"""

DOCUMENTS = """\
- key: regulation
  title: Положение о коворкинг-пространстве
  file: polozhenie.pdf
  text: |
    1. Общие положения.

    Коворкинг-пространство — часть цифровой образовательной среды лицея.
"""

ABOUT_WITH_MEDIA = """\
---
title: О модели
body:
  - type: image
    value: {image: hero, alt_text: Обложка, credit: Фото лицея}
  - type: document
    value: {document: regulation, title: Положение}
---
"""


@pytest.fixture
def content(tmp_path, media_root):
    return write(
        tmp_path / "content",
        {**BASE, "images.yaml": IMAGES, "documents.yaml": DOCUMENTS},
    )


def images():
    return get_image_model().objects.order_by("title")


def stored_bytes(obj) -> bytes:
    with obj.file.open("rb") as f:
        return f.read()


def test_an_image_is_drawn_from_its_description_with_the_same_bytes_every_time():
    draw = {"size": [320, 200], "background": ["#1d3557", "#457b9d"], "text": "Коворкинг"}

    first, second = image_png(draw), image_png(dict(draw))

    assert first == second
    picture = PILImage.open(io.BytesIO(first))
    assert (picture.format, picture.size) == ("PNG", (320, 200))
    # A gradient: the top row is the first colour, the bottom row close to the second.
    assert picture.getpixel((0, 0)) == (0x1D, 0x35, 0x57)
    assert picture.getpixel((0, 199)) == (0x45, 0x7B, 0x9D)
    assert image_png({**draw, "text": "Другое"}) != first


def test_images_are_created_once_with_their_fields_and_found_again_by_key(content):
    report = content_load(root=content)

    hero = images().get(title="Коворкинг")
    assert (hero.credit, hero.consent) == ("Фото лицея", "on_file")
    assert hero.description == "Надпись «Коворкинг» на синем фоне"
    assert (hero.width, hero.height) == (320, 200)
    assert stored_bytes(hero) == image_png(
        {"size": [320, 200], "background": ["#1d3557", "#457b9d"], "text": "Коворкинг"}
    )
    assert hero.file_hash == hashlib.sha1(stored_bytes(hero)).hexdigest()
    assert report.counts("images") == {"created": 2, "updated": 0, "unchanged": 0}

    again = content_load(root=content)

    assert images().count() == 2
    assert again.counts("images") == {"created": 0, "updated": 0, "unchanged": 2}


def test_changing_the_drawing_replaces_the_file_of_the_same_image(content):
    content_load(root=content)
    hero = images().get(title="Коворкинг")
    write(content, {"images.yaml": IMAGES.replace("text: Коворкинг", "text: Лицей")})

    report = content_load(root=content)

    redrawn = images().get(title="Коворкинг")
    assert redrawn.pk == hero.pk and images().count() == 2
    assert redrawn.file_hash != hero.file_hash
    assert report.labels("images", "updated") == ["hero"]


def test_changing_only_the_title_keeps_the_file(content):
    content_load(root=content)
    hero = images().get(title="Коворкинг")
    write(content, {"images.yaml": IMAGES.replace("title: Коворкинг", "title: Обложка")})

    content_load(root=content)

    renamed = get_image_model().objects.get(pk=hero.pk)
    assert renamed.title == "Обложка"
    assert renamed.file.name == hero.file.name


def test_an_image_whose_file_went_missing_is_drawn_again(content):
    content_load(root=content)
    hero = images().get(title="Коворкинг")
    hero.file.storage.delete(hero.file.name)

    report = content_load(root=content)

    hero = images().get(title="Коворкинг")
    assert hero.file.storage.exists(hero.file.name)
    assert report.labels("images", "updated") == ["hero"]


def test_entries_in_images_d_are_loaded_after_images_yaml(content):
    write(
        content,
        {
            "images.d/events.yaml": textwrap.dedent(
                """\
                - key: hackathon
                  title: Хакатон
                  draw: {size: [100, 100], background: "#000", text: Хакатон}
                """
            )
        },
    )

    report = content_load(root=content)

    assert report.labels("images", "created") == ["hero", "plain", "hackathon"]


def test_a_key_defined_in_two_files_is_a_problem_naming_both(content):
    write(
        content,
        {
            "images.d/zones.yaml": "- key: hero\n  title: Другая\n  draw: {background: '#fff'}\n",
        },
    )

    with pytest.raises(ContentError) as raised:
        content_read(root=content)

    [problem] = raised.value.problems
    assert str(problem) == (
        f"{where(content, 'images.d/zones.yaml', 1)}: the key 'hero' is also defined in "
        f"{where(content, 'images.yaml', 1)}"
    )


@pytest.mark.parametrize(
    "entry, line, reason",
    [
        ("- key: x\n  draw: {background: '#fff'}\n", 1, "'title' is required for an image"),
        ("- key: x\n  title: X\n", 1, "'draw' is required"),
        ("- title: X\n  draw: {}\n", 1, "each entry needs a 'key'"),
        ("- key: x\n  title: X\n  draw: {size: 300}\n", 3, "'size' must be [width, height]"),
        (
            "- key: x\n  title: X\n  draw:\n    background: blue\n",
            4,
            "'background' must be a colour",
        ),
        ("- key: x\n  title: X\n  consent: maybe\n  draw: {}\n", 3, "'consent' must be one of"),
        ("- key: x\n  title: X\n  colour: red\n  draw: {}\n", 3, "unknown key 'colour'"),
    ],
    ids=["no-title", "no-draw", "no-key", "bad-size", "bad-background", "bad-consent", "typo"],
)
def test_a_bad_image_entry_is_reported_with_its_line_and_nothing_is_written(
    content, entry, line, reason
):
    write(content, {"images.yaml": entry})

    with pytest.raises(ContentError) as raised:
        content_load(root=content)

    messages = [str(p) for p in raised.value.problems]
    assert any(
        m.startswith(f"{where(content, 'images.yaml', line)}: ") and reason in m for m in messages
    ), messages
    assert images().count() == 0


def test_an_entry_key_the_image_model_has_no_field_for_is_ignored_with_a_warning(
    content, monkeypatch
):
    monkeypatch.setitem(catalogues.IMAGE_FIELD_ALIASES, "credit", ("photographer",))

    loaded = content_read(root=content)

    [warning] = loaded.warnings
    assert str(warning) == (
        f"{where(content, 'images.yaml', 4)}: the image model has no field for 'credit'; "
        "the value is ignored"
    )
    content_load(root=content)
    assert images().get(title="Коворкинг").credit == ""


def test_a_page_block_names_images_and_documents_by_their_keys(content):
    write(content, {"ru/about.md": ABOUT_WITH_MEDIA})

    content_load(root=content)

    hero = images().get(title="Коворкинг")
    regulation = get_document_model().objects.get()
    blocks = [(b["type"], b["value"]) for b in page_at("/ru/about/").body.raw_data]
    assert blocks == [
        ("image", {"image": hero.pk, "alt_text": "Обложка", "credit": "Фото лицея"}),
        ("document", {"document": regulation.pk, "title": "Положение"}),
    ]
    assert content_load(root=content).updated == []


def test_an_unknown_image_or_document_key_is_reported_with_its_line(content):
    write(
        content,
        {"ru/about.md": ABOUT_WITH_MEDIA.replace("hero", "heros").replace("regulation", "rules")},
    )

    with pytest.raises(ContentError) as raised:
        content_read(root=content)

    assert [str(p) for p in raised.value.problems] == [
        f"{where(content, 'ru/about.md', 5)}: body: image: image: no image has the key 'heros' "
        "in images.yaml (did you mean 'hero'?)",
        f"{where(content, 'ru/about.md', 7)}: body: document: document: no document has the key "
        "'rules' in documents.yaml",
    ]


def test_a_document_is_a_pdf_with_the_same_bytes_every_time():
    first = document_pdf("Положение", "Первый абзац.\n\nВторой абзац.")

    assert first.startswith(b"%PDF-")
    assert first == document_pdf("Положение", "Первый абзац.\n\nВторой абзац.")
    assert first != document_pdf("Положение", "Другой текст.")


def test_a_long_document_runs_onto_more_pages():
    short = document_pdf("Отчёт", "Строка.")
    long = document_pdf("Отчёт", "\n\n".join(["Абзац отчёта о работе пространства."] * 80))

    assert short.count(b"/Type /Page\n") == 1
    assert long.count(b"/Type /Page\n") > 1


def test_documents_are_created_once_with_their_file_name(content):
    report = content_load(root=content)

    document = get_document_model().objects.get()
    assert document.title == "Положение о коворкинг-пространстве"
    assert document.file.name.endswith("polozhenie.pdf")
    assert stored_bytes(document) == document_pdf(
        "Положение о коворкинг-пространстве",
        "1. Общие положения.\n\nКоворкинг-пространство — часть цифровой образовательной среды "
        "лицея.\n",
    )
    assert report.counts("documents")["created"] == 1
    assert content_load(root=content).counts("documents") == {
        "created": 0,
        "updated": 0,
        "unchanged": 1,
    }
    assert get_document_model().objects.count() == 1


@pytest.mark.parametrize(
    "file_name", ["polozhenie.doc", "положение.pdf", "../polozhenie.pdf"], ids=str
)
def test_a_document_file_name_must_be_a_latin_pdf_name(content, file_name):
    write(content, {"documents.yaml": DOCUMENTS.replace("polozhenie.pdf", file_name)})

    with pytest.raises(ContentError) as raised:
        content_read(root=content)

    assert "'file' must be a file name" in str(raised.value)


def test_files_drawn_by_a_load_that_fails_while_writing_are_removed(content, media_root):
    # An editor's English page sits where the translation of /ru/about/ must go.
    ru = Locale.objects.get(language_code="ru")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage.get_first_root_node().add_child(
        instance=HomePage(title="Главная", slug="ru", locale=ru)
    )
    add_page(home.copy_for_translation(en), "Editors' about", slug="about")

    with pytest.raises(ContentError):
        content_load(root=content)

    assert images().count() == 0
    assert not [p for p in media_root.rglob("*") if p.is_file()]
