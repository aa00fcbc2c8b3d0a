"""Load the school's pages from Markdown files with YAML front matter into Wagtail.

The content directory mirrors the page tree, one folder per language:
``ru/index.md`` is the Russian home page, ``ru/about.md`` is /ru/about/, and the children of
/ru/about/ live in ``ru/about/``. A file under another language (``en/about.md``) is the
translation of the source-language page at the same relative path. ``README.md`` in the
content directory documents the format.

Loading has two halves so that a mistake never leaves the site half-changed:
`content_read` parses and validates every file and reports every problem at once without
touching the database; `content_apply` writes inside one transaction and saves and publishes
a revision only for the pages whose file differs from what is live.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, Site

from site_content.markdown import markdown_to_blocks
from site_content.pages.models import HomePage, StandardPage

__all__ = [
    "DEFAULT_CONTENT_DIR",
    "ContentError",
    "LoadReport",
    "PagePath",
    "PageSource",
    "Problem",
    "content_apply",
    "content_load",
    "content_read",
    "markdown_to_blocks",
]

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent / "content"

PAGE_MODELS: dict[str, type[Page]] = {"home": HomePage, "standard": StandardPage}
FRONT_MATTER_TYPES: dict[str, type] = {
    "title": str,
    "lead": str,
    "seo_title": str,
    "search_description": str,
    "show_in_menus": bool,
    "order": int,
    "type": str,
    "latest_count": int,
}
MAX_LENGTHS = {"title": 255, "seo_title": 255, "lead": 600}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, printed as ``file:line: reason``."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


class ContentError(Exception):
    """The content cannot be loaded; `problems` lists every reason, and nothing was written."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.reason))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True, order=True)
class PagePath:
    """Where a page sits: its language and the slugs below that language's home page."""

    language: str
    slugs: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return "/" + "/".join((self.language, *self.slugs)) + "/"

    @property
    def file(self) -> str:
        """The content file, relative to the content directory, that defines this page."""
        if not self.slugs:
            return f"{self.language}/index.md"
        return f"{self.language}/{'/'.join(self.slugs)}.md"

    @property
    def parent(self) -> PagePath | None:
        return PagePath(self.language, self.slugs[:-1]) if self.slugs else None

    @property
    def is_home(self) -> bool:
        return not self.slugs

    @property
    def slug(self) -> str:
        # A home page is addressed by its site, not its slug; the language code keeps the
        # url_path of every page equal to its public address (/ru/about/).
        return self.slugs[-1] if self.slugs else self.language

    def in_language(self, language: str) -> PagePath:
        return PagePath(language, self.slugs)

    @classmethod
    def from_url(cls, url: str) -> PagePath | None:
        """The page a link like ``/ru/about/`` points to; None if it is not a page address."""
        if "?" in url or "#" in url:
            return None
        parts = [part for part in url.strip("/").split("/") if part]
        if not parts or not all(_SLUG.match(part) for part in parts):
            return None
        return cls(parts[0], tuple(parts[1:]))


@dataclass
class PageSource:
    """What one content file says a page should be."""

    path: PagePath
    file: str
    title: str
    page_type: str = "standard"
    lead: str = ""
    seo_title: str = ""
    search_description: str = ""
    show_in_menus: bool = False
    order: int | None = None
    latest_count: int | None = None
    body: str = ""
    body_line: int = 1


@dataclass
class LoadReport:
    """What a load did, page by page (public addresses), plus anything worth telling."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    untracked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def content_load(
    *, root: Path = DEFAULT_CONTENT_DIR, progress: Callable[[int, int], None] | None = None
) -> LoadReport:
    """Validate every file under root, then bring the database in line with them."""
    return content_apply(sources=content_read(root=root), progress=progress)


# Reading and validating


def content_read(*, root: Path) -> list[PageSource]:
    """Parse and validate every page file under root; raise ContentError listing all problems."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError([Problem(_display(root), None, "the content directory does not exist")])
    files, problems = _page_files(root)
    if not files and not problems:
        problems.append(Problem(_display(root), None, "no page files found (expected ru/index.md)"))
    known = set(files)
    sources = []
    for path, file in sorted(files.items()):
        source, file_problems = _page_source_read(path=path, file=file, known=known)
        problems.extend(file_problems)
        if source is not None:
            sources.append(source)
    problems.extend(_tree_problems(files=files, root=root))
    if problems:
        raise ContentError(problems)
    return sources


