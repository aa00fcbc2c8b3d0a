"""What files name: pages by address, images and documents by key, records by slug.

References stay symbolic until the records they name exist in the database; `Markdown` waits
for the ids of the pages it links to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from wagtail.models import Page

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
        if "?" in url or "#" in url or not url.startswith("/"):
            return None
        parts = [part for part in url.strip("/").split("/") if part]
        if not parts or not all(SLUG.match(part) for part in parts):
            return None
        return cls(parts[0], tuple(parts[1:]))


@dataclass(frozen=True)
class ImageRef:
    """An image, by its key in images.yaml."""

    key: str


@dataclass(frozen=True)
class DocumentRef:
    """A document, by its key in documents.yaml."""

    key: str


@dataclass(frozen=True)
class PageRef:
    """A page, by its place in the tree."""

    path: PagePath


@dataclass(frozen=True)
class SnippetRef:
    """A snippet record, by its slug."""

    model: type[models.Model]
    slug: str


@dataclass(frozen=True)
class Markdown:
    """Markdown text, turned into rich-text HTML (or body blocks) once page ids are known.

    `language` is set on a value a translation inherits from its original: its links to
    source-language pages then lead to their translations where files define them.
    """

    text: str
    line: int
    blocks: bool = False
    language: str | None = None


@dataclass
class Given:
    """A value a file gives for one field, converted, with where it was written."""

    value: Any
    line: int
    file: str | None = None
    # For a StreamField, the line of each top-level block, to point at a block Wagtail refuses.
    item_lines: list[int] | None = None


def for_translation(value, language: str, pages: dict[PagePath, type[Page]]):
    """A value inherited by a translation: links to pages lead to their translations."""
    if isinstance(value, PageRef):
        translated = value.path.in_language(language)
        return PageRef(translated) if translated in pages else value
    if isinstance(value, Markdown):
        return Markdown(value.text, value.line, value.blocks, language)
    if isinstance(value, Given):
        return Given(for_translation(value.value, language, pages), value.line, value.file)
    if isinstance(value, list):
        return [for_translation(item, language, pages) for item in value]
    if isinstance(value, dict):
        return {key: for_translation(item, language, pages) for key, item in value.items()}
    return value


def page_link_resolver(page_id: Callable[[PagePath], int | None]) -> Callable[[str], int | str]:
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


def leaves(value) -> Iterator:
    """Every plain value or reference inside a value read from a file."""
    if isinstance(value, Given):
        yield from leaves(value.value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from leaves(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    else:
        yield value


def has_page_refs(value) -> bool:
    """Whether a value links to a page: it must wait until every page exists."""
    return any(
        isinstance(leaf, PageRef) or (isinstance(leaf, Markdown) and "](/" in leaf.text)
        for leaf in leaves(value)
    )


def snippet_models_in(value) -> set:
    """The snippet models whose records a value names."""
    return {leaf.model for leaf in leaves(value) if isinstance(leaf, SnippetRef)}
