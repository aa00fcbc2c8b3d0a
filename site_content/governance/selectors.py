"""Reads for the governance pages: their published children, members by group, timelines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from publish.listings import children_or_originals

if TYPE_CHECKING:
    from .models import CouncilMember, CouncilPage, DiscussionPage, GovernanceIndexPage

# Administration and teachers first: readers look for the adults responsible before the rest.
GROUP_ORDER = ("administration", "teacher", "parent", "student", "partner")


def governance_children(
    *, index_page: GovernanceIndexPage, request: HttpRequest
) -> tuple[list[Page], str]:
    """The published councils and discussions of the section, specific, in tree order, and
    their language (see `publish.listings.children_or_originals`).

    Each carries `public_url` and `public_language`, taken from the build's site index so no
    URL query is made.
    """
    infos, language = children_or_originals(page=index_page, request=request)
    pages = {p.pk: p for p in Page.objects.filter(pk__in=[i.id for i in infos]).specific()}
    children = []
    for info in infos:
        page = pages.get(info.id)
        if page is not None:
            page.public_url = info.url
            page.public_language = info.language
            children.append(page)
    return children, language


@dataclass(frozen=True)
class MemberGroupView:
    code: str
    label: str
    members: list[CouncilMember]


def council_member_groups(*, council: CouncilPage) -> list[MemberGroupView]:
    """The council's members grouped by whom they represent, in a stable order."""
    from .models import MemberGroup

    labels = dict(MemberGroup.choices)
    members = list(council.members.all())
    groups = []
    for code in GROUP_ORDER:
        in_group = [m for m in members if m.group == code]
        if in_group:
            groups.append(MemberGroupView(code=code, label=labels[code], members=in_group))
    return groups


@dataclass(frozen=True)
class TimelineStep:
    label: str
    date: date | None
    done: bool


def discussion_timeline(*, discussion: DiscussionPage) -> list[TimelineStep]:
    """Opening, closing and results of a discussion; a step is done according to the status.

    The status, not today's date, decides: the static page is rebuilt when an editor changes
    the status, while a date comparison would go stale between builds.
    """
    closed = not discussion.is_open
    return [
        TimelineStep(_("Обсуждение открыто"), discussion.opens_on, True),
        TimelineStep(_("Приём мнений завершается"), discussion.closes_on, closed),
        TimelineStep(
            _("Публикация итогов"),
            discussion.results_on,
            closed and bool(discussion.results),
        ),
    ]
