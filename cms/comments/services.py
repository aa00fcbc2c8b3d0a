"""Writes of comments: write, reply, report, moderate, and close a discussion with its
summary sent to the page's moderation workflow."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from cms.core.moderation import submit_for_moderation
from cms.users.permissions import is_staff_member

from .models import TEXT_MAX, Comment, CommentReport, CommentSection, CommentStatus
from .passages import passages_of
from .rules import held_for_moderation, is_moderator, may_comment, may_report, may_see_comment

__all__ = [
    "CommentError",
    "comment_approve",
    "comment_create",
    "comment_hide",
    "comment_report",
    "comment_restore",
    "discussion_close",
    "discussion_summary",
]

SUMMARY_PASSAGES = 5


@dataclass
class CommentError(Exception):
    """The rules refuse now: a stable `code` for programs and a `message` for people."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def comment_create(
    *,
    section: CommentSection,
    author,
    text: str,
    passage: str = "",
    parent_id: int | None = None,
    language: str | None = None,
) -> Comment:
    """`author` comments on the page or one of its passages, or replies to a published
    top-level comment (the reply goes to its passage). A pupil's comment waits for a
    moderator; an adult's is published at once and moderated after."""
    if not may_comment.test(author, section):
        if not section.accepts_comments:
            raise CommentError("closed", _("Обсуждение закрыто: комментировать уже нельзя."))
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise CommentError("empty", _("Напишите комментарий."))
    if len(text) > TEXT_MAX:
        raise CommentError(
            "too_long", _("Комментарий длиннее %(max)d знаков: сократите его.") % {"max": TEXT_MAX}
        )
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(pk=parent_id, section=section).first()
        if parent is None or not may_see_comment.test(author, parent):
            raise CommentError("no_parent", _("Комментария, на который вы отвечаете, нет."))
        if parent.parent_id is not None:
            raise CommentError(
                "too_deep",
                _("На ответ ответить нельзя: ответьте на комментарий, с которого всё началось."),
            )
        if parent.status != CommentStatus.VISIBLE:
            raise CommentError(
                "parent_not_visible", _("Ответить можно только на опубликованный комментарий.")
            )
        passage = parent.passage
    elif passage and passage not in _commentable_passages(section):
        raise CommentError(
            "no_passage", _("Такого абзаца в документе нет: обновите страницу и выберите абзац.")
        )
    status = CommentStatus.PENDING if held_for_moderation(author) else CommentStatus.VISIBLE
    return Comment.objects.create(
        section=section,
        passage=passage or "",
        parent=parent,
        author=author,
        text=text,
        language=(language or get_language() or "ru")[:8],
        status=status,
    )


def _commentable_passages(section: CommentSection) -> set[str]:
    """The keys of the passages of the section's page's document that take comments (not its
    headings); none when the page has no document."""
    page = section.page.specific if section.page_id else None
    document = getattr(page, "document", "") or ""
    return {p.key for p in passages_of(document) if not p.heading}


def comment_report(*, comment: Comment, reporter, reason: str = "") -> CommentReport:
    """`reporter` asks the moderators to look at a published comment; once per person (the
    database refuses a second report even from two tabs at once)."""
    if not may_report.test(reporter, comment):
        if comment.author_id == getattr(reporter, "pk", None):
            raise CommentError("own_comment", _("На свой комментарий пожаловаться нельзя."))
        raise CommentError("not_reportable", _("На этот комментарий пожаловаться нельзя."))
    try:
        with transaction.atomic():
            return CommentReport.objects.create(
                comment=comment, reporter=reporter, reason=(reason or "").strip()[:500]
            )
    except IntegrityError:
        raise CommentError(
            "already_reported",
            _("Вы уже пожаловались на этот комментарий: модераторы его посмотрят."),
        ) from None


def _moderate(comment: Comment, by, status: str, *, reason: str = "") -> Comment:
    if not is_moderator.test(by):
        raise PermissionDenied
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        comment.status = status
        comment.hidden_reason = reason
        comment.hidden_by = by if status == CommentStatus.HIDDEN else None
        comment.save(update_fields=["status", "hidden_reason", "hidden_by"])
        CommentReport.objects.filter(comment=comment, resolved=False).update(resolved=True)
    return comment


