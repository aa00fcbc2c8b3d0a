"""Votes in a person's data: the export says where they voted, never what they chose; deleting
the account keeps the mark (no choice in it) so the turnout still equals the ballots."""

from __future__ import annotations

import pytest

from cms.users.choices import RoleChoices
from cms.votes.models import Ballot, VoterMark
from cms.votes.services import ballot_cast

from .conftest import make_vote

pytestmark = pytest.mark.django_db


def test_the_export_says_in_which_votes_a_person_voted_and_nothing_of_the_choice(roster):
    from cms.users.selectors import personal_data_export

    vote = make_vote(audience_roles=[RoleChoices.STUDENT], title="Тихий час")
    ballot_cast(vote=vote, person=roster["anna"], option=vote.options.get(label="Против"))

    section = personal_data_export(person=roster["anna"])["sections"]["vote_marks"]

    assert section["voted_in"] == [{"vote": "Тихий час", "code": "vote"}]
    assert "Против" not in repr(section)


def test_deleting_the_account_keeps_the_mark_and_the_ballot(roster):
    from cms.users.services import account_delete

    vote = make_vote(audience_roles=[RoleChoices.STUDENT])
    ballot_cast(vote=vote, person=roster["anna"], option=vote.options.first())

    account_delete(user=roster["anna"])

    assert VoterMark.objects.filter(vote=vote).count() == Ballot.objects.filter(vote=vote).count()
    assert VoterMark.objects.filter(vote=vote).count() == 1
