"""Who may register whom, and who organises: `rules` predicates, checked by the API, the
no-JavaScript pages and the admin alike."""

from __future__ import annotations

import rules

from cms.users.choices import RoleChoices
from cms.users.permissions import is_parent_of, is_signed_in, is_staff_member

from .events import Access, RegistrableEvent

__all__ = ["guests_welcome", "is_organiser", "is_organiser_of", "may_register"]


def guests_welcome(event: RegistrableEvent) -> bool:
    """A visitor without an account may register (with a confirmed email address)."""
    return event.registration_access == Access.PUBLIC


def _admits(event: RegistrableEvent, person) -> bool:
    """`person` belongs to the event's audience."""
    if event.registration_access in (Access.PUBLIC, Access.SIGNED_IN):
        return True
    roles = set(event.registration_roles or ())
    classes = event.registration_class_ids()
    if not roles and not classes:
        return True
    return bool(person.roles & roles) or (
        person.school_class_id is not None and person.school_class_id in classes
    )


def may_register(*, by, person, event: RegistrableEvent) -> bool:
    """`by` may register `person` (themselves, their child, or anyone when organising)."""
    if not is_signed_in(by) or person is None or not person.is_active:
        return False
    if by.pk != person.pk and not (is_parent_of(by, person) or is_organiser_of(by, event)):
        return False
    return _admits(event, person) or is_organiser_of(by, event)


@rules.predicate
def is_organiser(user) -> bool:
    """Staff, teachers and tutors organise events (the generator lets them make one)."""
    return is_staff_member(user) or (
        is_signed_in(user) and user.has_role(RoleChoices.TEACHER, RoleChoices.TUTOR)
    )


@rules.predicate
def is_organiser_of(user, event) -> bool:
    """Staff organise every event; a teacher or tutor the events they created."""
    if is_staff_member(user):
        return True
    owner_id = getattr(event, "owner_id", None)
    return is_organiser(user) and owner_id is not None and owner_id == user.pk


rules.add_perm("registrations.manage_event", is_organiser_of)
