"""The widget's mount point the meetings page includes, and the demo meetings command."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from cms.consultations.models import ConsultationHours
from cms.meetings.models import Meeting, RoomKind
from cms.users.choices import RoleChoices
from tests.cms.users.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "next_word"), [("ru", "Следующий"), ("en", "Next")])
def test_the_include_mounts_the_widget_with_its_endpoints_and_words(lang, next_word):
    with translation.override(lang):
        html = render_to_string(
            "consultations/includes/consultations.html", {"LANG": lang}
        ) + render_to_string("consultations/includes/scripts.html")

    soup = BeautifulSoup(html, "html.parser")
    mount = soup.select_one('[data-widget="consultations"]')
    assert mount["data-endpoint"] == "/api/consultations/hours"
    assert mount["data-hosts"] == "/api/consultations/hosts"
    assert mount["data-lang"] == lang
    assert mount["data-msg-next"] == next_word
    assert mount.select_one("noscript")
    assert "widgets/consultations" in soup.select_one("script")["src"]


def test_the_demo_shows_a_tutors_hours_and_a_council_meeting_once(cast):
    from site_content.governance.models import CouncilPage
    from tests.factories import make_site

    home = make_site(english=False)["ru"]
    council = CouncilPage(title="Совет коворкинга", slug="coworking-council", purpose="Решает.")
    home.add_child(instance=council)
    cast["tutor"].email = "tutor@example.org"
    cast["tutor"].save()
    make_person("coordinator", RoleChoices.COORDINATOR, email="coordinator@example.org")

    call_command("load_demo_meetings")
    call_command("load_demo_meetings")

    hours = ConsultationHours.objects.get()
    assert hours.host == cast["tutor"]
    assert hours.slots.count() == 4
    meeting = Meeting.objects.get(room__kind=RoomKind.COUNCIL)
    assert meeting.room.council_id == council.pk
    assert meeting.status == "scheduled"


def test_the_demo_does_nothing_without_the_demo_people(db):
    call_command("load_demo_meetings", "--if-any")

    assert not ConsultationHours.objects.exists()
