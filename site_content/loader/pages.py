"""Pages in the tree: created as shells parent first, then filled and published when changed.

Creating every page before filling any lets a page link to any other; a page gets a new
published revision only when a value its file gives differs from the live one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, Site

from .content import LoadReport, PageSource
from .errors import ContentError, Problem
from .field_values import sync, wants_for
from .fields import model_fields
from .records import streams_check, validation_problems
from .references import PagePath
from .resolver import Resolver


def pages_apply(sources, resolver, report, problems, locales, tick) -> None:
    """Create missing pages first, then fill and publish each, so links can point anywhere."""
    source_language = settings.LANGUAGE_CODE
    order = _sibling_keys(sources)
    ordered = sorted(
        sources,
        key=lambda s: (s.path.language != source_language, len(s.path.slugs), order[s.path]),
    )
    pages, new = _pages_ensure(ordered, resolver=resolver, locales=locales)
    if PagePath(source_language) in pages:
        _site_root_ensure(home=pages[PagePath(source_language)], report=report)
    for done, source in enumerate(ordered, 1):
        if source.path not in pages:
            continue
        changed = _page_update(
            page=pages[source.path],
            source=source,
            resolver=resolver,
            force=source.path in new,
            problems=problems,
        )
        if source.path in new:
            report.record("pages", source.path.url, "created")
        elif changed is not None:
            report.record("pages", source.path.url, "updated" if changed else "unchanged")
        tick("pages", done, len(ordered))
    for url in _siblings_reorder(sources=ordered, pages=pages, order=order):
        report.record("pages", url, "updated")
    report.untracked = [
        f"{page.url_path} «{page.title}»"
        for page in Page.objects.filter(depth__gte=2)
        .exclude(pk__in=resolver.pages.values())
        .order_by("path")
    ]


def _pages_ensure(ordered: list[PageSource], *, resolver, locales):
    """Every page in the tree, parents first; (pages by path, paths of those created now)."""
    pages: dict[PagePath, Page] = {}
    new: set[PagePath] = set()
    for source in ordered:
        page, created = _page_find_or_create(
            source=source, pages=pages, locales=locales, resolver=resolver
        )
        if page is None:
            continue
        pages[source.path] = page
        resolver.pages[source.path] = page.pk
        if created:
            new.add(source.path)
    return pages, new


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


def _shell_values(source: PageSource, resolver: Resolver) -> dict:
    """The simple field values a new page needs before its first save (NOT NULL columns)."""
    values = {}
    for name, spec in model_fields(source.model).items():
        if spec.kind not in ("scalar", "foreign_key"):
            continue
        given = source.values.get(name)
        if given is None:
            continue
        try:
            value = resolver.resolve(given.value, source.path.language, partial=True)
        except LookupError:
            continue
        values[spec.field.attname] = value
    return values


def _page_find_or_create(
    *, source: PageSource, pages: dict[PagePath, Page], locales: dict[str, Locale], resolver
) -> tuple[Page | None, bool]:
    """The page at the source's path, created as an unpublished shell when missing.

    Its content is set later, once every page has an id that links can point to.
    """
    path = source.path
    model = source.model
    locale = locales[path.language]
    if path.language != settings.LANGUAGE_CODE:
        return _translation_find_or_create(source=source, pages=pages, locale=locale)
    if path.is_home:
        page = _home_find(locale=locale, model=model)
        if page is not None:
            return page, False
        root = Page.get_first_root_node()
        shell = model(
            slug=find_available_slug(root, path.slug),
            locale=locale,
            live=False,
            **{**_shell_values(source, resolver), "title": source.title},
        )
        return root.add_child(instance=shell), True
    parent = pages.get(path.parent)
    if parent is None:
        return None, False
    page = parent.get_children().filter(slug=path.slug).specific().first()
    if page is None:
        _tree_rules_check(model=model, parent=parent, source=source)
        shell = model(
            slug=path.slug,
            locale=locale,
            live=False,
            **{**_shell_values(source, resolver), "title": source.title},
        )
        return parent.add_child(instance=shell), True
    if type(page) is not model:
        raise ContentError(
            [
                Problem(
                    source.file,
                    1,
                    f"{path.url} already exists as a {type(page).__name__}, not a "
                    f"{model.__name__}; rename the file or remove that page in the admin",
                )
            ]
        )
    return page, False


def _tree_rules_check(*, model: type[Page], parent: Page, source: PageSource) -> None:
    """Wagtail's limits on where and how many pages of a type there may be."""
    reason = None
    parent_type = parent.specific_class.__name__
    if not model.can_exist_under(parent):
        reason = f"{model.__name__} cannot be created under {parent_type}"
    elif model.max_count is not None and model.objects.count() >= model.max_count:
        reason = f"{model.__name__} cannot be created: at most {model.max_count} may exist"
    elif (
        model.max_count_per_parent is not None
        and parent.get_children().type(model).count() >= model.max_count_per_parent
    ):
        reason = (
            f"{model.__name__} cannot be created under {parent_type}: at most "
            f"{model.max_count_per_parent} may be there"
        )
    if reason:
        raise ContentError([Problem(source.file, 1, reason)])


