"""Load the school's site from source files: images, documents, snippets, settings and pages.

The content directory (``README.md`` in it documents the format for editors):

- ``images.yaml`` and ``images.d/*.yaml``: images, drawn here with Pillow from a description;
- ``documents.yaml`` and ``documents.d/*.yaml``: documents, rendered here as small PDFs;
- ``snippets/<app_label>.<ModelName>.yaml``: a list of records of one snippet model;
- ``settings/<app_label>.<ModelName>.yaml``: the values of one site or generic setting;
- ``<language>/…``: one Markdown file with YAML front matter per page, mirroring the page tree
  (``ru/index.md`` is /ru/, ``ru/about.md`` /ru/about/, its children in ``ru/about/``); a file
  under another language is the translation of the source-language page at the same path.

Nothing here knows a particular model: a page file's ``type`` names the page model, and every
key of a page, snippet or setting is checked against that model's fields (and a StreamField's
values against its blocks), so a new page type or snippet needs no change here.

Loading has two halves so that a mistake never leaves the site half-changed: `content_read`
parses and validates every file and reports every problem at once, as ``file:line: reason``,
without writing anything; `content_apply` writes inside one transaction, in dependency order
(images and documents, snippets and their translations, settings, pages, then the links to pages
that snippets and settings hold), and changes only what differs from the database, so a second
run writes nothing.

The modules, in the order a load uses them: `sources` reads files and YAML that keeps its lines;
`fields` says which fields of a model files set, `values` reads plain values and `reader` every
value (`references` and `Markdown` stay symbolic); `catalogues`, `snippets`, `settings` and
`page_files` read each kind, `read` all of them into a `content.ContentSet`. Then `resolver`
turns references into ids, `field_values` compares and sets fields, `records` writes a record;
`media` (with `drawing`), `snippets`, `settings` and `pages` write each kind, `apply` all of them
in one transaction. Problems are `errors.Problem`s.
"""

from __future__ import annotations

from pathlib import Path

from site_content.markdown import markdown_to_blocks

from .apply import content_apply
from .content import DEFAULT_CONTENT_DIR, KINDS, ContentSet, LoadReport, PageSource, Progress
from .drawing import document_pdf, image_png
from .errors import ContentError, Problem
from .fields import is_words
from .read import content_read
from .references import PagePath

__all__ = [
    "DEFAULT_CONTENT_DIR",
    "KINDS",
    "ContentError",
    "ContentSet",
    "LoadReport",
    "PagePath",
    "PageSource",
    "Problem",
    "content_apply",
    "content_load",
    "content_read",
    "document_pdf",
    "image_png",
    "is_words",
    "markdown_to_blocks",
]


def content_load(
    *, root: Path = DEFAULT_CONTENT_DIR, progress: Progress | None = None
) -> LoadReport:
    """Validate every file under root, then bring the database in line with them."""
    return content_apply(content=content_read(root=root), progress=progress)
