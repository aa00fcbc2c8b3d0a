"""The votes in the admin: editors list them with the count once done; no screen anywhere
shows ballots or who voted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.users.choices import RoleChoices
from cms.votes.services import ballot_cast, vote_count
from tests.cms.users.conftest import make_person
from tests.factories import make_site, sign_in_editor

from .conftest import close, make_vote

pytestmark = pytest.mark.django_db


def test_editors_see_votes_with_their_turnout_and_result_but_never_a_ballot(client):
    make_site(english=False)
    pupil = make_person("pupil", RoleChoices.STUDENT, school_class="9А")
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], quorum_percent=0)
    ballot_cast(vote=vote, person=pupil, option=vote.options.get(label="Против"))
    vote_count(vote=close(vote))
    sign_in_editor(client)

    listing = client.get(reverse("wagtailsnippets_votes_vote:list"))
    inspect = client.get(reverse("wagtailsnippets_votes_vote:inspect", args=[vote.pk]))
    add = client.get(reverse("wagtailsnippets_votes_vote:add"))

    assert listing.status_code == inspect.status_code == add.status_code == 200
    text = listing.content.decode()
    assert vote.title in text and "1 / 1" in text and "Против" in text
    assert "pupil" not in inspect.content.decode()
    assert client.get("/admin/snippets/votes/ballot/", follow=True).status_code == 404
    assert client.get("/admin/snippets/votes/votermark/", follow=True).status_code == 404
