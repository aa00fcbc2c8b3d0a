"""Render the publishable site into a fresh directory and make it live atomically.

A full build renders every page. An incremental build starts from a hard-linked copy of the
live build and re-renders only the pages whose output can have changed: the pages that
changed themselves, and every page whose recorded dependencies (see `context.py`) mention one
of them. Either way the result is swapped in with one rename, so the live site is never
half-written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from bakery.views.base import BuildableMixin
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template import TemplateDoesNotExist
from django.test import RequestFactory
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from media.services import consent_errors

from . import outputs, swap
from .assets import AssetError
from .context import LINK_PREFIX, rendering
from .linkcheck import check_pages
from .prefetch import prefetch_media
from .progress import Progress
from .signals import site_published
from .site_index import PageInfo, SiteIndex

# 4: each page's record holds `html`, a hash of its own file (search re-indexes by it).
MANIFEST_VERSION = 4
RENDER_BATCH = 200


class _UnsafePath(Exception):
    pass


class _NotOk(Exception):
    pass


class BuildFailed(Exception):
    """The build stopped; the live site was left as it was. `errors` says what and where."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class BuildResult:
    mode: str
    pages: int
    rendered: int
    files: int
    bytes: int
    seconds: float
    broken_links: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    build_dir: Path | None = None

    def summary(self) -> str:
        return (
            f"{self.mode} build: {self.pages} pages ({self.rendered} rendered), "
            f"{self.files} files, "
            f"{self.bytes:,} bytes, {self.seconds:.2f} s, {len(self.broken_links)} broken links"
        )


