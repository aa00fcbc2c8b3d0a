"""Comments in "download my data" and "delete my account".

A person's file holds the comments they wrote (with their status and any reason they were
hidden) and the reports they filed. Deleting the account deletes both (and the replies to
their comments, which make no sense without them); a moderator's account leaves the comments
they hid, without the link to them.
"""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import Comment, CommentReport


def comments_export(person) -> dict:
    return {
        "written": [
            {
                "section": comment.section.title,
                "passage": comment.passage,
                "reply_to": comment.parent_id,
                "text": comment.text,
                "status": comment.status,
                "hidden_reason": comment.hidden_reason,
                "written_at": comment.created_at,
            }
            for comment in Comment.objects.filter(author=person).select_related("section")
        ],
        "reported": [
            {"comment": report.comment_id, "reason": report.reason, "at": report.created_at}
            for report in CommentReport.objects.filter(reporter=person)
        ],
    }


def comments_erase(person) -> None:
    Comment.objects.filter(author=person).delete()
    CommentReport.objects.filter(reporter=person).delete()
    Comment.objects.filter(hidden_by=person).update(hidden_by=None)


MODELS = ["comments.Comment", "comments.CommentReport"]
register_exporter("comments", comments_export, models=MODELS)
register_eraser("comments", comments_erase, models=MODELS)
