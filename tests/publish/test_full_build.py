from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from publish.builder import SiteBuilder
from publish.swap import live_dir
from tests.factories import add_page, make_document, make_image, make_site, translate

pytestmark = pytest.mark.django_db


def build() -> Path:
    SiteBuilder(progress=False).build_full()
    return live_dir(Path(__import__("django.conf").conf.settings.SITE_DIR))


def test_every_live_page_of_every_language_is_written_at_its_url(site_dir):
    homes = make_site()
    about = add_page(homes["ru"], "О модели", slug="about")
    add_page(about, "Зоны", slug="zones")
    translate(about, "en", "About")

    live = build()

    for url in ["ru/", "ru/about/", "ru/about/zones/", "en/", "en/about/"]:
        assert (live / url / "index.html").is_file(), url
    assert "<h1>О модели</h1>" in (live / "ru/about/index.html").read_text()
    assert "<h1>About</h1>" in (live / "en/about/index.html").read_text()


def test_a_build_reads_the_images_and_documents_of_a_batch_of_pages_in_one_query_each(site_dir):
    homes = make_site(english=False)
    images = [make_image(f"Фото {i}", size=(600 + 10 * i, 400)) for i in range(3)]
    document = make_document("Устав")
    for number in range(12):
        image = images[number % 3]
        add_page(
            homes["ru"],
            f"Страница {number}",
            slug=f"p{number}",
            body=[
                ("image", {"image": image, "alt_text": "Фото", "caption": "", "credit": ""}),
                (
                    "gallery",
                    {
                        "title": "",
                        "images": [
                            {"image": images[0], "alt_text": "Ещё", "caption": "", "credit": ""}
                        ],
                    },
                ),
                ("document", {"document": document, "title": "Устав лицея"}),
            ],
        )

    with CaptureQueriesContext(connection) as queries:
        live = build()

    image_table = get_image_model()._meta.db_table
    document_table = get_document_model()._meta.db_table
    sql = [q["sql"] for q in queries.captured_queries]
    by_id = [f'FROM "{table}" WHERE "{table}"."id"' for table in (image_table, document_table)]
    assert len([s for s in sql if by_id[0] in s]) == 1
    assert len([s for s in sql if by_id[1] in s]) == 1
    html = (live / "ru/p7/index.html").read_text()
    assert "<picture>" in html
    assert f"/files/{document.pk}/" in html
