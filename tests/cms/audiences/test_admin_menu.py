"""Editors find surveys, votes and comment sections in one «Участие» menu of the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_site, sign_in_editor

pytestmark = pytest.mark.django_db

SCREENS = [
    "wagtailsnippets_surveys_survey:list",
    "wagtailsnippets_votes_vote:list",
    "wagtailsnippets_comments_commentsection:list",
]


def test_one_participation_menu_leads_to_surveys_votes_and_comment_sections(client):
    make_site(english=False)
    sign_in_editor(client)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert dashboard.count('"label": "\\u0423\\u0447\\u0430\\u0441\\u0442\\u0438\\u0435"') == 1
    for name in SCREENS:
        url = reverse(name)
        assert url in dashboard.replace("\\/", "/"), name
        assert client.get(url).status_code == 200, name
        add = reverse(name.replace(":list", ":add"))
        form = client.get(add)
        assert form.status_code == 200, add
        assert "audience_grades" in form.content.decode(), add


def test_the_survey_list_counts_answers_and_links_the_downloads(client):
    from cms.surveys.services import response_save
    from tests.cms.surveys.conftest import make_parent
    from tests.cms.surveys.factories import GOOD, make_survey

    make_site(english=False)
    survey = make_survey()
    for i in range(2):
        response_save(survey=survey, person=make_parent(f"p{i}"), answers=GOOD)
    sign_in_editor(client)

    listing = client.get(reverse("wagtailsnippets_surveys_survey:list")).content.decode()

    assert survey.title in listing
    assert reverse("api:survey-export-xlsx", args=[survey.code]) in listing
    assert ">2<" in listing.replace(" ", "").replace("\n", "")