def _page_files(root: Path) -> tuple[dict[PagePath, Path], list[Problem]]:
    """Map every page file to its place in the tree; files that cannot be pages are problems."""
    languages = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
    files: dict[PagePath, Path] = {}
    problems: list[Problem] = []
    for file in sorted(root.rglob("*")):
        parts = file.relative_to(root).parts
        # Top-level files document the directory; dot-files belong to editors' tools.
        if not file.is_file() or len(parts) == 1 or any(p.startswith(".") for p in parts):
            continue
        if parts[0] not in languages:
            problems.append(
                Problem(
                    _display(file),
                    None,
                    f"'{parts[0]}' is not a language folder; expected {', '.join(languages)}",
                )
            )
            continue
        if file.suffix != ".md":
            problems.append(
                Problem(_display(file), None, "not a page file (page files end in .md)")
            )
            continue
        slugs = (*parts[1:-1], file.stem)
        if not all(_SLUG.match(slug) for slug in slugs):
            problems.append(
                Problem(
                    _display(file),
                    None,
                    "file and folder names become the page address: use lowercase latin letters, "
                    "digits and hyphens (about-us.md)",
                )
            )
            continue
        if file.stem == "index":
            if len(parts) != 2:
                problems.append(
                    Problem(
                        _display(file),
                        None,
                        "index.md is only the home page of a language (ru/index.md); "
                        "name this file after its address",
                    )
                )
                continue
            slugs = ()
        files[PagePath(parts[0], tuple(slugs))] = file
    return files, problems


def _tree_problems(*, files: dict[PagePath, Path], root: Path) -> list[Problem]:
    """Every page needs its parent's file, and every translation the page it translates."""
    source_language = settings.LANGUAGE_CODE
    problems = []
    for path, file in sorted(files.items()):
        parent = path.parent
        if parent is not None and parent not in files:
            problems.append(
                Problem(
                    _display(file),
                    1,
                    f"its parent page file {_display(root / parent.file)} is missing",
                )
            )
        original = path.in_language(source_language)
        if path.language != source_language and original not in files:
            problems.append(
                Problem(
                    _display(file),
                    1,
                    f"a translation needs the page it translates: {_display(root / original.file)} "
                    "is missing",
                )
            )
    return problems


