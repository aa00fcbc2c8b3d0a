"""Casting, counting and the electorate of a secret-ballot vote."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.users.choices import RoleChoices
from cms.votes.models import Ballot, FamilyMark, VoterMark, VoteRule
from cms.votes.services import VoteError, ballot_cast, vote_count
from cms.votes.signals import vote_counted

from .conftest import close, make_council, make_vote

pytestmark = pytest.mark.django_db


def option(vote, label):
    return vote.options.get(label=label)


def cast(vote, person, label="За"):
    return ballot_cast(vote=vote, person=person, option=option(vote, label))


def refusal(vote, person, label="За") -> str:
    with pytest.raises(VoteError) as caught:
        cast(vote, person, label)
    return caught.value.code


def test_parents_of_grade_9_vote_and_other_parents_and_pupils_are_refused(roster):
    vote = make_vote(audience_roles=[RoleChoices.PARENT], audience_grades="9")

    assert cast(vote, roster["mother"])
    assert cast(vote, roster["vera_parent"])
    assert refusal(vote, roster["gleb_parent"]) == "not_in_electorate"
    assert refusal(vote, roster["anna"]) == "not_in_electorate"
    assert refusal(vote, roster["teacher"]) == "not_in_electorate"


def test_students_of_grades_8_to_11_vote_and_a_7th_grader_does_not(roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], audience_grades="8–11")

    for name in ("anna", "vera", "dina"):
        assert cast(vote, roster[name])
    assert refusal(vote, roster["gleb"]) == "not_in_electorate"


def test_council_members_vote_through_their_linked_accounts(roster):
    council = make_council(members=[roster["teacher"], roster["dina"]])
    vote = make_vote(audience_council=council)

    assert cast(vote, roster["teacher"])
    assert cast(vote, roster["dina"])
    assert refusal(vote, roster["editor"]) == "not_in_electorate"


def test_a_second_ballot_of_the_same_person_is_refused_and_nothing_is_half_written(roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT])
    cast(vote, roster["anna"])

    assert refusal(vote, roster["anna"], "Против") == "already_voted"
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert VoterMark.objects.filter(vote=vote).count() == 1


def test_one_per_family_the_second_parent_is_refused_in_plain_words(roster):
    vote = make_vote(audience_roles=[RoleChoices.PARENT], audience_grades="9", one_per_family=True)
    cast(vote, roster["mother"])

    with pytest.raises(VoteError) as caught:
        cast(vote, roster["father"])

    assert caught.value.code == "already_voted"
    assert "другой родитель" in caught.value.message
    # The mother's one ballot speaks for both of her children's families.
    assert FamilyMark.objects.filter(vote=vote).count() == 2
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_a_vote_takes_ballots_only_in_its_window(roster):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    later = make_vote(
        "later",
        audience_roles=[RoleChoices.STUDENT],
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=2),
    )
    past = make_vote("past", open_now=False, audience_roles=[RoleChoices.STUDENT])

    assert refusal(later, roster["anna"]) == "not_open"
    assert refusal(past, roster["anna"]) == "closed"


def test_the_count_reports_turnout_the_quorum_and_a_simple_majority_winner(roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], quorum_percent=50)
    for name, label in [("anna", "За"), ("boris", "За"), ("vera", "Против")]:
        cast(vote, roster[name], label)
    heard = []
    vote_counted.connect(lambda sender, vote, **kw: heard.append(vote.pk), weak=False)

    vote = vote_count(vote=close(vote))

    assert (vote.electorate_size, vote.turnout, vote.quorum_met) == (5, 3, True)
    assert vote.winner.label == "За"
    assert vote.counted_at is not None


def test_without_a_quorum_nothing_wins(roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], quorum_percent=50)
    cast(vote, roster["anna"])
    cast(vote, roster["boris"])

    vote = vote_count(vote=close(vote))

    assert (vote.turnout, vote.electorate_size, vote.quorum_met, vote.winner) == (2, 5, False, None)


def test_two_thirds_needs_two_thirds_of_the_ballots_for_an_option(roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], rule=VoteRule.TWO_THIRDS)
    for name, label in [("anna", "За"), ("boris", "За"), ("vera", "Против")]:
        cast(vote, roster[name], label)
    elected = vote_count(vote=close(vote))
    assert elected.winner.label == "За"

    short = make_vote("short", audience_roles=[RoleChoices.STUDENT], rule=VoteRule.TWO_THIRDS)
    for name, label in [("anna", "За"), ("boris", "Против"), ("vera", "За"), ("dina", "Против")]:
        cast(short, roster[name], label)
    short = vote_count(vote=close(short))
    assert short.quorum_met and short.winner is None


def test_abstentions_count_in_the_turnout_but_not_against_an_option(roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT])
    for name, label in [("anna", "За"), ("boris", "Воздержался"), ("vera", "Воздержался")]:
        cast(vote, roster[name], label)

    vote = vote_count(vote=close(vote))

    assert vote.turnout == 3 and vote.quorum_met
    assert vote.winner.label == "За"


def test_one_per_family_counts_families_in_the_electorate_and_the_turnout(roster):
    vote = make_vote(audience_roles=[RoleChoices.PARENT], audience_grades="9", one_per_family=True)
    cast(vote, roster["father"])

    vote = vote_count(vote=close(vote))

    # Anna, Boris and Vera are three families; the father voted for two of them.
    assert (vote.electorate_size, vote.turnout, vote.quorum_met) == (3, 2, True)


def test_counting_twice_changes_nothing_and_an_open_vote_is_not_counted(roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT])
    cast(vote, roster["anna"])
    with pytest.raises(VoteError):
        vote_count(vote=vote)

    first = vote_count(vote=close(vote))
    again = vote_count(vote=vote)

    assert again.counted_at == first.counted_at
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_a_council_vote_sends_its_decision_to_the_council_page_for_moderation(roster):
    from site_content.governance.models import CouncilPage

    council = make_council(members=[roster["teacher"], roster["dina"]])
    vote = make_vote(audience_council=council, council=council, created_by=roster["editor"])
    cast(vote, roster["teacher"])
    cast(vote, roster["dina"], "Против")

    vote_count(vote=close(vote))

    page = CouncilPage.objects.get(pk=council.pk)
    draft = page.get_latest_revision_as_object()
    decision = [d for d in draft.decisions.all() if d.title == vote.title]
    assert decision, "the decision is in the page's new revision"
    assert "Проголосовали 2 из 2; кворум (50%) есть." in decision[0].text
    # Not published by the code: the live page has no such decision yet.
    assert not page.decisions.filter(title=vote.title).exists()


def test_a_cast_takes_few_queries(roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], audience_grades="8–11")
    chosen = option(vote, "За")

    with CaptureQueriesContext(connection) as queries:
        ballot_cast(vote=vote, person=roster["anna"], option=chosen)

    assert len(queries) <= 10, [q["sql"] for q in queries]
