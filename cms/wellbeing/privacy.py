"""The psychologist's help in "download my data" and "delete my account".

A signed-in author's file holds their own requests and the replies to them, and nobody else's
does: a psychologist's file counts the replies they wrote and the requests they opened, without
a word of them. Anonymous requests belong to no account, so no file holds them.

Deleting an author's account deletes their requests with the replies. A psychologist's replies
stay with the requests they answer (the author's conversation), and the access log stays: it
is the record of who read what.
"""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exempt, register_exporter

from .models import HelpAccessLog, HelpReply, HelpRequest


def wellbeing_export(person) -> dict:
    requests = (
        HelpRequest.objects.filter(requester=person)
        .prefetch_related("replies")
        .order_by("created_at")
    )
    return {
        "requests_to_the_psychologist": [
            {
                "written_at": r.created_at,
                "text": r.text,
                "status": r.status,
                "urgent": r.urgent,
                "wants_consultation": r.wants_consultation,
                "replies": [
                    {"text": reply.text, "at": reply.created_at} for reply in r.replies.all()
                ],
            }
            for r in requests
        ],
        "replies_written_as_psychologist": HelpReply.objects.filter(psychologist=person).count(),
        "requests_opened_as_psychologist": HelpAccessLog.objects.filter(
            psychologist=person
        ).count(),
    }


def wellbeing_erase(person) -> None:
    HelpRequest.objects.filter(requester=person).delete()


register_exporter(
    "wellbeing",
    wellbeing_export,
    models=["wellbeing.HelpRequest", "wellbeing.HelpReply", "wellbeing.HelpAccessLog"],
)
register_eraser("wellbeing", wellbeing_erase, models=["wellbeing.HelpRequest"])
register_exempt(
    "wellbeing.HelpReply",
    "wellbeing.HelpAccessLog",
    reason=(
        "a psychologist's replies belong to the author's conversation, and the access log is "
        "the record of who read which request; both name only the anonymised account"
    ),
    from_export=False,
)
