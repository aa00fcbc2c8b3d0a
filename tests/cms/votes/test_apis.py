"""The voting widget's API as a voter uses it."""

from __future__ import annotations

import pytest

from cms.users.choices import RoleChoices
from cms.votes.models import Ballot

from .conftest import close, make_vote

pytestmark = pytest.mark.django_db


def post_ballot(client, person, code, option_id):
    client.force_login(person)
    return client.post(
        f"/api/votes/{code}/ballots", {"option_id": option_id}, content_type="application/json"
    )


def test_a_pupil_votes_gets_a_receipt_once_and_sees_that_they_voted(client, roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], audience_grades="9")
    yes = vote.options.get(label="За")

    first = post_ballot(client, roster["anna"], "vote", yes.pk)
    second = post_ballot(client, roster["anna"], "vote", yes.pk)
    detail = client.get("/api/votes/vote").json()

    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "already_voted"
    assert detail["me"] == {"in_electorate": True, "can_vote": False, "voted": True}
    receipt = first.json()["receipt"]
    assert client.get(f"/api/votes/vote/receipts/{receipt}").json() == {"counted": True}
    assert client.get("/api/votes/vote/receipts/ABCDEFGHJKLMNPQR").json() == {"counted": False}
    # The receipt is not kept: only its hash is in the box.
    assert not Ballot.objects.filter(receipt_hash=receipt).exists()


def test_a_person_outside_the_electorate_is_refused_in_plain_words(client, roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], audience_grades="9")

    response = post_ballot(client, roster["gleb"], "vote", vote.options.first().pk)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_in_electorate"
    assert "нет в списке" in response.json()["error"]["message"]


def test_an_option_of_another_vote_is_invalid_and_a_closed_vote_refuses(client, roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT])
    other = make_vote("other", audience_roles=[RoleChoices.STUDENT])

    wrong = post_ballot(client, roster["anna"], "vote", other.options.first().pk)
    close(vote)
    closed = post_ballot(client, roster["anna"], "vote", vote.options.first().pk)

    assert wrong.status_code == 400
    assert closed.status_code == 409
    assert closed.json()["error"]["code"] == "closed"


def test_results_appear_after_the_count_with_turnout_and_quorum(client, roster):
    from cms.votes.services import vote_count

    vote = make_vote(audience_roles=[RoleChoices.STUDENT], audience_grades="9", quorum_percent=60)
    post_ballot(client, roster["anna"], "vote", vote.options.get(label="За").pk)
    post_ballot(client, roster["vera"], "vote", vote.options.get(label="Против").pk)
    vote_count(vote=close(vote))

    body = client.get("/api/votes/vote/results").json()

    assert (body["turnout"], body["electorate_size"], body["quorum_met"]) == (2, 3, True)
    assert body["winner"] is None  # one for, one against: no majority
    assert {o["label"]: o["percent"] for o in body["options"]} == {
        "За": 50.0,
        "Против": 50.0,
        "Воздержался": 0.0,
    }
