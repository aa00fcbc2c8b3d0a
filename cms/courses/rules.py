"""Who takes a teachers' course and who follows its cohort: `rules` predicates, checked by the
API alike."""

from __future__ import annotations

import rules

from cms.users.choices import RoleChoices
from cms.users.permissions import is_signed_in, is_staff_member

__all__ = ["is_course_coordinator", "may_enrol"]


@rules.predicate
def may_enrol(user) -> bool:
    """Teachers and tutors take the course (staff too, to try it)."""
    return is_staff_member(user) or (
        is_signed_in(user) and user.has_role(RoleChoices.TEACHER, RoleChoices.TUTOR)
    )


@rules.predicate
def is_course_coordinator(user, course) -> bool:
    """The coordinator named on the course page, and staff and administration for every
    course."""
    if is_staff_member(user):
        return True
    return is_signed_in(user) and course is not None and course.coordinator_id == user.pk


rules.add_perm("courses.enrol", may_enrol)
rules.add_perm("courses.view_cohort", is_course_coordinator)
