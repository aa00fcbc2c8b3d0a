"""Who reads, writes, reports and moderates comments: `rules` predicates the API checks."""

from __future__ import annotations

import rules

from cms.audiences.selectors import audience_includes
from cms.users.choices import RoleChoices
from cms.users.permissions import is_signed_in, is_staff_member

from .models import Comment, CommentStatus

__all__ = ["is_moderator", "may_comment", "may_read_section", "may_report", "may_see_comment"]

MODERATE = "comments.moderate_comment"


@rules.predicate
def is_moderator(user) -> bool:
    """Staff and administrators, and the people given the permission (the "Модераторы"
    group). Checked through Django's own permissions, not `rules`, so the two never recurse."""
    if not is_signed_in(user):
        return False
    return is_staff_member(user) or user.has_perm(MODERATE)


@rules.predicate
def may_read_section(user, section) -> bool:
    """The section's audience reads it; moderators read every section."""
    if not is_signed_in(user) or section is None:
        return False
    return is_moderator(user) or audience_includes(section, user)


@rules.predicate
def may_comment(user, section) -> bool:
    """Its audience, while the section accepts comments."""
    return (
        is_signed_in(user)
        and section is not None
        and section.accepts_comments
        and audience_includes(section, user)
    )


def held_for_moderation(user) -> bool:
    """A pupil's comment waits for a moderator before anyone else reads it."""
    return user.has_role(RoleChoices.STUDENT)


@rules.predicate
def may_see_comment(user, comment: Comment) -> bool:
    if not is_signed_in(user) or comment is None:
        return False
    if is_moderator(user):
        return True
    if not may_read_section(user, comment.section):
        return False
    return comment.status != CommentStatus.PENDING or comment.author_id == user.pk


@rules.predicate
def may_report(user, comment: Comment) -> bool:
    """Anyone who sees a published comment that is not their own."""
    return (
        may_see_comment(user, comment)
        and comment.status == CommentStatus.VISIBLE
        and comment.author_id != user.pk
    )


rules.add_perm("comments.report_comment", may_report)
