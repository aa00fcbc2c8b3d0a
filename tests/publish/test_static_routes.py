"""A page can publish extra files (facet listings, calendar files) beside its own page."""

import pytest
from django.http import HttpResponse

from cms.core.models import StaticRoute
from publish.builder import BuildFailed
from site_content.pages.models import StandardPage
from tests.factories import add_page, make_site

from .helpers import live, publish_changes, publish_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def routes(monkeypatch):
    """Which extra routes StandardPage publishes, by slug: {slug: [path, …]}."""
    table: dict[str, list[str]] = {}

    def static_routes(page):
        def render(request, path):
            body = f"<!doctype html><html><body><a href='{page.url}'>{path}</a></body></html>"
            return HttpResponse(body)

        return [
            StaticRoute(path, lambda request, path=path: render(request, path))
            for path in table.get(page.slug, [])
        ]

    monkeypatch.setattr(StandardPage, "static_routes", static_routes)
    return table


def test_extra_routes_are_written_under_the_page_and_link_checked(site_dir, routes):
    home = make_site()["ru"]
    add_page(home, "Библиотека", slug="library")
    routes["library"] = ["subject/maths/", "calendar.ics"]

    result = publish_full(strict=True)

    assert (live() / "ru/library/subject/maths/index.html").is_file()
    assert "calendar.ics" in (live() / "ru/library/calendar.ics").read_text()
    assert result.broken_links == []


def test_a_route_the_page_no_longer_publishes_disappears_on_the_next_publish(site_dir, routes):
    home = make_site()["ru"]
    library = add_page(home, "Библиотека", slug="library")
    routes["library"] = ["subject/maths/", "subject/physics/"]
    publish_full()

    routes["library"] = ["subject/maths/"]
    library.save_revision().publish()
    publish_changes()

    assert (live() / "ru/library/subject/maths/index.html").is_file()
    assert not (live() / "ru/library/subject/physics").exists()


def test_a_route_cannot_write_outside_the_build(site_dir, routes):
    home = make_site()["ru"]
    add_page(home, "Библиотека", slug="library")
    routes["library"] = ["../../../../etc/"]

    with pytest.raises(BuildFailed, match="outside the build directory"):
        publish_full()


def test_extra_html_routes_are_listed_in_the_sitemap_with_their_page_lastmod(site_dir, routes):
    home = make_site()["ru"]
    library = add_page(home, "Библиотека", slug="library")
    routes["library"] = ["subject/maths/", "calendar.ics"]

    publish_full()

    sitemap = (live() / "sitemap.xml").read_text()
    lastmod = StandardPage.objects.get(pk=library.pk).last_published_at.date().isoformat()
    assert (
        "<url><loc>http://127.0.0.1:8000/ru/library/subject/maths/</loc>\n"
        f"<lastmod>{lastmod}</lastmod>\n</url>"
    ) in sitemap
    assert "calendar.ics" not in sitemap


def test_a_route_the_page_no_longer_publishes_leaves_the_sitemap(site_dir, routes):
    home = make_site()["ru"]
    library = add_page(home, "Библиотека", slug="library")
    routes["library"] = ["subject/maths/", "subject/physics/"]
    publish_full()

    routes["library"] = ["subject/maths/"]
    library.save_revision().publish()
    publish_changes()

    sitemap = (live() / "sitemap.xml").read_text()
    assert "/ru/library/subject/maths/</loc>" in sitemap
    assert "subject/physics" not in sitemap
