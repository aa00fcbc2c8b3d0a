"""Reads of the psychologist's help. A psychologist's read of a text is logged by
`services.help_request_read`, not here: these functions only find rows."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count

from . import rules
from .codes import code_hash, normalise
from .models import CrisisWord, HelpRequest, HelpStatus


def requests_for(*, user):
    """The psychologist's queue (everyone's, urgent first, then the newest), or the author's
    own requests; nothing for anyone else."""
    qs = HelpRequest.objects.annotate(reply_count=Count("replies")).select_related("requester")
    if rules.is_psychologist(user):
        # Open requests before closed ones; among them urgent first, then the newest.
        return sorted(
            qs.order_by("-urgent", "-created_at"),
            key=lambda r: r.status == HelpStatus.CLOSED,
        )
    if user.is_authenticated:
        return list(qs.filter(requester=user).order_by("-created_at"))
    return []


def request_visible_to(*, user, request_id: int) -> HelpRequest | None:
    """The request, if `user` may read it (the psychologist, or its signed-in author)."""
    help_request = (
        HelpRequest.objects.select_related("requester", "meeting").filter(pk=request_id).first()
    )
    if help_request is None or not rules.may_read(user, help_request):
        return None
    return help_request


def request_by_code(*, code: str) -> HelpRequest | None:
    """The anonymous request whose one-time code this is."""
    if len(normalise(code)) != 16:
        return None
    return (
        HelpRequest.objects.select_related("meeting")
        .filter(code_hash=code_hash(code), requester__isnull=True)
        .first()
    )


def crisis_words() -> list[str]:
    return list(CrisisWord.objects.values_list("word", flat=True))


def help_lines(*, language: str) -> str:
    """Where to call right now: the published relaxation room page's "urgent help" in
    `language` (else the Russian page's), else the national children's help line."""
    from site_content.support.models import RelaxationRoomPage

    pages = RelaxationRoomPage.objects.live().exclude(urgent_help="")
    for code in (language, settings.LANGUAGE_CODE):
        page = pages.filter(locale__language_code=code).first()
        if page is not None:
            return page.urgent_help
    return settings.HELP_LINE_DEFAULT


def relaxation_room_url(*, language: str) -> str:
    from site_content.support.models import RelaxationRoomPage

    page = (
        RelaxationRoomPage.objects.live().filter(locale__language_code=language).first()
        or RelaxationRoomPage.objects.live().first()
    )
    return (page.get_url() or "") if page else ""
