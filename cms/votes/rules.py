"""Who may see and manage votes.

Taking part is the audience's rule (`cms.audiences`), checked by the services. Staff (the
staff and administrator roles, superusers) read every vote and its results once counted; they
vote only when they are in the electorate. Nobody sees a person's choice: it is nowhere.
"""

from __future__ import annotations

import rules

from cms.users.permissions import is_signed_in, is_staff_member

__all__ = ["may"]


@rules.predicate
def is_counted(user, vote) -> bool:
    return is_signed_in(user) and vote is not None and vote.counted_at is not None


@rules.predicate
def is_in_electorate(user, vote) -> bool:
    from cms.audiences.selectors import audience_includes

    return is_signed_in(user) and vote is not None and audience_includes(vote, user)


# A vote's question and options are no secret (its page shows them): anyone signed in reads
# them and learns whether they may vote.
rules.add_perm("votes.view_vote", rules.predicate(is_signed_in))
rules.add_perm("votes.cast_ballot", is_in_electorate)
rules.add_perm("votes.manage_votes", is_staff_member)
# The counted results are public (the static page shows them); the API answers signed-in people.
rules.add_perm("votes.view_results", is_counted)


def may(user, perm: str, obj=None) -> bool:
    return rules.has_perm(perm, user, obj)
