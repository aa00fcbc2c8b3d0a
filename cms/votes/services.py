"""Writes of votes: creating one, casting a secret ballot, counting after the close."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Vote, VoteOption, VoteRule

__all__ = ["DEFAULT_OPTIONS", "vote_create"]


def DEFAULT_OPTIONS() -> list[tuple[str, bool]]:
    """Yes / no / abstain, in the language active when the vote is made."""
    return [(_("За"), False), (_("Против"), False), (_("Воздержался"), True)]


@transaction.atomic
def vote_create(
    *,
    code: str,
    title: str,
    question: str,
    opens_at: datetime,
    closes_at: datetime,
    created_by=None,
    options: Sequence[str] | None = None,
    description: str = "",
    council=None,
    quorum_percent: int = 50,
    rule: str = VoteRule.SIMPLE_MAJORITY,
    one_per_family: bool = False,
    audience_public: bool = False,
    audience_roles: Sequence[str] = (),
    audience_grades: str = "",
    audience_classes: Sequence = (),
    audience_council=None,
) -> Vote:
    """A vote as code makes it (an initiative going to a vote); editors make theirs in the
    admin. No options means yes / no / abstain."""
    vote = Vote(
        code=code,
        title=title,
        question=question,
        description=description,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=created_by,
        council=council,
        quorum_percent=quorum_percent,
        rule=rule,
        one_per_family=one_per_family,
        audience_public=audience_public,
        audience_roles=list(audience_roles),
        audience_grades=audience_grades,
        audience_council=audience_council,
    )
    vote.full_clean()
    vote.save()
    if audience_classes:
        vote.audience_classes.set(audience_classes)
    labels = [(label, False) for label in options] if options else DEFAULT_OPTIONS()
    VoteOption.objects.bulk_create(
        VoteOption(vote=vote, label=label, abstain=abstain, sort_order=i)
        for i, (label, abstain) in enumerate(labels)
    )
    return vote