class SiteBuilder(BuildableMixin):
    """Builds the static site under settings.SITE_DIR."""

    def __init__(self, *, strict: bool = False, progress: bool = True, stream=None):
        self.site_dir = Path(settings.SITE_DIR)
        self.strict = strict
        self.show_progress = progress
        self.stream = stream
        self.factory = RequestFactory()
        self._holding_lock = False

    @contextmanager
    def locked(self):
        """Hold the publish lock across several steps: claiming what to publish, then building.

        The builds run inside it do not take the lock again."""
        try:
            with swap.publish_lock(self.site_dir):
                self._holding_lock = True
                try:
                    yield
                finally:
                    self._holding_lock = False
        finally:
            swap.delete_retired(self.site_dir)

    def build_full(self) -> BuildResult:
        try:
            with self._lock():
                return self._build(previous=None)
        finally:
            self._delete_retired()

    def build_changes(self, extra_keys: set[str] | None = None) -> BuildResult:
        """Publish what changed since the live build; a full build when there is none yet."""
        try:
            with self._lock():
                live = swap.live_dir(self.site_dir)
                manifest = swap.read_manifest(live) if live else None
                if manifest is None or manifest.get("version") != MANIFEST_VERSION:
                    return self._build(previous=None)
                return self._build(previous=(live, manifest), extra_keys=extra_keys or set())
        finally:
            self._delete_retired()

    def _lock(self):
        # flock is per open file: taking it again from this process would wait for ever.
        return nullcontext() if self._holding_lock else swap.publish_lock(self.site_dir)

    def _delete_retired(self) -> None:
        # Outside the lock: deleting old builds must not delay the next publish.
        if not self._holding_lock:
            swap.delete_retired(self.site_dir)

    def _build(self, previous, extra_keys: set[str] = frozenset()) -> BuildResult:
        started = time.monotonic()
        _check_static_collected()
        self.index = SiteIndex.load()
        self.shared: dict = {"media": {}}
        self.site = Site.objects.filter(is_default_site=True).first()
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.deleted_media: set[str] = set()
        build_dir = swap.new_build_dir(self.site_dir)
        self._made_dirs: set[str] = set()
        try:
            if previous is None:
                mode = "full"
                old_pages: dict[str, dict] = {}
                to_render = sorted(self.index.pages)
            else:
                mode = "incremental"
                live, manifest = previous
                old_pages = manifest["pages"]
                self.deleted_media = _deleted_media(old_pages)
                to_render = self._affected_pages(old_pages, extra_keys | self.deleted_media)
                self._made_dirs = _clone_tree(live, build_dir)
                self._remove_stale_outputs(build_dir, manifest, to_render)
            # Refused consent is checked here too, whatever path a page took to going live.
            self.errors.extend(consent_errors(page_ids=to_render))
            records = {k: v for k, v in old_pages.items() if int(k) in self.index.pages}
            rendered_files = self._render_pages(build_dir, to_render, records)
            if self.errors:
                raise BuildFailed(self.errors)
            try:
                generated, generated_paths = self._write_site_files(build_dir, records)
            except TemplateDoesNotExist as exc:
                raise BuildFailed(
                    [f"template {exc} is missing from themes/{settings.THEME}/templates"]
                ) from exc
            files = self._sync_files(build_dir, records, previous, rendered=set(to_render))
            if self.errors:
                raise BuildFailed(self.errors)
            broken = check_pages(build_dir, rendered_files + generated)
            if broken and self.strict:
                raise BuildFailed([f"broken link on {page}: {target}" for page, target in broken])
            manifest = {
                "version": MANIFEST_VERSION,
                "pages": records,
                "generated": generated_paths,
                "files": files,
            }
            _remove_empty_dirs(build_dir)
            swap.write_manifest(build_dir, manifest)
            previous_live = swap.live_dir(self.site_dir)
            swap.swap_live(self.site_dir, build_dir)
            swap.retire_old_builds(self.site_dir, keep={build_dir, previous_live})
            removed = {
                int(page_id): old["url"]
                for page_id, old in old_pages.items()
                if int(page_id) not in self.index.pages
            }
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
        site_published.send(
            sender=type(self),
            build_dir=build_dir,
            mode=mode,
            rendered={pid: self.index.pages[pid].url for pid in to_render if str(pid) in records},
            removed=removed,
            index=self.index,
        )
        file_count, size = _tree_size(build_dir)
        return BuildResult(
            mode=mode,
            pages=len(self.index.pages),
            rendered=len(to_render),
            files=file_count,
            bytes=size,
            seconds=time.monotonic() - started,
            broken_links=broken,
            warnings=self.warnings,
            build_dir=build_dir,
        )

    def _affected_pages(self, old_pages: dict[str, dict], extra_keys: set[str]) -> list[int]:
        """Pages whose output can differ from the live build's.

        A page is re-rendered when its own fingerprint changed. Pages that show it are
        re-rendered too: all of them when what the site index knows of it changed (its link
        fingerprint: title, URL, order, lead…), else only those that read its content.
        """
        changed: set[int] = set()
        invalid: set[str] = set(extra_keys)
        for page_id, info in self.index.pages.items():
            old = old_pages.get(str(page_id))
            keys = _keys_shown_by(info.id, info.parent_id, info.translation_key, info.language)
            if old is None or old["link"] != info.link_fingerprint():
                changed.add(page_id)
                invalid |= keys | {LINK_PREFIX + key for key in keys}
                if old is not None:
                    old_keys = _keys_shown_by(
                        page_id, old["parent_id"], old["translation_key"], old["language"]
                    )
                    invalid |= old_keys | {LINK_PREFIX + key for key in old_keys}
            elif old["fp"] != info.fingerprint():
                changed.add(page_id)
                invalid |= keys
        for page_id, old in old_pages.items():
            if int(page_id) not in self.index.pages:
                keys = _keys_shown_by(
                    int(page_id), old["parent_id"], old["translation_key"], old["language"]
                )
                invalid |= keys | {LINK_PREFIX + key for key in keys}
        for page_id, old in old_pages.items():
            if int(page_id) in self.index.pages and invalid.intersection(old["keys"]):
                changed.add(int(page_id))
        return sorted(changed)

    def _remove_stale_outputs(self, build_dir: Path, manifest: dict, to_render: list[int]) -> None:
        """Drop files of pages that left the site or will be re-rendered, before new ones are
        written; a re-rendered page may publish a different set of files (facets, moves)."""
        rerendered = set(to_render)
        for page_id, old in manifest["pages"].items():
            if int(page_id) in rerendered or self.index.get(int(page_id)) is None:
                for relative in old["paths"]:
                    (build_dir / relative).unlink(missing_ok=True)
        for relative in manifest.get("generated", []):
            (build_dir / relative).unlink(missing_ok=True)

    def _render_pages(
        self, build_dir: Path, page_ids: list[int], records: dict
    ) -> list[tuple[str, str]]:
        progress = Progress("pages", len(page_ids), stream=self.stream, enabled=self.show_progress)
        written = []
        for start in range(0, len(page_ids), RENDER_BATCH):
            batch = page_ids[start : start + RENDER_BATCH]
            pages = sorted(Page.objects.filter(id__in=batch).specific(), key=lambda p: p.pk)
            prefetch_media(pages, self.shared["media"])
            for page in pages:
                info = self.index.pages[page.pk]
                output = self._render_one(build_dir, page, info)
                if output is not None:
                    files, record = output
                    old = records.get(str(page.pk))
                    self._warn_of_deleted_media(info, record, old["keys"] if old else [])
                    for relative, content in files.items():
                        self._write(build_dir, relative, content)
                        if relative.endswith(".html"):
                            written.append(("/" + relative.removesuffix("index.html"), relative))
                    records[str(page.pk)] = {
                        "paths": sorted(files),
                        "html": page_file_hash(files[info.output_path]),
                        "fp": info.fingerprint(),
                        "link": info.link_fingerprint(),
                        "keys": sorted(record.keys),
                        "assets": record.assets,
                        "parent_id": info.parent_id,
                        "translation_key": str(info.translation_key),
                        "language": info.language,
                        "url": info.url,
                    }
                progress.advance()
        progress.done()
        return written

    def _warn_of_deleted_media(self, info: PageInfo, record, old_keys) -> None:
        """Name the page that still refers to a deleted image or document (left out of it), or
        that lost one in this very publish (a cleared foreign key refers to nothing any more)."""
        lost = record.missing | (self.deleted_media.intersection(old_keys) - record.keys)
        for key in sorted(lost):
            kind, pk = key.split(":", 1)
            self.warnings.append(
                f"{_label(info)}: {kind} id {pk} was deleted and is left out of the page; "
                f"choose another {kind} or remove it from the page"
            )

    def _render_one(self, build_dir: Path, page: Page, info: PageInfo):
        """The files a page publishes ({path in the build: bytes}) and what they showed."""
        label = _label(info)
        files: dict[str, bytes] = {}
        try:
            with translation.override(info.language), rendering(self.index, self.shared) as record:
                files[self._checked_path(build_dir, info.output_path)] = self._content(
                    page.serve(self._request(info.url, info.language))
                )
                for route in getattr(page, "static_routes", list)():
                    url = info.url + route.path
                    relative = url.strip("/") + ("/index.html" if url.endswith("/") else "")
                    files[self._checked_path(build_dir, relative)] = self._content(
                        route.render(self._request(url, info.language))
                    )
        except _UnsafePath:
            self.errors.append(
                f"{label}: its address would write outside the build directory; change its slug"
            )
            return None
        except TemplateDoesNotExist as exc:
            self.errors.append(
                f"{label}: template {exc} is missing from themes/{settings.THEME}/templates"
            )
            return None
        except (AssetError, _NotOk) as exc:
            self.errors.append(f"{label}: {exc}")
            return None
        except Exception as exc:  # a page's own code failed: report it with the page, go on
            self.errors.append(f"{label}: rendering failed ({exc.__class__.__name__}: {exc})")
            return None
        return files, record

    @staticmethod
    def _checked_path(build_dir: Path, relative: str) -> str:
        # A build holds only the directories and files this class makes, never a symlink, so
        # a path without "..", "." or empty segments stays inside it; no need to resolve().
        if not _is_plain_relative(relative):
            raise _UnsafePath(relative)
        return relative

    @staticmethod
    def _content(response) -> bytes:
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            raise _NotOk(f"rendered with HTTP status {response.status_code}, expected 200")
        return response.content

    def _request(self, url: str, language: str):
        request = self.factory.get(url, HTTP_HOST=_host(), headers={"X-Bakery": "true"})
        request.user = AnonymousUser()
        request.LANGUAGE_CODE = language
        request._wagtail_site = self.site
        return request

    def _write(self, build_dir: Path, relative: str, content: bytes) -> None:
        if not _is_plain_relative(relative):
            raise BuildFailed(
                [f"refusing to write {relative!r}: it lies outside the build directory"]
            )
        path = os.path.join(build_dir, relative)
        directory = os.path.dirname(path)
        if directory not in self._made_dirs:
            os.makedirs(directory, exist_ok=True)
            self._made_dirs.add(directory)
        # Unlink first: in an incremental build the file may be a hard link into the live site.
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        self.build_file(path, content)

    def _write_site_files(
        self, build_dir: Path, records: dict
    ) -> tuple[list[tuple[str, str]], list[str]]:
        """Sitemap, robots, feeds, root redirect, 404 and redirects.

        Returns the (URL, file) pairs of the HTML ones, to link-check, and every path written.
        """
        generated: list[tuple[str, str]] = []
        routes = {}
        for page_id, record in records.items():
            own = self.index.pages[int(page_id)].output_path
            routes[int(page_id)] = [
                "/" + path.removesuffix("index.html")
                for path in record["paths"]
                if path.endswith(".html") and path != own
            ]
        texts = {
            "sitemap.xml": outputs.sitemap_xml(self.index, routes),
            "robots.txt": outputs.robots_txt(),
            "index.html": outputs.root_redirect_html(self.index),
            "404.html": outputs.not_found_html(self.index),
        }
        for language in sorted(self.index.roots):
            feed = outputs.atom_feed(self.index, language)
            if feed:
                texts[f"{language}/feed.xml"] = feed
        occupied = {path for r in records.values() for path in r["paths"]} | set(texts)
        redirects, warnings = outputs.static_redirects(self.index, occupied)
        self.warnings.extend(warnings)
        for redirect in redirects:
            texts[redirect.output_path] = outputs.redirect_html(redirect)
        texts["redirects.301.map"] = outputs.nginx_redirect_map(redirects, permanent=True)
        texts["redirects.302.map"] = outputs.nginx_redirect_map(redirects, permanent=False)
        for relative, text in texts.items():
            self._write(build_dir, relative, text.encode("utf-8"))
            if relative.endswith(".html"):
                generated.append(("/" + relative.removesuffix("index.html"), relative))
        return generated, sorted(texts)

    def _sync_files(
        self, build_dir: Path, records: dict, previous, rendered: set[int]
    ) -> dict[str, str]:
        """Make the build hold exactly the theme's static files and the images and documents
        its pages link to; returns {path in the build: source file}.

        A file whose source has vanished from disk fails the build when a page rendered now
        needs it. When only pages carried over from the live build use it, their published copy
        stays, with a warning: one lost upload must not stop every other page going live."""
        wanted: dict[str, str] = dict(_theme_static_files())
        carried_over: set[str] = set()
        for page_id, record in records.items():
            wanted.update(record["assets"])
            if previous is not None and int(page_id) not in rendered:
                carried_over.update(record["assets"])
        for page_id, record in records.items():
            if int(page_id) in rendered:
                carried_over.difference_update(record["assets"])
        had = set(previous[1].get("files", {})) if previous is not None else set()
        for relative in had - set(wanted):
            (build_dir / relative).unlink(missing_ok=True)
        for relative, source in sorted(wanted.items()):
            target = os.path.join(build_dir, relative)
            try:
                source_stat = os.stat(source)
            except FileNotFoundError:
                message = f"file {source}, published as /{relative}, is missing; re-upload it"
                if relative in carried_over and os.path.isfile(target):
                    self.warnings.append(f"{message} (the live copy is kept until then)")
                else:
                    self.errors.append(message)
                continue
            try:
                if os.stat(target).st_ino == source_stat.st_ino:
                    continue
                os.unlink(target)
            except FileNotFoundError:
                pass
            directory = os.path.dirname(target)
            if directory not in self._made_dirs:
                os.makedirs(directory, exist_ok=True)
                self._made_dirs.add(directory)
            _link_or_copy(Path(source), Path(target))
        return wanted


