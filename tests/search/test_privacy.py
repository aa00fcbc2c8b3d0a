"""Only what the public site shows can be found: drafts, restricted pages and fields a
template leaves out never enter the index."""

import pytest
from wagtail.models import PageViewRestriction

from search.models import SearchDocument
from tests.factories import add_page, make_site
from tests.publish.helpers import publish_full

from .helpers import body, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(backend, site_dir, morphology):
    return make_site(english=False)["ru"]


def everything_indexed() -> str:
    return " ".join(
        " ".join([d.title, d.lead, d.body, " ".join(d.tags)]) for d in SearchDocument.objects.all()
    )


def assert_nowhere(word):
    assert word not in everything_indexed()
    assert search(word)["total"] == 0


def test_a_page_never_published_is_not_indexed(home):
    add_page(home, "Черновик", slug="draft", live=False, body=body("Секретноеслово"))

    publish_full()

    assert_nowhere("Секретноеслово")


def test_unpublished_changes_of_a_live_page_are_not_indexed(home):
    page = add_page(home, "Конкурс", slug="contest", body=body("Условия конкурса"))
    page.body = body("Победитель Неопубликованныйфамилия")
    page.save_revision()

    publish_full()

    assert search("конкурс")["total"] == 1
    assert_nowhere("Неопубликованныйфамилия")


def test_a_restricted_page_and_its_children_are_not_indexed(home):
    section = add_page(home, "Кабинет", slug="office", body=body("Закрытоеслово"))
    add_page(section, "Контакты", slug="contacts", body=body("Телефонребёнка"))
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="секрет"
    )

    publish_full()

    assert_nowhere("Закрытоеслово")
    assert_nowhere("Телефонребёнка")


def test_pages_under_an_unpublished_section_are_not_indexed(home):
    section = add_page(home, "Раздел", slug="section")
    add_page(section, "Вложенная", slug="inner", body=body("Вложенноеслово"))
    section.unpublish()

    publish_full()

    assert_nowhere("Вложенноеслово")


def test_a_field_the_template_does_not_show_is_not_indexed(home):
    add_page(
        home,
        "Выставка",
        slug="exhibition",
        search_description="Скрытоеполе",
        seo_title="Скрытыйзаголовок",
        body=body("Работы учеников"),
    )

    publish_full()

    assert search("выставка")["total"] == 1
    assert_nowhere("Скрытоеполе")
    assert_nowhere("Скрытыйзаголовок")


def test_navigation_and_listings_of_other_pages_are_not_part_of_a_page_text(home):
    section = add_page(home, "Проекты", slug="projects", body=body("Раздел проектов"))
    add_page(section, "Метеостанция", slug="weather", body=body("Датчики и измерения"))

    publish_full()

    document = SearchDocument.objects.get(page_id=section.pk)
    assert "Метеостанция" not in document.body
    assert search("метеостанция")["total"] == 1
