"""The published page of a discussion with a vote: before the count the widget alone (no
numbers); after the count and the next publication, the results table with the turnout and
the quorum, in the page's language, the same for every reader."""

from __future__ import annotations

import datetime

import pytest

from cms.users.choices import RoleChoices
from cms.votes.services import ballot_cast, vote_count
from publish.models import PublishRequest
from tests.publish.helpers import page_html, publish_changes, publish_full

from .conftest import close, make_vote

pytestmark = pytest.mark.django_db


def discussion_with_vote(code: str):
    from site_content.governance.models import DiscussionPage, GovernanceIndexPage
    from tests.factories import make_site

    home = make_site(english=False)["ru"]
    index = GovernanceIndexPage(title="Управление", slug="governance", lead="Кто решает")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = DiscussionPage(
        title="Тихий час",
        slug="quiet-hour",
        lead="Решаем вместе",
        status="open",
        opens_on=datetime.date(2025, 3, 1),
        closes_on=datetime.date(2025, 3, 31),
        participation=[
            (
                "widget",
                {
                    "kind": "voting",
                    "title": "Голосование",
                    "reference": code,
                    "fallback": "<p>Голосовать можно на сайте с учётной записью.</p>",
                },
            )
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_results_reach_the_page_only_after_the_count(
    site_dir, media_root, roster, settings, django_capture_on_commit_callbacks
):
    vote = make_vote("quiet", audience_roles=[RoleChoices.STUDENT], audience_grades="9")
    discussion_with_vote("quiet")
    ballot_cast(vote=vote, person=roster["anna"], option=vote.options.get(label="За"))
    ballot_cast(vote=vote, person=roster["vera"], option=vote.options.get(label="За"))

    publish_full(strict=True)
    before = page_html("/ru/governance/quiet-hour/")
    assert 'data-widget="voting"' in before
    assert 'data-endpoint="/api/votes"' in before
    assert "widgets/voting" in before
    assert "Итоги голосования" in before  # the widget's words only …
    assert "voting-table" not in before  # … no numbers

    settings.PUBLISH_ON_CHANGE = True
    with django_capture_on_commit_callbacks():
        vote_count(vote=close(vote))
    # The vote is a snippet: its save asks for a full build, which covers the part too.
    request = PublishRequest.objects.get()
    assert request.full or "widget:voting:quiet" in request.keys
    assert publish_changes(extra_keys={"widget:voting:quiet"}).rendered >= 1

    after = page_html("/ru/governance/quiet-hour/")
    assert "voting-table" in after
    assert "Проголосовали 2 из 3." in after
    assert "Кворум (50%) есть." in after
    assert "Принято: «За»." in after
    assert "anna" not in after and "Анна" not in after
