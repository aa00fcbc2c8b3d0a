"""Reads for the governance pages: their published children, members by group, timelines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from publish.context import current
from publish.site_index import PageInfo

if TYPE_CHECKING:
    from .models import CouncilMember, CouncilPage, DiscussionPage, GovernanceIndexPage

# Administration and teachers first: readers look for the adults responsible before the rest.
GROUP_ORDER = ("administration", "teacher", "parent", "student", "partner")


def children_or_originals(*, page: Page, request: HttpRequest) -> tuple[list[PageInfo], str]:
    """The page's published children, or, for a translation that has none yet, its original's.

    Returns the children and their language, so an English section can list the Russian
    councils (marked as Russian) instead of looking empty. The page records the children it
    shows, so publishing one re-renders it.
    """
    ctx = current(request)
    ctx.depends_on(f"children:{page.pk}")
    info = ctx.index.get(page.pk)
    children = ctx.index.children_of(page.pk)
    if children or info is None or info.language == settings.LANGUAGE_CODE:
        return children, info.language if info else settings.LANGUAGE_CODE
    for original in ctx.index.translations.get(info.translation_key, []):
        if original.language == settings.LANGUAGE_CODE:
            ctx.depends_on(f"children:{original.id}")
            return ctx.index.children_of(original.id), original.language
    return [], info.language


def governance_children(
    *, index_page: GovernanceIndexPage, request: HttpRequest
) -> tuple[list[Page], str]:
    """The published councils and discussions of the section, specific, in tree order, and
    their language (see `children_or_originals`).

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
