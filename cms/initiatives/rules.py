"""Who sees, proposes, supports and checks initiatives: `rules` predicates, used by the
services and the API."""

from __future__ import annotations

import rules

from cms.users.choices import INTERNAL_ROLES, RoleChoices
from cms.users.permissions import can_publish_own_content, is_signed_in, is_staff_member

from .models import InitiativeStatus

__all__ = [
    "is_author",
    "is_school_person",
    "is_student",
    "may_check",
    "may_propose",
    "may_support",
]


@rules.predicate
def is_school_person(user) -> bool:
    """Someone of the school (not a guest with an account nor a partner): they see the
    initiatives with their authors, supports and the check's words."""
    return is_signed_in(user) and (user.is_superuser or user.has_role(*INTERNAL_ROLES))


@rules.predicate
def is_student(user) -> bool:
    return is_signed_in(user) and user.has_role(RoleChoices.STUDENT)


@rules.predicate
def may_propose(user) -> bool:
    """A pupil whose parents' consent is on file: an initiative is published writing."""
    return is_student.test(user) and can_publish_own_content.test(user)


@rules.predicate
def has_check_permission(user) -> bool:
    # The Django permission given to the "Модераторы" group (and to superusers).
    return is_signed_in(user) and user.has_perm("initiatives.check_initiative")


# The administration: the administrator and staff roles, or the moderators' permission.
may_check = is_staff_member | has_check_permission


@rules.predicate
def is_author(user, initiative) -> bool:
    return is_signed_in(user) and initiative is not None and user.pk in initiative.author_ids()


@rules.predicate
def may_support(user, initiative) -> bool:
    """A pupil, not an author, while the initiative gathers support."""
    return (
        is_student.test(user)
        and initiative is not None
        and initiative.status == InitiativeStatus.PROPOSED
        and not is_author.test(user, initiative)
    )


rules.add_perm("initiatives.view_initiative", is_school_person)
rules.add_perm("initiatives.propose_initiative", may_propose)
rules.add_perm("initiatives.support_initiative", may_support)