def _page_source_read(
    *, path: PagePath, file: Path, known: set[PagePath]
) -> tuple[PageSource | None, list[Problem]]:
    """One file's front matter and body, checked; links are checked against `known` pages."""
    display = _display(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(display, None, "the file is not UTF-8 text")]
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[0].strip() != "---":
        return None, [
            Problem(
                display,
                1,
                "a page file starts with front matter: a line '---', the keys, a line '---'",
            )
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None, [
            Problem(display, 1, "the front matter is not closed: add a line '---' after the keys")
        ]
    meta, problems = _front_matter_read(
        "\n".join(lines[1:end]), path=path, display=display, first_line=2
    )
    body = "\n".join(lines[end + 1 :])
    _, body_problems = markdown_to_blocks(
        body,
        page_link=_page_link_resolver(lambda target: 0 if target in known else None),
        first_line=end + 2,
    )
    problems.extend(Problem(display, line, reason) for line, reason in body_problems)
    if problems:
        return None, problems
    return PageSource(path=path, file=display, body=body, body_line=end + 2, **meta), []


def _front_matter_read(
    text: str, *, path: PagePath, display: str, first_line: int
) -> tuple[dict, list[Problem]]:
    """The front matter as PageSource keyword arguments, with a problem per bad key."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        return {}, [Problem(display, line, f"invalid YAML: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return {}, [Problem(display, first_line, f"invalid YAML: {exc}")]
    if data is None:
        node, data = None, {}
    if not isinstance(data, dict):
        return {}, [Problem(display, first_line, "the front matter must be 'key: value' lines")]

    problems: list[Problem] = []
    key_lines: dict[str, int] = {}
    for key_node, _ in node.value if node is not None else []:
        line = first_line + key_node.start_mark.line
        if key_node.value in key_lines:
            problems.append(
                Problem(
                    display,
                    line,
                    f"'{key_node.value}' is given twice (also on line {key_lines[key_node.value]})",
                )
            )
        key_lines.setdefault(key_node.value, line)

    meta: dict = {}
    bad_keys = set()
    for key, value in data.items():
        line = key_lines.get(str(key), first_line)
        reason = _front_matter_value_problem(str(key), value)
        if reason:
            problems.append(Problem(display, line, reason))
            bad_keys.add(key)
        elif value is not None:
            meta[key] = value.strip() if isinstance(value, str) else value

    page_type = meta.pop("type", "home" if path.is_home else "standard")
    meta["page_type"] = page_type
    if path.is_home and page_type != "home":
        problems.append(
            Problem(
                display, key_lines.get("type", 1), "index.md is a home page: its type must be home"
            )
        )
    if not path.is_home and page_type == "home":
        problems.append(Problem(display, key_lines["type"], "only index.md can be a home page"))
    if "latest_count" in meta and page_type != "home":
        problems.append(
            Problem(display, key_lines["latest_count"], "latest_count applies only to a home page")
        )
    if not meta.get("title") and "title" not in bad_keys:
        problems.append(Problem(display, key_lines.get("title", 1), "title is required"))
    return meta, problems


def _front_matter_value_problem(key: str, value) -> str | None:
    """Why a front-matter value is unacceptable, or None when it is fine."""
    if key not in FRONT_MATTER_TYPES:
        guess = difflib.get_close_matches(key, FRONT_MATTER_TYPES, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"unknown key '{key}'{hint}; known keys: {', '.join(FRONT_MATTER_TYPES)}"
    if value is None:
        return None
    expected = FRONT_MATTER_TYPES[key]
    # YAML reads `true` as a bool, and bool is an int in Python: keep the two apart.
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        names = {str: "text (put it in quotes)", bool: "true or false", int: "a whole number"}
        return f"'{key}' must be {names[expected]}"
    if key in MAX_LENGTHS and len(value.strip()) > MAX_LENGTHS[key]:
        return f"'{key}' is longer than {MAX_LENGTHS[key]} characters"
    if key == "type" and value not in PAGE_MODELS:
        return f"unknown type '{value}'; use one of: {', '.join(PAGE_MODELS)}"
    if key == "latest_count" and not 0 <= value <= 100:
        return "'latest_count' must be between 0 and 100"
    return None


def _display(path: Path) -> str:
    """A path as the reader would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _page_link_resolver(page_id: Callable[[PagePath], int | None]) -> Callable[[str], int | str]:
    """For the Markdown converter: a page address to its id, or the reason it is not a page."""

    def resolve(target: str) -> int | str:
        path = PagePath.from_url(target)
        if path is None:
            return (
                f"link {target}: a page link is a page address like /ru/about/, "
                "without ?query or #anchor"
            )
        found = page_id(path)
        return f"link {target}: no file defines that page ({path.file})" if found is None else found

    return resolve


def content_apply(
    *, sources: list[PageSource], progress: Callable[[int, int], None] | None = None
) -> LoadReport:
    """Create, update or leave each page so it matches its file; all in one transaction.

    A page is saved and published only when a value its file gives differs from the live
    page, so a second run writes nothing. Publishing on change is switched off meanwhile:
    `make run` publishes the whole site once after loading, instead of once per page.
    """
    report = LoadReport()
    order = _sibling_keys(sources)
    ordered = sorted(
        sources,
        key=lambda s: (s.path.language != settings.LANGUAGE_CODE, len(s.path.slugs), order[s.path]),
    )
    with override_settings(PUBLISH_ON_CHANGE=False), transaction.atomic():
        locales = _locales_ensure(report=report)
        pages: dict[PagePath, Page] = {}
        new: set[PagePath] = set()
        for source in ordered:
            page, created = _page_find_or_create(source=source, pages=pages, locales=locales)
            pages[source.path] = page
            if created:
                new.add(source.path)
        _site_root_ensure(home=pages[PagePath(settings.LANGUAGE_CODE)], report=report)
        ids = {path: page.pk for path, page in pages.items()}
        for done, source in enumerate(ordered, 1):
            changed = _page_update(
                page=pages[source.path], source=source, ids=ids, force=source.path in new
            )
            if source.path in new:
                report.created.append(source.path.url)
            else:
                (report.updated if changed else report.unchanged).append(source.path.url)
            if progress is not None:
                progress(done, len(ordered))
        for url in _siblings_reorder(sources=ordered, pages=pages, order=order):
            if url in report.unchanged:
                report.unchanged.remove(url)
                report.updated.append(url)
        report.untracked = [
            f"{page.url_path} «{page.title}»"
            for page in Page.objects.filter(depth__gte=2)
            .exclude(pk__in=ids.values())
            .order_by("path")
        ]
    return report


def _sibling_keys(sources: list[PageSource]) -> dict[PagePath, tuple]:
    """Sort keys among siblings: `order` (a translation inherits its original's), then slug."""
    given = {s.path: s.order for s in sources}
    keys = {}
    for source in sources:
        order = source.order
        if order is None:
            order = given.get(source.path.in_language(settings.LANGUAGE_CODE))
        keys[source.path] = (order is None, order or 0, source.path.slug)
    return keys


def _locales_ensure(*, report: LoadReport) -> dict[str, Locale]:
    locales = {}
    for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code], created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.notes.append(f"created the locale {code}")
    return locales


