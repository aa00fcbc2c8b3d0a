"""A full build reads what many pages share once, and what it read never outlives the build."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publish.builder import SiteBuilder
from site_content.legal.subsections import SUBSECTIONS
from tests.publish.helpers import page_html, publish_changes, publish_full

from .test_legal import fill_in_school_data, legal_section
from .test_library import add_item, make_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site_dir, media_root):
    return make_library()


class RecordingBuilder(SiteBuilder):
    """A full build that keeps the queries made while rendering pages (not those of the
    search index update that follows a publish)."""

    def _render_pages(self, *args, **kwargs):
        with CaptureQueriesContext(connection) as self.queries:
            return super()._render_pages(*args, **kwargs)


def queries_touching(table_pattern: str) -> int:
    """Queries made rendering a full build whose SQL names a table matching the pattern."""
    builder = RecordingBuilder(progress=False, strict=True)
    builder.build_full()
    return sum(1 for q in builder.queries.captured_queries if re.search(table_pattern, q["sql"]))


def test_library_items_read_terms_and_tags_in_the_same_queries_however_many_there_are(library):
    before = queries_touching(r'"(taxonomy_\w+|taggit_tag|library_libraryitemtag)"')
    terms = library["terms"]
    for number in range(8):
        add_item(
            library["library"],
            f"Сборник задач {number}",
            slug=f"sbornik-{number}",
            subjects=[terms["mathematics"]],
            grades=[terms["10"]],
            tags=[f"Тема {number}"],
        )

    after = queries_touching(r'"(taxonomy_\w+|taggit_tag|library_libraryitemtag)"')

    assert after == before


def test_a_term_renamed_after_a_build_shows_its_new_name_in_the_next_build(library):
    publish_full(strict=True)
    assert ">Информатика<" in page_html("/ru/library/osnovy/")
    informatics = library["terms"]["informatics"]
    informatics.name = "Информатика и ИКТ"
    informatics.save()

    publish_full(strict=True)

    assert ">Информатика и ИКТ<" in page_html("/ru/library/osnovy/")


def test_a_retitled_item_shows_its_new_title_on_the_index_and_on_each_of_its_filter_pages(
    library,
):
    publish_full(strict=True)
    item = library["items"]["book"]
    item.title = "Основы проектной деятельности, 2-е издание"
    item.save_revision().publish()

    publish_changes()

    for url in (
        "/ru/library/",
        "/ru/library/subject/informatics/",
        "/ru/library/grade/9/",
        "/ru/library/tag/proektnaya-deyatelnost/",
    ):
        assert "Основы проектной деятельности, 2-е издание</a>" in page_html(url), url


def test_the_fourteen_legal_subsections_are_built_from_one_read_of_the_school_data(
    site_dir, media_root
):
    legal_section()
    fill_in_school_data()

    staff_reads = queries_touching(r'FROM "legal_staffmember"')

    assert len(SUBSECTIONS) == 14
    assert staff_reads == 1
    assert "Иванова Ирина Ивановна" in page_html("/ru/sveden/managers/")
