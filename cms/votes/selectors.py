"""Reads of votes: the votes open to a person, one vote as a person sees it, the counted
results and a receipt's check. Nothing here can say what anyone chose."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from .models import Ballot, FamilyMark, Vote, VoterMark
from .services import OptionCount, option_counts, receipt_hash

__all__ = [
    "receipt_counted",
    "vote_by_code",
    "vote_detail",
    "vote_results",
    "votes_open_to",
]


def vote_by_code(*, code: str) -> Vote | None:
    return Vote.objects.select_related("audience_council").filter(code=code).first()


def votes_open_to(*, person) -> list[Vote]:
    """The votes open now in whose electorate `person` is."""
    from cms.audiences.selectors import audience_includes

    now = timezone.now()
    votes = Vote.objects.filter(opens_at__lte=now, closes_at__gt=now, counted_at__isnull=True)
    return [vote for vote in votes.order_by("closes_at")[:50] if audience_includes(vote, person)]


def has_voted(*, vote: Vote, person) -> bool:
    """Whether `person` voted, or (one per family) every family they vote for already has."""
    if VoterMark.objects.filter(vote=vote, person=person).exists():
        return True
    if vote.one_per_family:
        from cms.audiences.selectors import audience_children_of

        children = audience_children_of(vote, person).values("pk")
        total = audience_children_of(vote, person).count()
        marked = FamilyMark.objects.filter(vote=vote, child__in=children).count()
        return total > 0 and marked >= total
    return False


@dataclass(frozen=True)
class VoteDetail:
    vote: Vote
    state: str  # not_open, open, closed, counted
    can_vote: bool
    voted: bool
    in_electorate: bool
    audience: str


def vote_state(vote: Vote) -> str:
    if vote.counted_at is not None:
        return "counted"
    if vote.is_closed():
        return "closed"
    return "open" if vote.is_open() else "not_open"


def vote_detail(*, vote: Vote, person) -> VoteDetail:
    from cms.audiences.selectors import audience_includes, audience_label

    in_electorate = audience_includes(vote, person)
    voted = in_electorate and has_voted(vote=vote, person=person)
    state = vote_state(vote)
    return VoteDetail(
        vote=vote,
        state=state,
        can_vote=in_electorate and not voted and state == "open",
        voted=voted,
        in_electorate=in_electorate,
        audience=audience_label(vote),
    )


@dataclass(frozen=True)
class VoteResults:
    vote: Vote
    options: list[OptionCount]
    cast: int  # ballots for an option, abstentions aside

    def percent(self, count: OptionCount) -> float:
        """An option's share of all ballots (abstentions included), to one decimal."""
        total = sum(c.votes for c in self.options)
        return round(100 * count.votes / total, 1) if total else 0.0


def vote_results(*, vote: Vote) -> VoteResults | None:
    """The count, once the vote is counted; None before."""
    if vote.counted_at is None:
        return None
    counts = option_counts(vote=vote)
    return VoteResults(
        vote=vote, options=counts, cast=sum(c.votes for c in counts if not c.option.abstain)
    )


def receipt_counted(*, vote: Vote, receipt: str) -> bool:
    """Whether a ballot with this receipt code is in the vote's box: nothing else."""
    return Ballot.objects.filter(vote=vote, receipt_hash=receipt_hash(receipt)).exists()