def _label(info: PageInfo) -> str:
    return f"page «{info.title}» (id {info.id}, {info.url})"


def _deleted_media(old_pages: dict[str, dict]) -> set[str]:
    """The "image:…" and "document:…" keys that live pages recorded but whose object is gone.

    The pages that showed them are re-rendered even when no signal said so (a deletion from a
    shell or a script): otherwise they would keep offering a file that no longer exists."""
    wanted: dict[str, set[int]] = {"image": set(), "document": set()}
    for old in old_pages.values():
        for key in old["keys"]:
            kind, _, pk = key.partition(":")
            if kind in wanted and pk.isdigit():
                wanted[kind].add(int(pk))
    deleted = set()
    for kind, model in (("image", get_image_model()), ("document", get_document_model())):
        if wanted[kind]:
            existing = set(model.objects.filter(pk__in=wanted[kind]).values_list("pk", flat=True))
            deleted |= {f"{kind}:{pk}" for pk in wanted[kind] - existing}
    return deleted


def page_file_hash(content: bytes) -> str:
    """The fingerprint of a page's own HTML file kept in the manifest: what search compares
    with the version it indexed, so it can tell a stale document without reading the file."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()


def _theme_static_files():
    """The theme's CSS, JavaScript and images, and every app's widget modules (`widgets/`),
    under the (hashed) names that {% static %} gives."""
    theme_static = Path(settings.THEME_DIR) / "static"
    names = {p.relative_to(theme_static).as_posix() for p in theme_static.rglob("*") if p.is_file()}
    names.update(_widget_modules())
    for name in sorted(names):
        stored = _stored_name(name)
        collected = Path(settings.STATIC_ROOT) / stored
        yield "static/" + stored, str(collected if collected.is_file() else finders.find(name))


def _widget_modules() -> set[str]:
    """The widget scripts the apps ship (`<app>/static/widgets/*.js`): the static pages load
    them, so the build holds them like the theme's files."""
    found = set()
    for finder in finders.get_finders():
        for name, _storage in finder.list(["*.map"]):
            if name.replace(os.sep, "/").startswith("widgets/"):
                found.add(name.replace(os.sep, "/"))
    return found