def _translation_find_or_create(
    *, source: PageSource, pages: dict[PagePath, Page], locale: Locale
) -> tuple[Page | None, bool]:
    path = source.path
    original = pages.get(path.in_language(settings.LANGUAGE_CODE))
    if original is None:
        return None, False
    page = original.get_translation_or_none(locale)
    parent = pages.get(path.parent) if path.parent else None
    if path.parent is not None and parent is None:
        return None, False
    if page is not None:
        if parent is not None and page.get_parent().pk != parent.pk:
            # Editors moved the translation away from its original's place; the files decide.
            page.move(parent, pos="last-child")
            page = type(page).objects.get(pk=page.pk)
        return page.specific, False
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


def _home_find(*, locale: Locale, model: type[Page]) -> Page | None:
    """The language's home: the default site's root when it is one, else any home in that locale."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        root = site.root_page.specific
        if isinstance(root, model) and root.locale_id == locale.pk:
            return root
    return model.objects.filter(depth=2, locale=locale).order_by("path").first()


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


def _page_update(
    *, page: Page, source: PageSource, resolver: Resolver, force: bool, problems: list[Problem]
) -> bool | None:
    """Save and publish one revision when the file's values differ from the live page's.

    Returns whether it did, or None when Wagtail refused the values (a problem is added).
    """
    # Fresh from the database: creating and moving other pages may have changed its tree fields.
    page = type(page).objects.get(pk=page.pk)
    specs = model_fields(source.model)
    try:
        wants = wants_for(specs, source.values, resolver, source.path.language)
    except LookupError as exc:
        problems.append(Problem(source.file, 1, str(exc)))
        return None
    changed, after = sync(page, wants, new=force)
    if page.slug != source.path.slug:
        page.slug = source.path.slug
        changed.append("slug")
    if not force and page.live and not changed:
        return False
    found = streams_check(wants, source.values, file=source.file, names=changed)
    if not found:
        found = _publish_problems(page, source)
    if found:
        problems.extend(found)
        return None
    for step in after:
        step()
    return True


def _publish_problems(page: Page, source: PageSource) -> list[Problem]:
    """Publish a revision of the page; what Wagtail, or a handler of publishing, refused."""
    try:
        page.save_revision(log_action=True).publish()
    except ValidationError as exc:
        lines = {name: given.line for name, given in source.values.items()}
        return validation_problems(exc, file=source.file, lines=lines, line=1)
    # A page_published handler may take the page down again (an image without consent).
    if not Page.objects.filter(pk=page.pk, live=True).exists():
        return [
            Problem(
                source.file,
                1,
                "the page was unpublished right after publishing (by a check on "
                "page_published, such as image consent); see the log above",
            )
        ]
    return []


def _siblings_reorder(
    *, sources: list[PageSource], pages: dict[PagePath, Page], order: dict[PagePath, tuple]
) -> list[str]:
    """Put file-defined siblings in their files' order; returns the addresses of moved pages.

    Pages that editors added keep their place before the moved ones.
    """
    by_parent: dict[PagePath, list[PagePath]] = {}
    for source in sources:
        if source.path.parent is not None and source.path in pages:
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
