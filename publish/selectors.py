"""Which pages may reach the public site: the one definition every builder and index uses."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, Site


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