def _check_static_collected() -> None:
    manifest_name = getattr(staticfiles_storage, "manifest_name", None)
    if manifest_name and not staticfiles_storage.exists(manifest_name):
        raise BuildFailed(
            [
                "the theme's static files have not been collected (no "
                f"{Path(settings.STATIC_ROOT) / manifest_name}); run "
                "`python manage.py collectstatic --noinput` first"
            ]
        )


def _keys_shown_by(page_id: int, parent_id, translation_key, language) -> set[str]:
    """The dependency keys that other pages record when they show this page."""
    keys = {f"page:{page_id}", f"translations:{translation_key}", f"latest:{language}"}
    if parent_id is not None:
        keys.add(f"children:{parent_id}")
    return keys


def _stored_name(name: str) -> str:
    try:
        return staticfiles_storage.stored_name(name)
    except (ValueError, AttributeError):
        return name


def _host() -> str:
    return settings.PUBLIC_BASE_URL.split("://", 1)[-1].split("/", 1)[0]


def _clone_tree(source: Path, target: Path) -> set[str]:
    """Copy a build by hard links: cheap, and the live files are never written through them.

    Returns the directories made, so writing files into them needs no further checks."""
    made: set[str] = set()
    source_root, target_root = str(source), str(target)
    stack = [""]
    while stack:
        relative = stack.pop()
        directory = os.path.join(target_root, relative) if relative else target_root
        os.makedirs(directory, exist_ok=True)
        made.add(directory)
        with os.scandir(os.path.join(source_root, relative)) as entries:
            for entry in entries:
                name = os.path.join(relative, entry.name) if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append(name)
                else:
                    try:
                        os.link(entry.path, os.path.join(target_root, name))
                    except OSError as exc:
                        if isinstance(exc, FileNotFoundError):
                            raise
                        shutil.copy2(entry.path, os.path.join(target_root, name))
    return made


def _is_plain_relative(relative: str) -> bool:
    """A relative path of real names: no "..", ".", empty segment or leading slash."""
    return bool(relative) and not any(
        part in ("", ".", "..") or "\x00" in part for part in relative.split("/")
    )


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        shutil.copy2(source, target)


def _remove_empty_dirs(root: Path) -> None:
    for directory, _, _ in os.walk(root, topdown=False):
        if Path(directory) != root and not os.listdir(directory):
            os.rmdir(directory)


def _tree_size(root: Path) -> tuple[int, int]:
    files = size = 0
    for directory, _, names in os.walk(root):
        for name in names:
            files += 1
            size += os.stat(os.path.join(directory, name)).st_size
    return files, size
