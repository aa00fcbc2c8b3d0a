"""`manage.py load_demo_governance`: the open discussion's questionnaire and comment section and
a demo pupil's initiative, made once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cms.comments.models import CommentSection
from cms.initiatives.models import Initiative
from cms.surveys.models import Survey
from cms.surveys.questions import questions_of
from site_content.governance.models import CouncilPage, DiscussionPage
from tests.site_content.test_governance import governance_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def regulation_discussion(site_dir, media_root):
    tree = governance_tree()
    discussion = DiscussionPage.objects.get(pk=tree["discussion"].pk)
    discussion.slug = "coworking-regulation-2026"
    discussion.save_revision().publish()
    council = CouncilPage.objects.get(pk=tree["council"].pk)
    council.initiative_threshold = 10
    council.save_revision().publish()
    call_command("load_demo_people", "--if-any", stdout=open("/dev/null", "w"))
    return discussion


def test_the_demo_gives_the_discussion_its_survey_and_comments_and_the_council_an_initiative(
    regulation_discussion,
):
    call_command("load_demo_governance", stdout=open("/dev/null", "w"))
    call_command("load_demo_governance", stdout=open("/dev/null", "w"))

    survey = Survey.objects.get()
    assert survey.code == "coworking-regulation-2026" and survey.anonymous
    assert [q.kind for q in questions_of(survey) if q.asks] == [
        "single_choice",
        "multiple_choice",
        "scale",
        "long_text",
    ]
    assert survey.closes_at.date() == regulation_discussion.closes_on
    assert CommentSection.objects.get().page_id == regulation_discussion.pk
    initiative = Initiative.objects.get()
    assert initiative.author.email == "student@example.org"
    assert initiative.supports.count() == 1


def test_without_the_discussion_the_demo_makes_nothing(db):
    call_command("load_demo_governance", "--if-any", stdout=open("/dev/null", "w"))

    assert not Survey.objects.exists() and not CommentSection.objects.exists()
