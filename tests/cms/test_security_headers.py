"""Every response carries the security headers: the static build's files, the admin and the API,
one policy from the settings; the README's nginx lines say the same as the code."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from cms.core.security_headers import static_site_headers
from publish.serving import PublicSiteDispatcher
from tests.cms.test_settings import ROOT, run_manage
from tests.factories import add_page, make_site
from tests.publish.helpers import Response, live, publish_full
from tests.wsgi import dispatcher_for

pytestmark = pytest.mark.django_db

VIDEO_URLS = [
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://rutube.ru/video/0123456789abcdef0123456789abcdef/",
    "https://vk.com/video-12345_67890",
]
COMMON_HEADERS = {
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def policy(header: str) -> dict[str, list[str]]:
    """{directive: sources} of a Content-Security-Policy value, whatever the directives' order."""
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sorted(sources) for name, *sources in directives}


@pytest.fixture
def site(site_dir, media_root):
    homes = make_site()
    add_page(
        homes["ru"],
        "Экскурсия",
        slug="tour",
        body=[("video", {"url": url, "title": "Видео", "caption": ""}) for url in VIDEO_URLS],
    )
    publish_full()
    return homes


@pytest.fixture
def dispatcher(site) -> PublicSiteDispatcher:
    with dispatcher_for(settings.SITE_DIR) as app:
        yield app


@pytest.fixture
def staff_cookie(client, django_user_model) -> str:
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="secret-password"
    )
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def assert_strict_public_policy(headers: dict[str, str]) -> None:
    csp = policy(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    for name, value in COMMON_HEADERS.items():
        assert headers[name] == value, name


@pytest.mark.parametrize("path", ["/ru/tour/", "/ru/no-such-page/", "/robots.txt"])
def test_the_static_sites_files_and_its_404_page_carry_the_strict_policy_and_headers(
    dispatcher, path
):
    response = Response(dispatcher, path)

    assert_strict_public_policy(response.headers)
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize("path", ["/api/", "/api/search?q=x"])
def test_the_api_carries_the_same_strict_policy_as_the_static_site(dispatcher, path):
    page = Response(dispatcher, "/ru/tour/")
    path, _, query = path.partition("?")

    response = Response(dispatcher, path, QUERY_STRING=query)

    assert response.status == 200
    assert_strict_public_policy(response.headers)
    assert policy(response.headers["Content-Security-Policy"]) == policy(
        page.headers["Content-Security-Policy"]
    )


def test_the_admin_allows_the_inline_scripts_wagtail_needs_but_still_only_from_this_site(
    dispatcher, staff_cookie
):
    response = Response(dispatcher, "/admin/", HTTP_COOKIE=staff_cookie)

    assert response.status == 200
    csp = policy(response.headers["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'self'" in csp["script-src"]
    assert "https:" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    for name, value in COMMON_HEADERS.items():
        assert response.headers[name] == value, name


def test_the_static_site_sends_hsts_over_https_when_production_sets_it(dispatcher, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    over_https = Response(dispatcher, "/ru/tour/", **{"wsgi.url_scheme": "https"})
    behind_proxy = Response(dispatcher, "/ru/tour/", HTTP_X_FORWARDED_PROTO="https")
    over_http = Response(dispatcher, "/ru/tour/")

    assert over_https.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert (
        behind_proxy.headers["Strict-Transport-Security"]
        == over_https.headers["Strict-Transport-Security"]
    )
    assert "Strict-Transport-Security" not in over_http.headers


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, style attributes, handlers."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.frames: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src"):
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        if tag == "iframe":
            self.frames.append(attributes.get("src") or "")
        for name, _ in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")


def test_published_pages_have_no_inline_code_and_their_video_players_are_allowed_to_load(site):
    parser = InlineCode()
    for page in live().rglob("*.html"):
        parser.feed(page.read_text(encoding="utf-8"))
    frame_src = policy(dict(static_site_headers(secure=False))["Content-Security-Policy"])[
        "frame-src"
    ]

    assert parser.found == []
    assert len(parser.frames) == len(VIDEO_URLS)
    for src in parser.frames:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(src))
        assert origin in frame_src, src


@pytest.mark.slow
def test_the_readmes_nginx_headers_are_the_ones_the_code_sends_in_production():
    result = run_manage(
        "security_headers",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x9!vQ2#pLr8$Wm4^Zt6&Yk1*Hb3(Jn7)Gc5-Fd0_Se2+Ua9=Xo4",
        ALLOWED_HOSTS="coworking.example.org",
        # Production refuses to start without the key of the psychologist's requests.
        HELP_ENCRYPTION_KEYS="SooZQ4yT6bvBTUzIu2Xs6KOqjz53fg7UJWmvoaNZNYY=",
    )
    assert result.returncode == 0, result.stderr
    line = re.compile(r'add_header (\S+) "([^"]*)" always;')
    expected = dict(line.findall(result.stdout))
    readme = dict(line.findall((ROOT / "README.md").read_text(encoding="utf-8")))

    assert "Strict-Transport-Security" in expected
    assert readme.keys() == expected.keys()
    for name, value in expected.items():
        if name == "Content-Security-Policy":
            assert policy(readme[name]) == policy(value)
        else:
            assert readme[name] == value, name
