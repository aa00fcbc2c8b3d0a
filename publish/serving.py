"""Serve the live static build, and send the dynamic prefixes to Django.

This is what `make run` puts behind gunicorn. At scale nginx or object storage serves
SITE_DIR/live instead (see README); the behaviour here mirrors that: index.html for
directories, 404.html for missing files, long caching for hashed static files.
"""

from __future__ import annotations

import email.utils
import errno
import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import quote
from wsgiref.util import FileWrapper

from cms.core.security_headers import is_secure, static_site_headers

STATIC_PREFIX = "/static/"
DJANGO_PREFIXES = (
    "/admin",
    "/api",
    "/static/",
    "/media/",
    "/documents/",
    "/django-admin",
    "/ru/accounts/",
    "/en/accounts/",
)
# Django pages among the site's own addresses: an event's registration page for readers
# without JavaScript, and a guest's confirmation link. (An event page publishes no "register/"
# or "confirm/" below itself, and an id is never a page's slug there.)
DJANGO_PATHS = re.compile(r"^/(?:ru|en)/events/\d+/(?:register|confirm)/")


def answered_by_django(path: str) -> bool:
    return path.startswith(DJANGO_PREFIXES) or DJANGO_PATHS.match(path) is not None


# What opening a visitor's address can fail with: the address names no file of the build.
# Other errors (permissions, I/O, too many open files) are the server's fault and stay errors.
NO_SUCH_FILE = {
    errno.ENOENT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.ENAMETOOLONG,
    errno.ELOOP,
    errno.EINVAL,
}
NOT_PUBLISHED = (
    b"The site has not been published yet. Run `python manage.py publish` "
    b"(or `make run`) to build it."
)


class StaticSite:
    """A WSGI app for one build directory, resolved afresh on every request."""

    def __init__(self, live_link: Path):
        self.live_link = Path(live_link)

    def __call__(self, environ, start_response):
        return self._serve(environ, _with_security_headers(environ, start_response))

    def not_found(self, environ, start_response):
        """The live build's 404 page, for an address Django must not answer either."""
        start_response = _with_security_headers(environ, start_response)
        return self._not_found(os.path.realpath(self.live_link), environ, start_response)

    def _serve(self, environ, start_response):
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return _respond(
                start_response,
                "405 Method Not Allowed",
                b"Method not allowed",
                [("Allow", "GET, HEAD")],
            )
        # Resolve the symlink once, so this whole response comes from one build.
        root = os.path.realpath(self.live_link)
        if not os.path.isdir(root):
            return _respond(start_response, "503 Service Unavailable", NOT_PUBLISHED)
        # PATH_INFO is already percent-decoded by the server; WSGI hands it over as latin-1.
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        parts = [p for p in path.split("/") if p]
        if any(p.startswith(".") or "\x00" in p for p in parts):
            return self._not_found(root, environ, start_response)
        candidate = os.path.join(root, *parts)
        if os.path.isdir(candidate):
            if not path.endswith("/"):
                # Built from the cleaned parts, so "//ru" cannot become a protocol-relative URL.
                query = environ.get("QUERY_STRING")
                location = quote("/" + "/".join(parts) + "/") + (f"?{query}" if query else "")
                return _respond(
                    start_response, "301 Moved Permanently", b"", [("Location", location)]
                )
            candidate = os.path.join(candidate, "index.html")
        return self._file(candidate, environ, start_response) or self._not_found(
            root, environ, start_response
        )

    def _not_found(self, root, environ, start_response):
        page = os.path.join(root, "404.html")
        response = self._file(page, environ, start_response, status="404 Not Found")
        return response or _respond(start_response, "404 Not Found", b"Not found")

    def _file(self, path, environ, start_response, status="200 OK"):
        try:
            handle = open(path, "rb")
        except ValueError:
            return None
        except OSError as exc:
            if exc.errno in NO_SUCH_FILE:
                return None
            raise
        stat = os.fstat(handle.fileno())
        etag = f'"{stat.st_ino:x}-{stat.st_size:x}-{int(stat.st_mtime_ns):x}"'
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in (
            "application/xml",
            "application/javascript",
            "application/atom+xml",
        ):
            content_type += "; charset=utf-8"
        headers = [
            ("Content-Type", content_type),
            ("Content-Length", str(stat.st_size)),
            ("ETag", etag),
            ("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True)),
            ("Cache-Control", _cache_control(path)),
        ]
        if status.startswith("200") and environ.get("HTTP_IF_NONE_MATCH") == etag:
            handle.close()
            return _respond(start_response, "304 Not Modified", b"", [("ETag", etag)])
        start_response(status, headers)
        if environ["REQUEST_METHOD"] == "HEAD":
            handle.close()
            return [b""]
        return environ.get("wsgi.file_wrapper", FileWrapper)(handle, 64 * 1024)


def _with_security_headers(environ, start_response):
    """start_response that adds the site's security headers (cms/core/security_headers.py)."""
    extra = static_site_headers(secure=is_secure(environ))

    def start(status, headers, *exc_info):
        return start_response(status, [*headers, *extra], *exc_info)

    return start


def _cache_control(path: str) -> str:
    if "/static/" in path or "/images/" in path:
        # Hashed or content-addressed names: a changed file gets a new name.
        return "public, max-age=31536000, immutable"
    return "public, max-age=0, must-revalidate"


def _respond(start_response, status, body, headers=()):
    start_response(
        status,
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            *headers,
        ],
    )
    return [body]


class PublicSiteDispatcher:
    """Django for the admin, the API and uploads; the static build for everything else."""

    def __init__(self, django_app, site_dir: Path):
        self.django_app = django_app
        self.static_site = StaticSite(Path(site_dir) / "live")

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        if path.startswith(STATIC_PREFIX) and path.endswith("/"):
            # No static file has a directory's address; Django would not answer 404 but
            # redirect to a language-prefixed address that does not exist either.
            return self.static_site.not_found(environ, start_response)
        if answered_by_django(path):
            return self.django_app(environ, start_response)
        return self.static_site(environ, start_response)
