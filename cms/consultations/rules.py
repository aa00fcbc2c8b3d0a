"""Who may publish consultation hours, who may book and queue, and who sees what.

Teachers, tutors and the psychologist publish hours; students and parents book slots and
join the live queue. The host sees who booked; everyone else sees only whether a slot is free.
Every predicate takes the person acting first; an anonymous visitor holds none.
"""

from __future__ import annotations

import rules

from cms.users.choices import RoleChoices
from cms.users.permissions import is_signed_in

__all__ = ["BOOKER_ROLES", "HOST_ROLES", "is_booker", "is_host", "is_host_of", "may"]

HOST_ROLES = (RoleChoices.TEACHER, RoleChoices.TUTOR, RoleChoices.PSYCHOLOGIST)
BOOKER_ROLES = (RoleChoices.STUDENT, RoleChoices.PARENT)


@rules.predicate
def is_host(user) -> bool:
    """May publish consultation hours."""
    return is_signed_in(user) and user.has_role(*HOST_ROLES)


@rules.predicate
def is_booker(user) -> bool:
    """May book a slot and join a live queue."""
    return is_signed_in(user) and user.has_role(*BOOKER_ROLES)


@rules.predicate
def is_host_of(user, hours) -> bool:
    return is_signed_in(user) and hours is not None and hours.host_id == user.pk


rules.add_perm("consultations.publish_hours", is_host)
rules.add_perm("consultations.view_hours", is_host_of | is_booker)
rules.add_perm("consultations.change_hours", is_host_of)
rules.add_perm("consultations.book", is_booker & ~is_host_of)
rules.add_perm("consultations.queue", is_booker & ~is_host_of)
# The names of who booked and who waits: the host's alone.
rules.add_perm("consultations.view_bookings", is_host_of)


def may(user, perm: str, obj=None) -> bool:
    """The rule itself, without Django's "a superuser may do anything": a superuser who is
    not the host does not see who booked, and is not a student who may book."""
    return rules.has_perm(perm, user, obj)
