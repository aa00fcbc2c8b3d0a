"""The meetings page is published like the cabinet: one shell for everyone with the meetings
widget wired to the API, linked from the cabinet next to the projects page, and nothing of
anyone's meetings in the built files."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from cms.meetings.models import MeetingsPage
from tests.cms.projects.test_page import add_projects_page
from tests.factories import add_cabinet, make_site
from tests.publish.helpers import all_output_text, page_html, publish_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site_dir):
    homes = make_site(english=False)
    cabinet = add_cabinet(homes["ru"])
    page = MeetingsPage(title="Встречи", slug="meetings")
    cabinet.add_child(instance=page)
    page.save_revision().publish()
    add_projects_page(cabinet)
    return homes


def test_the_meetings_page_mounts_the_widget_with_its_endpoints_and_a_fallback(site):
    publish_full(strict=True)

    soup = BeautifulSoup(page_html("/ru/cabinet/meetings/"), "html.parser")
    [mount] = soup.select('[data-widget="meetings"]')
    assert mount["data-endpoint"] == "/api/meetings"
    assert mount["data-rooms"] == "/api/rooms"
    assert mount["data-lang"] == "ru"
    assert "войдёте" in mount.get_text()


def test_the_cabinet_links_to_the_meetings_page_and_still_to_the_projects_page(site):
    publish_full(strict=True)

    html = page_html("/ru/cabinet/")
    meetings = re.search(
        r'<section[^>]*aria-labelledby="cabinet-meetings".*?</section>', html, re.S
    )
    projects = re.search(
        r'<section[^>]*aria-labelledby="cabinet-projects".*?</section>', html, re.S
    )
    assert 'href="/ru/cabinet/meetings/"' in meetings.group(0)
    assert 'href="/ru/cabinet/projects/"' in projects.group(0)


def test_no_meeting_reaches_the_built_site(site, cast):
    from cms.meetings import services
    from tests.cms.meetings.conftest import soon

    services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Секретная тема", starts_at=soon(),
        participants=[cast["pupil"]],
    )  # fmt: skip
    publish_full(strict=True)

    assert "Секретная тема" not in all_output_text()
