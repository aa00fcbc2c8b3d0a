"""The live site is always one complete build: killed or failed builds never touch it, and
readers never see a missing or half-written page while publishes run."""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import signal
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit
from wsgiref.util import setup_testing_defaults

import pytest
from django.db import transaction

from publish.builder import BuildFailed, SiteBuilder
from publish.serving import StaticSite
from publish.swap import live_dir
from site_content.pages.models import StandardPage
from tests.factories import add_page, make_document, make_image, make_site, translate
from tests.publish import processes

PARAGRAPH = (
    "<p>" + "Участники коворкинга обсуждают проекты, делятся опытом и планами. " * 12 + "</p>"
)


def tree_hashes(root: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under root."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def serve(app, path: str) -> tuple[int, bytes]:
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    status = []
    body = b"".join(app(environ, lambda s, headers: status.append(s)))
    return int(status[0].split()[0]), body


def page_urls(live: Path) -> list[str]:
    return sorted(
        "/" + path.parent.relative_to(live).as_posix() + "/"
        for path in live.glob("*/**/index.html")
    )


def add_many_pages(parent, count: int, prefix: str) -> None:
    """Live pages with a realistic body, saved without revisions: a revision per page would
    triple the setup time, and the builder renders the page rows, not revisions."""
    body = [{"type": "rich_text", "value": PARAGRAPH} for _ in range(8)]
    with transaction.atomic():
        for number in range(count):
            parent.add_child(
                instance=StandardPage(
                    title=f"{prefix} {number}",
                    slug=f"note-{number}",
                    lead=PARAGRAPH[3:200],
                    body=body,
                )
            )


def make_large_site(*, sections: int, pages_per_section: int) -> None:
    homes = make_site(english=False)
    for number in range(sections):
        section = add_page(homes["ru"], f"Раздел {number}", slug=f"section-{number}")
        add_many_pages(section, pages_per_section, prefix=f"Заметка {number}.")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_killed_mid_build_leaves_the_old_site_live_byte_for_byte_and_serving(
    site_dir, media_root, tmp_path
):
    make_large_site(sections=8, pages_per_section=30)
    first = SiteBuilder(progress=False).build_full()
    old_build = live_dir(site_dir)
    old_target = os.readlink(site_dir / "live")
    before = tree_hashes(old_build)
    env = processes.django_env(site_dir=site_dir, media_root=media_root, var_dir=tmp_path / "var")
    processes.manage("collectstatic", "--noinput", "-v0", env=env)

    with processes.started_manage("publish", env=env) as publish:
        progress = publish.wait_for_line(
            processes.PROGRESS, accept=lambda m: int(m[2]) // 10 <= int(m[1]) < int(m[2])
        )
        exit_code = publish.kill()
    done, total = int(progress[1]), int(progress[2])

    assert exit_code == -signal.SIGKILL
    assert total == first.pages, "the killed publish read another database than the test's"
    leftovers = [p for p in (site_dir / "builds").iterdir() if p.is_dir() and p != old_build]
    assert len(leftovers) == 1, "the killed publish wrote into another site directory"
    leftover = leftovers[0]
    written = len(list(leftover.glob("ru/**/index.html")))
    assert done <= written < total, f"killed after {written} of {total} pages, not mid-build"
    assert not leftover.with_name(leftover.name + ".json").exists()

    assert os.readlink(site_dir / "live") == old_target
    assert tree_hashes(live_dir(site_dir)) == before
    app = StaticSite(site_dir / "live")
    urls = page_urls(old_build)
    assert len(urls) == total
    for url in urls:
        status, body = serve(app, url)
        assert status == 200, url
        assert body == (old_build / url.strip("/") / "index.html").read_bytes(), url

    result = processes.manage("publish", "--quiet", env=env)
    new_build = Path(re.search(r"^live: (.+)$", result.stdout, re.M)[1])
    assert live_dir(site_dir) == new_build
    assert new_build.parent == site_dir / "builds"
    assert not leftover.exists()
    assert sorted(p.name for p in (site_dir / "builds").iterdir()) == sorted(
        [old_build.name, old_build.name + ".json", new_build.name, new_build.name + ".json"]
    )
    assert serve(app, urls[-1])[0] == 200


def damaged_image_page(parent):
    image = make_image("Открытие сезона")
    source = Path(image.file.path)
    source.write_bytes(source.read_bytes()[:150])
    block = {"image": image.pk, "alt_text": "Зал", "caption": "", "credit": "Пресс-центр лицея"}
    page = add_page(
        parent, "Фотоотчёт", slug="photo-report", body=[{"type": "image", "value": block}]
    )
    return page, "cannot be rendered"


def missing_document_page(parent):
    document = make_document("Положение о коворкинге")
    Path(document.file.path).unlink()
    block = {"document": document.pk, "title": "Положение"}
    page = add_page(
        parent, "Документы", slug="documents", body=[{"type": "document", "value": block}]
    )
    return page, "has no file on disk"


@pytest.mark.django_db
@pytest.mark.parametrize("make_broken_page", [damaged_image_page, missing_document_page])
def test_a_failing_build_names_the_page_and_the_reason_and_leaves_the_live_site_untouched(
    site_dir, media_root, make_broken_page
):
    homes = make_site()
    about = add_page(homes["ru"], "О модели", slug="about")
    add_page(about, "Зоны", slug="zones")
    translate(about, "en", "About")
    SiteBuilder(progress=False).build_full()
    old_target = os.readlink(site_dir / "live")
    before = tree_hashes(live_dir(site_dir))
    builds_before = sorted((site_dir / "builds").iterdir())
    page, reason = make_broken_page(about)

    with pytest.raises(BuildFailed) as failure:
        SiteBuilder(progress=False).build_full()

    named = [e for e in failure.value.errors if f"«{page.title}»" in e]
    assert len(named) == 1, failure.value.errors
    assert f"/ru/about/{page.slug}/" in named[0]
    assert reason in named[0]
    assert os.readlink(site_dir / "live") == old_target
    assert tree_hashes(live_dir(site_dir)) == before
    assert sorted((site_dir / "builds").iterdir()) == builds_before


def edit_titles(pages: list, version: int) -> None:
    for page in pages:
        page.refresh_from_db()
        page.title = re.sub(r" · v\d+$", "", page.title) + f" · v{version}"
        page.save_revision().publish()


class Readers:
    """Client threads fetching a fixed list of URLs over HTTP until stopped or out of time."""

    def __init__(self, base_url: str, urls: list[str], *, threads: int = 3, limit: float = 20):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.urls = urls
        self.responses: list[tuple[str, int, bytes]] = []
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.deadline = time.monotonic() + limit
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]

    def _run(self, offset: int) -> None:
        number = offset
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            url = self.urls[number % len(self.urls)]
            number += 1
            try:
                connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
                connection.request("GET", url)
                response = connection.getresponse()
                self.responses.append((url, response.status, response.read()))
                connection.close()
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{url}: {exc!r}")

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)

    def wait_for(self, count: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while len(self.responses) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(self.responses) >= count, f"readers made only {len(self.responses)} requests"


@pytest.mark.slow
@pytest.mark.django_db
def test_readers_only_ever_get_a_whole_published_version_of_each_page_while_publishes_run(
    site_dir, media_root, tmp_path
):
    homes = make_site()
    about = add_page(homes["ru"], "О модели", slug="about", show_in_menus=True)
    zones = add_page(about, "Зоны", slug="zones")
    events = add_page(homes["ru"], "События", slug="events", show_in_menus=True)
    for number in range(6):
        add_page(events, f"Встреча {number}", slug=f"meeting-{number}")
    about_en = translate(about, "en", "About")
    urls = [
        "/ru/", "/ru/about/", "/ru/about/zones/", "/ru/events/", "/ru/events/meeting-0/",
        "/ru/events/meeting-5/", "/en/", "/en/about/",
    ]  # fmt: skip
    versions: dict[str, set[bytes]] = defaultdict(set)

    def record_published_versions() -> None:
        live = live_dir(site_dir)
        for url in urls:
            versions[url].add((live / url.strip("/") / "index.html").read_bytes())

    builder = SiteBuilder(progress=False)
    builder.build_full()
    record_published_versions()
    env = processes.django_env(site_dir=site_dir, media_root=media_root, var_dir=tmp_path / "var")
    publishes = [builder.build_changes, builder.build_full] * 2

    with (
        processes.gunicorn(env=env, ready_path="/ru/") as base_url,
        Readers(base_url, urls) as readers,
    ):
        readers.wait_for(len(urls) * 2)
        for version, publish in enumerate(publishes, start=1):
            edit_titles([about, zones, about_en] if version % 2 else [events, about], version)
            publish()
            record_published_versions()
        readers.wait_for(len(readers.responses) + len(urls) * 2)

    assert not readers.errors, readers.errors[:5]
    failed = [(url, status) for url, status, _ in readers.responses if status != 200]
    assert not failed, f"{len(failed)} of {len(readers.responses)} requests failed: {failed[:10]}"
    cut = [url for url, _, body in readers.responses if not body.rstrip().endswith(b"</html>")]
    assert not cut, f"incomplete documents: {cut[:10]}"
    foreign = [url for url, _, body in readers.responses if body not in versions[url]]
    assert not foreign, f"bodies that no publish produced: {foreign[:10]}"
    seen = defaultdict(set)
    for url, _, body in readers.responses:
        seen[url].add(body)
    assert max(len(bodies) for bodies in seen.values()) > 1, "the readers never saw a publish"


@pytest.mark.django_db
def test_each_publish_keeps_only_the_live_build_and_the_one_before_it(site_dir, media_root):
    home = make_site()["ru"]
    add_page(home, "О модели", slug="about")
    builds = []
    for _ in range(4):
        SiteBuilder(progress=False).build_full()
        builds.append(live_dir(site_dir).name)

    kept = sorted(p.name for p in (site_dir / "builds").iterdir() if p.is_dir())
    assert kept == sorted(builds[-2:])
    assert list((site_dir / "retired").iterdir()) == []