def comment_approve(*, comment: Comment, by) -> Comment:
    """Publish a pending comment, or keep a reported one (its reports are settled)."""
    if comment.status == CommentStatus.HIDDEN:
        raise CommentError("hidden", _("Комментарий скрыт: чтобы показать его, восстановите его."))
    return _moderate(comment, by, CommentStatus.VISIBLE)


def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    """Hide a comment; readers see the reason in place of its text."""
    reason = (reason or "").strip()
    if not reason:
        raise CommentError("reason_required", _("Напишите причину: её увидят вместо комментария."))
    return _moderate(comment, by, CommentStatus.HIDDEN, reason=reason[:500])


def comment_restore(*, comment: Comment, by) -> Comment:
    """Show a hidden comment again."""
    if comment.status != CommentStatus.HIDDEN:
        raise CommentError("not_hidden", _("Комментарий не скрыт."))
    return _moderate(comment, by, CommentStatus.VISIBLE)


def discussion_summary(*, page) -> dict:
    """The published comments of the page's sections in numbers: comments, participants, and
    the most discussed passages of its document (key, opening words, count)."""
    comments = Comment.objects.filter(section__page=page, status=CommentStatus.VISIBLE)
    counts: dict[str, int] = {}
    for passage in comments.exclude(passage="").values_list("passage", flat=True):
        counts[passage] = counts.get(passage, 0) + 1
    texts = {p.key: p.text for p in passages_of(getattr(page, "document", "") or "")}
    top = sorted(counts.items(), key=lambda item: (-item[1], int(item[0][1:])))
    return {
        "comments": comments.count(),
        "participants": comments.values("author").distinct().count(),
        "passages": [
            {"key": key, "text": texts.get(key, ""), "count": count}
            for key, count in top[:SUMMARY_PASSAGES]
        ],
    }


def _comments_count(count: int) -> str:
    # "Label: number" reads right for every number without Russian plural forms in a catalog.
    return _("комментариев: %(count)d") % {"count": count}


def _summary_html(summary: dict, response: str) -> str:
    """The summary as rich text for the page's `results` (escaped: it holds people's words)."""
    people = _("участников: %(count)d") % {"count": summary["participants"]}
    parts = [
        format_html("<h2>{}</h2>", _("Как прошло обсуждение")),
        format_html("<p>{}; {}.</p>", capfirst(_comments_count(summary["comments"])), people),
    ]
    if summary["passages"]:
        parts.append(format_html("<h3>{}</h3>", _("Больше всего обсуждали")))
        items = format_html_join(
            "",
            "<li>{} «{}»: {}</li>",
            (
                (
                    _("Абзац %(number)s") % {"number": item["key"][1:]},
                    Truncator(item["text"]).chars(120),
                    _comments_count(item["count"]),
                )
                for item in summary["passages"]
            ),
        )
        parts.append(format_html("<ul>{}</ul>", items))
    paragraphs = [part.strip() for part in (response or "").split("\n\n") if part.strip()]
    if paragraphs:
        parts.append(format_html("<h3>{}</h3>", _("Ответ организаторов")))
        parts.extend(format_html("<p>{}</p>", linebreaksbr(part)) for part in paragraphs)
    return "".join(parts)


def discussion_close(*, page, by, response: str):
    """Close the discussion: its comment sections stop taking comments, and a new revision of
    the page (status closed, `results` holding the summary and the organisers' response) is
    sent to the page's moderation workflow. An editor publishes it, never this call."""
    from site_content.governance.models import DiscussionPage, DiscussionStatus

    if not is_staff_member(by):
        raise PermissionDenied
    response = (response or "").strip()
    if not response:
        raise CommentError(
            "response_required", _("Напишите ответ организаторов: он будет опубликован с итогами.")
        )
    with transaction.atomic():
        page = DiscussionPage.objects.select_for_update().get(pk=page.pk)
        draft = page.get_latest_revision_as_object()
        if draft.status == DiscussionStatus.CLOSED:
            raise CommentError("already_closed", _("Обсуждение уже закрыто."))
        CommentSection.objects.filter(page=page).update(is_open=False, closes_at=timezone.now())
        summary = discussion_summary(page=page)
        draft.status = DiscussionStatus.CLOSED
        draft.results = [("rich_text", RichText(_summary_html(summary, response)))]
        revision = draft.save_revision(user=by, log_action=True)
        page.refresh_from_db()
        submit_for_moderation(page=page, by=by)
    return revision
