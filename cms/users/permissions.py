"""Who may see or change whom: object permissions as `rules` predicates, in one place.

Later API code asks `request.user.has_perm("users.view_person", person)`; the predicates take
the person acting first and the person acted upon second. An anonymous visitor holds none.
"""

from __future__ import annotations

import rules

from .choices import RoleChoices
from .models import Guardianship

__all__ = [
    "can_publish_own_content",
    "has_role",
    "is_parent_of",
    "is_self",
    "is_signed_in",
    "is_staff_member",
]

# School staff who look after everyone's records: editors and administrators.
STAFF_ROLES = (RoleChoices.STAFF, RoleChoices.ADMINISTRATOR)


def is_signed_in(user) -> bool:
    """A real, active account (not the anonymous visitor, not a deactivated person): the
    first question of every rule in the zone apps."""
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_self(user, person) -> bool:
    return is_signed_in(user) and person is not None and user.pk == person.pk


@rules.predicate
def is_parent_of(user, person) -> bool:
    """`user` is recorded as a parent (guardian) of `person`."""
    if not is_signed_in(user) or person is None:
        return False
    return Guardianship.objects.filter(parent=user, child=person).exists()


@rules.predicate
def is_staff_member(user) -> bool:
    """A superuser, or a person with the staff (editor) or administrator role."""
    return is_signed_in(user) and (user.is_superuser or user.has_role(*STAFF_ROLES))


def has_role(*roles: str):
    """A predicate: the person acting holds one of `roles`."""

    @rules.predicate(name=f"has_role:{','.join(roles)}")
    def holds(user) -> bool:
        return is_signed_in(user) and user.has_role(*roles)

    return holds


@rules.predicate
def can_publish_own_content(user) -> bool:
    """What this person writes may be shown to others.

    A pupil whose parents' consent is not on file can read but not be heard: until it is
    recorded, what they write is visible only to staff and their parents
    (`users.view_content_of`).
    """
    if not is_signed_in(user):
        return False
    return user.parental_consent or not user.has_role(RoleChoices.STUDENT)


@rules.predicate
def author_can_publish(user, author) -> bool:
    return author is not None and can_publish_own_content.test(author)


rules.add_perm("users.view_person", is_self | is_parent_of | is_staff_member)
rules.add_perm("users.change_person", is_self | is_staff_member)
rules.add_perm("users.publish_own_content", can_publish_own_content)
# Seeing what `author` wrote: everyone once the author may publish, else only the author,
# their parents and staff.
rules.add_perm(
    "users.view_content_of",
    author_can_publish | is_self | is_parent_of | is_staff_member,
)