def _page_find_or_create(
    *, source: PageSource, pages: dict[PagePath, Page], locales: dict[str, Locale]
) -> tuple[Page, bool]:
    """The page at the source's path, created as an unpublished draft-less shell when missing.

    Content is set later, once every page has an id that links can point to.
    """
    path = source.path
    model = PAGE_MODELS[source.page_type]
    locale = locales[path.language]
    if path.language != settings.LANGUAGE_CODE:
        return _translation_find_or_create(source=source, pages=pages, locale=locale)
    if path.is_home:
        page = _home_find(locale=locale)
        if page is not None:
            return page, False
        root = Page.get_first_root_node()
        shell = model(
            title=source.title, slug=find_available_slug(root, path.slug), locale=locale, live=False
        )
        return root.add_child(instance=shell), True
    parent = pages[path.parent]
    page = parent.get_children().filter(slug=path.slug).specific().first()
    if page is None:
        shell = model(title=source.title, slug=path.slug, locale=locale, live=False)
        return parent.add_child(instance=shell), True
    if type(page) is not model:
        raise ContentError(
            [
                Problem(
                    source.file,
                    1,
                    f"{path.url} already exists as a {page._meta.verbose_name}, not a "
                    f"{model._meta.verbose_name}; rename the file or remove that page in the admin",
                )
            ]
        )
    return page, False


def _translation_find_or_create(
    *, source: PageSource, pages: dict[PagePath, Page], locale: Locale
) -> tuple[Page, bool]:
    path = source.path
    original = pages[path.in_language(settings.LANGUAGE_CODE)]
    page = original.get_translation_or_none(locale)
    parent = pages[path.parent] if path.parent else None
    if page is not None:
        if parent is not None and page.get_parent().pk != parent.pk:
            # Editors moved the translation away from its original's place; the files decide.
            page.move(parent, pos="last-child")
            page = type(page).objects.get(pk=page.pk)
        return page, False
    if parent is not None and parent.get_children().filter(slug=path.slug).exists():
        raise ContentError(
            [
                Problem(
                    source.file,
                    1,
                    f"{path.url} already exists but is not a translation of "
                    f"{original.url_path}; remove or rename it in the admin",
                )
            ]
        )
    return original.copy_for_translation(locale), True


