"""The database after a vote cannot tell who chose what: the ballot and the voter's mark share
nothing but the vote, carry no time, and after the shuffle neither the transaction that wrote a
ballot (PostgreSQL's `xmin`) nor its place in the table (`ctid`) follows the voters."""

from __future__ import annotations

import pytest
from django.db import connection

from cms.users.choices import RoleChoices
from cms.votes.models import Ballot, FamilyMark, VoterMark
from cms.votes.services import ballot_cast, ballots_shuffle, receipt_hash
from tests.cms.users.conftest import make_person

from .conftest import make_vote

VOTERS = 12


def columns(model) -> dict[str, str]:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {column.name: column for column in described}


def foreign_tables(model) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}


@pytest.mark.django_db
def test_a_ballot_and_a_mark_share_no_column_but_the_vote_and_neither_has_a_time():
    ballot, mark, family = columns(Ballot), columns(VoterMark), columns(FamilyMark)

    assert set(ballot) == {"id", "vote_id", "option_id", "receipt_hash"}
    assert (set(ballot) & set(mark)) - {"id"} == {"vote_id"}
    assert (set(ballot) & set(family)) - {"id"} == {"vote_id"}
    # The ballot's key is a random UUID, the mark's a number: no shared sequence either.
    assert Ballot.objects.model._meta.pk.get_internal_type() == "UUIDField"
    for table in (ballot, mark, family):
        assert not [name for name in table if name.endswith("_at") or "time" in name]
    # The ballot points at the vote and the option only: not at a person, not at a mark.
    assert foreign_tables(Ballot) == {"votes_vote", "votes_voteoption"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin and ctid are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_after_the_shuffle_no_ballot_can_be_joined_to_its_voter_by_transaction_or_order():
    vote = make_vote("secret", audience_roles=[RoleChoices.STUDENT])
    yes, no = vote.options.get(label="За"), vote.options.get(label="Против")
    voters = [
        make_person(f"voter{i}", RoleChoices.STUDENT, school_class="9А") for i in range(VOTERS)
    ]
    receipts = [
        ballot_cast(vote=vote, person=person, option=yes if i % 3 else no)
        for i, person in enumerate(voters)
    ]
    hashes_in_voting_order = [receipt_hash(r) for r in receipts]

    def rows(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql, [vote.pk])
            return cursor.fetchall()

    marks = rows(
        "SELECT person_id, xmin::text FROM votes_votermark WHERE vote_id = %s ORDER BY ctid"
    )
    ballots = rows(
        "SELECT receipt_hash, xmin::text FROM votes_ballot WHERE vote_id = %s ORDER BY ctid"
    )
    # Before the shuffle the database would tell: same transaction, same order.
    assert [x for _, x in marks] == [x for _, x in ballots]
    assert [h for h, _ in ballots] == hashes_in_voting_order

    ballots_shuffle(vote=vote)

    ballots = rows(
        "SELECT receipt_hash, xmin::text, id::text FROM votes_ballot WHERE vote_id = %s "
        "ORDER BY ctid"
    )
    assert len(ballots) == len(marks) == VOTERS
    assert {x for _, x, _ in ballots}.isdisjoint({x for _, x in marks})
    assert len({x for _, x, _ in ballots}) == 1  # one shuffle transaction wrote them all
    assert [h for h, _, _ in ballots] != hashes_in_voting_order
    assert sorted(h for h, _, _ in ballots) == sorted(hashes_in_voting_order)
    # The receipts still find their ballots, and the counts per option are unchanged.
    assert Ballot.objects.filter(vote=vote, option=no).count() == 4
    assert all(Ballot.objects.filter(receipt_hash=receipt_hash(r)).exists() for r in receipts)
