"""Read a whole content directory: every file parsed and checked before anything is written."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from .catalogues import catalogue_read, documents_make, images_make
from .content import ContentSet
from .errors import ContentError, Problem
from .page_files import page_files_read, pages_make
from .reader import ValueReader
from .settings import setting_files_read, settings_make
from .snippets import snippet_files_read, snippet_source_make
from .sources import displayed


def content_read(*, root: Path) -> ContentSet:
    """Parse and validate every file under root; raise ContentError listing all problems."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError([Problem(displayed(root), None, "the content directory does not exist")])
    content = ContentSet(root=root)
    problems: list[Problem] = list(_layout_problems(root))

    image_entries, found = catalogue_read(root, "images")
    problems += found
    document_entries, found = catalogue_read(root, "documents")
    problems += found
    snippet_files, found = snippet_files_read(root)
    problems += found
    setting_files, found = setting_files_read(root)
    problems += found
    page_files, found = page_files_read(root)
    problems += found

    reader = _reader_for(image_entries, document_entries, snippet_files, page_files)
    content.images, found = images_make(image_entries, reader, content.warnings)
    problems += found
    content.documents, found = documents_make(document_entries, reader)
    problems += found
    for model, display, rows, ident in snippet_files:
        source, found = snippet_source_make(model, display, rows, ident, reader)
        problems += found
        content.snippets.append(source)
    content.settings, found = settings_make(setting_files, reader)
    problems += found
    content.pages, found = pages_make(page_files, reader, root)
    problems += found
    if not content.pages and not any(p.reason.startswith("no page files") for p in problems):
        problems.append(
            Problem(displayed(root), None, "no page files found (expected ru/index.md)")
        )
    if problems:
        raise ContentError(problems)
    return content


def _reader_for(image_entries, document_entries, snippet_files, page_files) -> ValueReader:
    """A reader that knows every key, slug and page the files define, to check references."""
    return ValueReader(
        images={entry["key"] for _, entry in image_entries},
        documents={entry["key"] for _, entry in document_entries},
        slugs={
            model: {str(r.get(ident)) for r in rows if isinstance(r, dict)}
            for model, _, rows, ident in snippet_files
            if ident == "slug"
        },
        pages={page.path: page.model for page in page_files if page.model is not None},
    )


def _layout_problems(root: Path) -> Iterable[Problem]:
    """Entries at the top of the content directory that the loader would silently skip."""
    languages = {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES}
    folders = languages | {"images.d", "documents.d", "snippets", "settings"}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name not in folders:
            yield Problem(
                displayed(entry),
                None,
                f"'{entry.name}' is not a language folder ({', '.join(sorted(languages))}) "
                "nor images.d, documents.d, snippets or settings",
            )
        elif (
            entry.is_file()
            and entry.suffix in (".yaml", ".yml")
            and entry.name
            not in (
                "images.yaml",
                "documents.yaml",
            )
        ):
            yield Problem(
                displayed(entry), None, "unknown file: expected images.yaml or documents.yaml"
            )
