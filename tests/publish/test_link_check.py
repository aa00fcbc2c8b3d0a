"""Every internal href and src of the build must resolve to a file of the build."""

import pytest

from publish.builder import BuildFailed
from tests.factories import add_page, make_site

from .helpers import live, publish_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(site_dir):
    return make_site()["ru"]


def test_a_clean_site_has_no_broken_links(home):
    add_page(
        home,
        "О модели",
        slug="about",
        body=[("rich_text", f'<p><a linktype="page" id="{home.pk}">Домой</a></p>')],
    )

    result = publish_full(strict=True)

    assert result.broken_links == []


def test_a_hand_written_link_to_a_missing_page_is_reported_with_the_page(home):
    add_page(
        home,
        "О модели",
        slug="about",
        body=[("rich_text", '<p><a href="/ru/nowhere/">куда-то</a></p>')],
    )

    result = publish_full()

    assert ("/ru/about/", "/ru/nowhere/") in result.broken_links


def test_links_to_what_django_answers_are_not_broken_but_a_missing_static_file_is(home):
    add_page(
        home,
        "О модели",
        slug="about",
        body=[
            (
                "rich_text",
                '<p><a href="/ru/accounts/login/">войти</a> <a href="/api/me">я</a> '
                '<a href="/static/theme/nothing.css">стиль</a></p>',
            )
        ],
    )

    result = publish_full()

    assert [target for page, target in result.broken_links if page == "/ru/about/"] == [
        "/static/theme/nothing.css"
    ]


def test_strict_mode_fails_the_build_and_keeps_the_previous_live_site(home):
    publish_full()
    before = live()
    add_page(
        home,
        "О модели",
        slug="about",
        body=[("rich_text", '<p><a href="/ru/nowhere/">куда-то</a></p>')],
    )

    with pytest.raises(BuildFailed) as failure:
        publish_full(strict=True)

    assert "broken link on /ru/about/: /ru/nowhere/" in str(failure.value)
    assert live() == before


def test_a_link_to_a_page_that_went_private_loses_its_href(home):
    target = add_page(home, "Событие", slug="event")
    add_page(
        home,
        "Анонс",
        slug="news",
        body=[("rich_text", f'<p><a linktype="page" id="{target.pk}">событие</a></p>')],
    )
    target.unpublish()

    result = publish_full(strict=True)

    assert result.broken_links == []
    assert "<a>событие</a>" in (live() / "ru/news/index.html").read_text()