def _home_find(*, locale: Locale) -> HomePage | None:
    """The language's home: the default site's root when it is one, else any home in that locale."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        root = site.root_page.specific
        if isinstance(root, HomePage) and root.locale_id == locale.pk:
            return root
    return HomePage.objects.filter(depth=2, locale=locale).order_by("path").first()


def _site_root_ensure(*, home: Page, report: LoadReport) -> None:
    """Make the source-language home the default site's root, removing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        report.notes.append(f"created the default site with {home.url_path} as its root")
        return
    if site.root_page_id == home.pk:
        return
    old_root = site.root_page
    site.root_page = home
    site.save()
    report.notes.append(f"made «{home.title}» the default site's root")
    # Only Wagtail's own untouched "Welcome" page is deleted; anything else is an editor's.
    if (
        old_root.depth == 2
        and old_root.specific_class is Page
        and not old_root.get_children().exists()
    ):
        old_root.delete()
        report.notes.append(f"deleted Wagtail's welcome page «{old_root.title}»")


def _page_update(*, page: Page, source: PageSource, ids: dict[PagePath, int], force: bool) -> bool:
    """Save and publish one revision when the file's values differ from the live page's."""
    # Fresh from the database: creating and moving other pages may have changed its tree fields.
    page = type(page).objects.get(pk=page.pk)
    wanted = _page_values(source=source, ids=ids)
    current = {name: getattr(page, name) for name in wanted if name != "body"}
    current["body"] = [{"type": b["type"], "value": b["value"]} for b in page.body.raw_data]
    if not force and page.live and current == wanted:
        return False
    for name, value in wanted.items():
        setattr(page, name, copy.deepcopy(value))
    try:
        page.save_revision(log_action=True).publish()
    except ValidationError as exc:
        messages = "; ".join(exc.messages)
        raise ContentError(
            [Problem(source.file, 1, f"Wagtail refused the page: {messages}")]
        ) from exc
    return True


def _page_values(*, source: PageSource, ids: dict[PagePath, int]) -> dict:
    """The field values the file gives, in the form Wagtail stores them."""
    body, problems = markdown_to_blocks(
        source.body, page_link=_page_link_resolver(ids.get), first_line=source.body_line
    )
    if problems:  # validated before writing; only a file edited during the load can get here
        raise ContentError(Problem(source.file, line, reason) for line, reason in problems)
    values = {
        "title": source.title,
        "slug": source.path.slug,
        "lead": source.lead,
        "seo_title": source.seo_title,
        "search_description": source.search_description,
        "show_in_menus": source.show_in_menus,
        "body": body,
    }
    if source.page_type == "home":
        values["latest_count"] = (
            source.latest_count
            if source.latest_count is not None
            else HomePage._meta.get_field("latest_count").default
        )
    return values


def _siblings_reorder(
    *, sources: list[PageSource], pages: dict[PagePath, Page], order: dict[PagePath, tuple]
) -> list[str]:
    """Put file-defined siblings in their files' order; returns the addresses of moved pages.

    Pages that editors added keep their place before the moved ones.
    """
    by_parent: dict[PagePath, list[PagePath]] = {}
    for source in sources:
        if source.path.parent is not None:
            by_parent.setdefault(source.path.parent, []).append(source.path)
    moved = []
    for parent_path, children in sorted(by_parent.items()):
        wanted = [pages[p].pk for p in sorted(children, key=order.__getitem__)]
        actual = list(
            Page.objects.filter(pk__in=wanted).order_by("path").values_list("pk", flat=True)
        )
        if actual == wanted:
            continue
        for path in sorted(children, key=order.__getitem__):
            parent = Page.objects.get(pk=pages[parent_path].pk)
            Page.objects.get(pk=pages[path].pk).move(parent, pos="last-child")
            moved.append(path.url)
    return moved
