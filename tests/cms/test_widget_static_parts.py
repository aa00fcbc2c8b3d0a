"""A widget's static part: what its app bakes into the published page, re-published alone when
it changes (a survey's results after the close, a vote's count)."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from cms.core import widgets
from publish.models import PublishRequest
from site_content.pages.models import HomePage
from tests.factories import add_page, make_site
from tests.publish.helpers import page_html, publish_changes, publish_full

pytestmark = pytest.mark.django_db


def _widget(reference: str) -> str:
    return json.dumps(
        [
            {
                "type": "widget",
                "value": {
                    "kind": "room_request",
                    "title": "Заявка на зал",
                    "reference": reference,
                    "fallback": "<p>Пишите на hall@school.example.</p>",
                },
            }
        ]
    )


@pytest.fixture
def hall_status(monkeypatch):
    """The room-request kind with a static part telling how many requests a hall has."""
    shown = {"hall-1": "<p class='hall-status'>Заявок: 3</p>"}
    monkeypatch.setitem(widgets._parts, "room_request", lambda ref, lang: shown.get(ref, ""))
    return shown


def test_the_static_part_stands_inside_the_mount_point_above_the_fallback(
    site_dir, media_root, hall_status
):
    make_site(english=False)
    home = HomePage.objects.get(locale__language_code="ru")
    add_page(home, "Зал", slug="hall", body=_widget("hall-1"))

    publish_full(strict=True)

    mount = BeautifulSoup(page_html("/ru/hall/"), "html.parser").select_one(".block-widget")
    assert mount["data-widget"] == "room-request"
    assert mount.select_one(".hall-status").get_text() == "Заявок: 3"
    assert mount.select_one(".hall-status").find_next(class_="widget-fallback") is not None


def test_a_reference_with_nothing_to_show_keeps_only_the_fallback(
    site_dir, media_root, hall_status
):
    make_site(english=False)
    home = HomePage.objects.get(locale__language_code="ru")
    add_page(home, "Другой зал", slug="other-hall", body=_widget("hall-2"))

    publish_full(strict=True)

    mount = BeautifulSoup(page_html("/ru/other-hall/"), "html.parser").select_one(".block-widget")
    assert mount.select_one(".hall-status") is None
    assert "hall@school.example" in mount.get_text()


def test_a_changed_part_republishes_only_the_pages_that_show_it(
    site_dir, media_root, hall_status, settings, django_capture_on_commit_callbacks
):
    make_site(english=False)
    home = HomePage.objects.get(locale__language_code="ru")
    add_page(home, "Зал", slug="hall", body=_widget("hall-1"))
    add_page(home, "Другой зал", slug="other-hall", body=_widget("hall-2"))
    publish_full(strict=True)
    other_before = page_html("/ru/other-hall/")

    hall_status["hall-1"] = "<p class='hall-status'>Заявок: 4</p>"
    settings.PUBLISH_ON_CHANGE = True
    with django_capture_on_commit_callbacks():
        widgets.widget_changed("room_request", "hall-1")
    request = PublishRequest.objects.get()
    result = publish_changes(extra_keys=set(request.keys))

    assert result.rendered == 1
    assert "Заявок: 4" in page_html("/ru/hall/")
    assert page_html("/ru/other-hall/") == other_before


def test_saving_a_survey_or_a_vote_asks_for_the_pages_that_show_it_not_the_whole_site(
    settings, django_capture_on_commit_callbacks
):
    from tests.cms.surveys.factories import make_survey
    from tests.cms.votes.conftest import make_vote

    settings.PUBLISH_ON_CHANGE = True
    with django_capture_on_commit_callbacks():
        make_survey("school-canteen")
        make_vote(code="quiet-hour", audience_public=True)

    requests = list(PublishRequest.objects.all())
    assert [r.full for r in requests] == [False]
    assert set(requests[0].keys) >= {"widget:survey:school-canteen", "widget:voting:quiet-hour"}
