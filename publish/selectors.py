"""Reads of publishing: which pages may reach the public site (the one definition every builder
and index uses), and whether the editors' changes are live yet."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, Site

from .models import PublishRequest, PublishRun


def publishable_pages() -> QuerySet[Page]:
    """Live pages with no view restriction on them or an ancestor, not expired, under a site root.

    Drafts never reach this set: only a page's live revision is rendered. Expired pages are
    excluded even before `publish_scheduled` unpublishes them.
    """
    now = timezone.now()
    roots = Site.objects.filter(is_default_site=True).values_list("root_page__translation_key")
    site_roots = Page.objects.filter(translation_key__in=roots, depth=2)
    under_a_site = Q()
    for path in site_roots.values_list("path", flat=True):
        under_a_site |= Q(path__startswith=path)
    if not under_a_site:
        return Page.objects.none()
    return (
        Page.objects.live()
        .public()
        .filter(under_a_site)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


@dataclass(frozen=True)
class PublishStatus:
    """What the admin shows of publishing: the changes not live yet and the latest runs."""

    waiting: int
    waiting_since: datetime | None
    running: PublishRun | None
    last_done: PublishRun | None
    recent_runs: list[PublishRun]


def publish_status(*, runs: int = 5) -> PublishStatus:
    """Whether the editors' latest changes are live, for the admin dashboard."""
    waiting = PublishRequest.objects.aggregate(count=Count("pk"), since=Min("requested_at"))
    recent = list(PublishRun.objects.order_by("-started_at", "-pk")[:runs])
    return PublishStatus(
        waiting=waiting["count"],
        waiting_since=waiting["since"],
        running=next((r for r in recent if r.status == PublishRun.Status.RUNNING), None),
        last_done=PublishRun.objects.filter(status=PublishRun.Status.DONE)
        .order_by("-finished_at", "-pk")
        .first(),
        recent_runs=recent,
    )
