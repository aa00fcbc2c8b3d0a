"""Reading a published build the way a visitor's browser would."""

from __future__ import annotations

import hashlib
from pathlib import Path
from wsgiref.util import setup_testing_defaults

from django.conf import settings

from publish.builder import SiteBuilder
from publish.swap import live_dir


def publish_full(**kwargs):
    return SiteBuilder(progress=False, **kwargs).build_full()


def publish_changes(**kwargs):
    return SiteBuilder(progress=False).build_changes(**kwargs)


def live() -> Path:
    path = live_dir(Path(settings.SITE_DIR))
    assert path is not None, "nothing has been published"
    return path


def page_html(url: str) -> str:
    return (live() / url.strip("/") / "index.html").read_text(encoding="utf-8")


def all_output_text() -> str:
    """Every text file of the live build, concatenated: what a crawler could ever read."""
    chunks = []
    for path in sorted(live().rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xml", ".txt", ".map"}:
            chunks.append(path.read_text(encoding="utf-8"))
    return "\n".join(chunks)


def tree_digest(root: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under root."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def full_build_digest(tmp_path: Path) -> dict[str, str]:
    """The digest of a clean full build of the current database, made beside the live site."""
    incremental_site = settings.SITE_DIR
    settings.SITE_DIR = tmp_path / "clean"
    try:
        publish_full()
        return tree_digest(live())
    finally:
        settings.SITE_DIR = incremental_site


def differing_from_a_full_build(tmp_path: Path) -> list[str]:
    """The paths where the live site differs from a clean full build (none, when in step)."""
    incremental = tree_digest(live())
    clean = full_build_digest(tmp_path)
    return sorted(
        path
        for path in incremental.keys() | clean.keys()
        if incremental.get(path) != clean.get(path)
    )


class Response:
    """One request through a WSGI app (the static site or the whole dispatcher), as a server
    would hand it over: PATH_INFO already percent-decoded, headers as HTTP_* keys."""

    def __init__(self, app, path: str, method: str = "GET", **environ):
        request = {"PATH_INFO": path, "REQUEST_METHOD": method, **environ}
        setup_testing_defaults(request)
        captured = []
        self.body = b"".join(
            app(request, lambda status, headers: captured.append((status, headers)))
        )
        status, headers = captured[0]
        self.status = int(status.split()[0])
        self.headers = dict(headers)
