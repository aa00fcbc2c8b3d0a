"""Reads of comments: what a person sees of a section, the moderators' queue, the counts."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from .models import Comment, CommentReport, CommentSection, CommentStatus
from .rules import is_moderator

__all__ = [
    "comments_for",
    "moderation_queue",
    "passage_counts",
    "section_by_code",
    "sections_of_page",
]

LIST_MAX = 1000


def section_by_code(code: str) -> CommentSection | None:
    return CommentSection.objects.filter(code=code).first()


def sections_of_page(page) -> QuerySet:
    return CommentSection.objects.filter(page=page)


def comments_for(*, section: CommentSection, viewer) -> list[Comment]:
    """The comments `viewer` sees in `section`, oldest first: the published and hidden ones
    (hidden: shown by their reason), the viewer's own pending ones, and, for moderators,
    everyone's pending ones. A reply is seen only with its parent."""
    comments = Comment.objects.filter(section=section).select_related(
        "author", "author__school_class", "section"
    )
    if not is_moderator(viewer):
        comments = comments.filter(
            Q(status__in=[CommentStatus.VISIBLE, CommentStatus.HIDDEN])
            | Q(status=CommentStatus.PENDING, author=viewer)
        )
    comments = comments.annotate(
        open_reports=Count("reports", filter=Q(reports__resolved=False)),
        reported_by_viewer=Exists(
            CommentReport.objects.filter(comment=OuterRef("pk"), reporter=viewer)
        ),
    ).order_by("created_at", "pk")[:LIST_MAX]
    comments = list(comments)
    seen = {comment.pk for comment in comments}
    return [c for c in comments if c.parent_id is None or c.parent_id in seen]


def passage_counts(comments: list[Comment]) -> dict[str, int]:
    """How many of these comments (replies included) each passage has; "" is the whole page."""
    return dict(Counter(comment.passage for comment in comments))


def moderation_queue() -> QuerySet:
    """Pending comments and published ones with a report nobody has settled, oldest first."""
    unresolved = CommentReport.objects.filter(comment=OuterRef("pk"), resolved=False)
    return (
        Comment.objects.alias(reported=Exists(unresolved))
        .filter(Q(status=CommentStatus.PENDING) | Q(status=CommentStatus.VISIBLE, reported=True))
        .select_related("author", "author__school_class", "section", "parent")
        .prefetch_related("reports")
        .order_by("created_at", "pk")
    )
