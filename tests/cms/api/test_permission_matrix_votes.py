"""The votes endpoints in the permission matrix: a vote of the 7th-grade pupils (both pupils of
the matrix) is open; every kind of person asks. Only the electorate may cast; nobody, staff
included, is ever answered with anyone's choice; results wait for the count."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.users.choices import RoleChoices
from cms.votes.services import vote_count, vote_create
from tests.cms.votes.conftest import close

from .test_permission_matrix import ASKERS, PRIVATE, ask, people  # noqa: F401

pytestmark = pytest.mark.django_db

ELECTORATE = {"student", "other_student"}


@pytest.fixture
def vote(people):  # noqa: F811
    now = timezone.now()
    return vote_create(
        code="grade7",
        title="Экскурсия седьмых классов",
        question="Едем ли мы в планетарий?",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
        audience_roles=[RoleChoices.STUDENT],
        audience_grades="7",
        quorum_percent=0,
    )


def yes(vote):
    return vote.options.get(label="За").pk


@pytest.mark.parametrize("asker", ASKERS)
def test_the_open_votes_list_holds_the_vote_for_its_electorate_only(client, people, vote, asker):  # noqa: F811
    response = ask(client, people, asker, "get", "/api/votes")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert [v["code"] for v in response.json()] == (["grade7"] if asker in ELECTORATE else [])
    assert (
        response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    )


@pytest.mark.parametrize("asker", ASKERS)
def test_a_vote_tells_each_signed_in_person_whether_they_may_vote(client, people, vote, asker):  # noqa: F811
    response = ask(client, people, asker, "get", "/api/votes/grade7")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    me = response.json()["me"]
    assert me["can_vote"] is (asker in ELECTORATE)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_electorate_casts_a_ballot(client, people, vote, asker):  # noqa: F811
    response = ask(
        client, people, asker, "post", "/api/votes/grade7/ballots", {"option_id": yes(vote)}
    )

    expected = 201 if asker in ELECTORATE else (401 if asker == "anonymous" else 403)
    assert response.status_code == expected, response.content
    if expected == 201:
        assert len(response.json()["receipt"]) == 16


@pytest.mark.parametrize("asker", ASKERS)
def test_results_and_receipts_never_reveal_a_choice(client, people, vote, asker):  # noqa: F811
    from cms.votes.services import ballot_cast

    receipt = ballot_cast(
        vote=vote, person=people["student"], option=vote.options.get(label="Против")
    )
    before = ask(client, people, asker, "get", "/api/votes/grade7/results")
    checked = ask(client, people, asker, "get", f"/api/votes/grade7/receipts/{receipt}")
    vote_count(vote=close(vote))
    after = ask(client, people, asker, "get", "/api/votes/grade7/results")

    if asker == "anonymous":
        assert {before.status_code, checked.status_code, after.status_code} == {401}
        return
    assert before.status_code == 409
    assert before.json()["error"]["code"] == "not_counted"
    assert checked.json() == {"counted": True}
    assert after.status_code == 200
    text = after.content.decode() + checked.content.decode()
    assert PRIVATE not in text
    assert "student" not in text
