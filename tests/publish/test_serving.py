"""How the WSGI app in front of the static build answers: pages, redirects, 404s, caching
headers, refusals, and which paths go to Django instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from publish.builder import SiteBuilder
from publish.serving import PublicSiteDispatcher, StaticSite
from publish.swap import live_dir
from tests.factories import add_page, make_site, translate
from tests.wsgi import dispatcher_for

from .helpers import Response

SECRET = b"outside-the-build-secret"

# Every test here is a database test only so that pytest-django runs them before any
# transactional test, whose flush would take the migrations' root page from `published`.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A site published once for the module; the database rows are rolled back, the build stays.

    Besides the build, SITE_DIR holds a file no request may ever reach."""
    site_dir = tmp_path_factory.mktemp("serving") / "site"
    media_root = site_dir.parent / "media"
    with (
        django_db_blocker.unblock(),
        override_settings(SITE_DIR=site_dir, BUILD_DIR=str(site_dir), MEDIA_ROOT=media_root),
        transaction.atomic(),
    ):
        homes = make_site()
        about = add_page(homes["ru"], "О модели", slug="about")
        add_page(about, "Зоны", slug="zones")
        translate(about, "en", "About")
        SiteBuilder(progress=False).build_full()
        transaction.set_rollback(True)
    # The rolled-back site's root paths must not outlive it in Wagtail's cache.
    cache.clear()
    (site_dir / "secret.txt").write_bytes(SECRET)
    (live_dir(site_dir) / ".env").write_bytes(SECRET)
    return site_dir


@pytest.fixture(scope="module")
def live(published) -> Path:
    return live_dir(published)


@pytest.fixture(scope="module")
def app(published) -> StaticSite:
    return StaticSite(published / "live")


def test_a_page_is_served_as_utf8_html_from_the_live_build(app, live):
    response = Response(app, "/ru/about/")

    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.body == (live / "ru/about/index.html").read_bytes()
    assert "<h1>О модели</h1>" in response.body.decode()
    assert response.headers["Content-Length"] == str(len(response.body))


def test_a_page_address_without_its_trailing_slash_redirects_permanently_to_it(app):
    response = Response(app, "/ru/about")

    assert response.status == 301
    assert response.headers["Location"] == "/ru/about/"


def test_the_redirect_to_the_trailing_slash_keeps_the_query_string(app):
    response = Response(app, "/ru/about", QUERY_STRING="utm_source=mail")

    assert response.headers["Location"] == "/ru/about/?utm_source=mail"


def test_a_doubled_leading_slash_redirects_within_the_site_not_to_another_host(app):
    response = Response(app, "//ru")

    assert response.status == 301
    assert not response.headers["Location"].startswith("//")


def test_an_unknown_address_is_a_404_with_the_sites_own_404_page(app, live):
    response = Response(app, "/ru/no-such-page/")

    assert response.status == 404
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.body == (live / "404.html").read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/../",
        "/..",
        "/%2e%2e/",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/ru/../../secret.txt",
        "/.publish.lock",
        "/../.publish.lock",
        "/.env",
        "/ru/%2e%2e/%2e%2e/builds/",
    ],
)
def test_dot_files_and_parent_traversal_are_404_and_never_reach_a_file_outside_the_build(
    app, live, path
):
    response = Response(app, path)

    assert response.status == 404
    assert response.body == (live / "404.html").read_bytes()
    assert SECRET not in response.body


def test_a_nul_byte_in_the_address_is_a_404_not_a_server_error(app):
    assert Response(app, "/ru/%00").status == 404


def test_head_answers_with_the_headers_of_get_and_no_body(app, live):
    get = Response(app, "/ru/about/")
    head = Response(app, "/ru/about/", method="HEAD")

    assert head.status == 200
    assert head.body == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    assert head.headers["ETag"] == get.headers["ETag"]


def test_a_request_with_the_current_etag_gets_304_without_a_body(app):
    etag = Response(app, "/ru/about/").headers["ETag"]

    response = Response(app, "/ru/about/", HTTP_IF_NONE_MATCH=etag)

    assert response.status == 304
    assert response.body == b""
    assert response.headers["ETag"] == etag


def test_a_request_with_a_stale_etag_gets_the_page(app):
    response = Response(app, "/ru/about/", HTTP_IF_NONE_MATCH='"0-0-0"')

    assert response.status == 200
    assert response.body


def test_pages_must_revalidate_and_hashed_static_files_are_cached_for_a_year(app, live):
    static_file = next(p for p in (live / "static").rglob("*") if p.is_file())

    page = Response(app, "/ru/about/")
    static = Response(app, "/" + static_file.relative_to(live).as_posix())

    assert page.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert static.status == 200
    assert static.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_before_the_first_publish_every_address_is_503_with_the_command_to_run(tmp_path):
    response = Response(StaticSite(tmp_path / "site" / "live"), "/ru/")

    assert response.status == 503
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert b"python manage.py publish" in response.body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_methods_other_than_get_and_head_are_405_with_the_allowed_ones(app, method):
    response = Response(app, "/ru/about/", method=method)

    assert response.status == 405
    assert response.headers["Allow"] == "GET, HEAD"


@pytest.fixture(scope="module")
def dispatcher(published) -> PublicSiteDispatcher:
    with dispatcher_for(published) as app:
        yield app


def test_the_dispatcher_sends_the_api_to_django_which_answers_json(dispatcher):
    response = Response(dispatcher, "/api/")

    assert response.status == 200
    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(response.body)["version"] == 1


@pytest.mark.parametrize("path", ["/admin/", "/media/original_images/photo.jpg"])
def test_the_dispatcher_sends_the_admin_and_uploads_to_django_which_asks_to_log_in(
    dispatcher, path
):
    response = Response(dispatcher, path)

    assert response.status == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_the_dispatcher_sends_pages_to_the_static_site(dispatcher, live):
    response = Response(dispatcher, "/ru/")

    assert response.status == 200
    assert response.body == (live / "ru/index.html").read_bytes()


@pytest.mark.parametrize("path", ["/static/", "/static/css/", "/static/no/such/dir/"])
def test_a_static_directory_address_is_a_404_with_the_sites_404_page_not_a_redirect(
    dispatcher, live, path
):
    response = Response(dispatcher, path)

    assert response.status == 404
    assert "Location" not in response.headers
    assert response.body == (live / "404.html").read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/ru/" + "а" * 200 + "/",
        "/ru/" + "x" * 256,
        "/" + "/".join(["x" * 200] * 30) + "/index.html",
        "/ru/about/index.html/" + "x" * 300,
    ],
    ids=["long-cyrillic-segment", "segment-over-255-bytes", "whole-path-too-long", "under-a-file"],
)
def test_an_address_too_long_for_the_file_system_is_the_sites_404_page_not_a_dropped_connection(
    dispatcher, live, path
):
    response = Response(dispatcher, path.encode().decode("latin-1"))

    assert response.status == 404
    assert response.body == (live / "404.html").read_bytes()
