"""Whole-site files: sitemap, robots.txt, Atom feeds, the root redirect, 404 and redirects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import feedgenerator, translation
from wagtail.contrib.redirects.models import Redirect

from .site_index import SiteIndex

FEED_LENGTH = 20
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def absolute(url: str) -> str:
    return settings.PUBLIC_BASE_URL + url


def sitemap_xml(index: SiteIndex, routes: dict[int, list[str]] | None = None) -> str:
    """sitemap.xml with lastmod and hreflang alternates for every translated page.

    `routes` maps a page id to the URLs of the extra HTML pages it publishes (facet and
    exhibit pages…); they are listed with their page's lastmod."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    entries = [(page.url, page, True) for page in index.pages.values()]
    for page_id, urls in (routes or {}).items():
        page = index.get(page_id)
        if page is not None:
            entries.extend((url, page, False) for url in urls)
    for url, page, own in sorted(entries, key=lambda entry: entry[0]):
        lines.append(f"<url><loc>{escape(absolute(url))}</loc>")
        if page.last_published_at:
            lines.append(f"<lastmod>{page.last_published_at.date().isoformat()}</lastmod>")
        translations = (
            sorted(index.translations.get(page.translation_key, []), key=lambda p: p.language)
            if own
            else []
        )
        if len(translations) > 1:
            for other in translations:
                lines.append(
                    f'<xhtml:link rel="alternate" hreflang="{other.language}" '
                    f"href={quoteattr(absolute(other.url))}/>"
                )
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt() -> str:
    return (
        f"User-agent: *\nDisallow: /admin/\nDisallow: /api/\nSitemap: {absolute('/sitemap.xml')}\n"
    )


class StableAtomFeed(feedgenerator.Atom1Feed):
    """Atom feed whose <updated> comes from its entries (or a given fallback), never the clock,
    so identical content gives identical bytes."""

    def __init__(self, *args, fallback_updated: datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fallback_updated = fallback_updated or EPOCH

    def latest_post_date(self):
        dates = [i["updateddate"] or i["pubdate"] for i in self.items]
        return max((d for d in dates if d), default=self.fallback_updated)


def atom_feed(index: SiteIndex, language: str) -> str | None:
    """The newest pages of one language as an Atom feed, or None when that language has no site."""
    root = index.roots.get(language)
    if root is None:
        return None
    feed = StableAtomFeed(
        title=root.title,
        link=absolute(root.url),
        description=root.lead or root.title,
        language=language,
        feed_url=absolute(f"/{language}/feed.xml"),
        feed_guid=absolute(f"/{language}/feed.xml"),
    )
    for page in index.latest(language, FEED_LENGTH):
        feed.add_item(
            title=page.title,
            link=absolute(page.url),
            description=page.lead or page.search_description or "",
            unique_id=absolute(page.url),
            pubdate=page.first_published_at,
            updateddate=page.last_published_at,
        )
    return feed.writeString("utf-8")


def root_redirect_html(index: SiteIndex) -> str:
    """`/` sends readers to the default language (a meta refresh works on any static host)."""
    language = (
        settings.LANGUAGE_CODE
        if settings.LANGUAGE_CODE in index.roots
        else next(iter(sorted(index.roots)), None)
    )
    target = f"/{language}/" if language else "/404.html"
    return render_to_string("publish/redirect.html", {"target": target, "language": language})


def not_found_html(index: SiteIndex) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "404.html", {"language": settings.LANGUAGE_CODE, "site_index_roots": index.roots}
        )


@dataclass(frozen=True)
class StaticRedirect:
    old_path: str
    target: str
    permanent: bool

    @property
    def output_path(self) -> str:
        return self.old_path.strip("/") + "/index.html"


def static_redirects(
    index: SiteIndex, occupied: set[str]
) -> tuple[list[StaticRedirect], list[str]]:
    """Wagtail redirects that can be published, and a warning for each one that cannot."""
    redirects, warnings = [], []
    queryset = Redirect.objects.filter(site__isnull=True) | Redirect.objects.filter(
        site__is_default_site=True
    )
    for redirect in queryset.order_by("old_path", "id"):
        old_path = "/" + redirect.old_path.strip("/")
        if redirect.redirect_page_id:
            info = index.get(redirect.redirect_page_id)
            if info is None:
                warnings.append(f"redirect {old_path}: its target page is not public, skipped")
                continue
            target = info.url
        else:
            target = redirect.redirect_link
        item = StaticRedirect(old_path=old_path, target=target, permanent=redirect.is_permanent)
        if ".." in old_path.split("/") or old_path == "/":
            warnings.append(f"redirect {old_path}: not a path the static site can hold, skipped")
        elif item.output_path in occupied:
            warnings.append(f"redirect {old_path}: a published page has this address, skipped")
        else:
            redirects.append(item)
            occupied.add(item.output_path)
    return redirects, warnings


def redirect_html(redirect: StaticRedirect) -> str:
    return render_to_string("publish/redirect.html", {"target": redirect.target, "language": None})


def nginx_redirect_map(redirects: list[StaticRedirect], *, permanent: bool) -> str:
    """The body of an nginx `map $uri $target {}` for the permanent or the temporary redirects."""
    kind = "permanent" if permanent else "temporary"
    lines = [f"# Generated by `manage.py publish` from Wagtail's {kind} redirects."]
    for redirect in redirects:
        if redirect.permanent == permanent:
            lines.append(f"{redirect.old_path} {redirect.target};")
            lines.append(f"{redirect.old_path}/ {redirect.target};")
    return "\n".join(lines) + "\n"
