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
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import io
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from taggit.managers import TaggableManager
from taggit.models import ItemBase
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import (
    DraftStateMixin,
    Locale,
    Page,
    RevisionMixin,
    Site,
    TranslatableMixin,
    get_page_models,
)

from site_content.markdown import markdown_to_blocks, markdown_to_html
from site_content.pages.models import HomePage, StandardPage

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

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent / "content"

KINDS = ("images", "documents", "snippets", "settings", "pages")
PAGE_TYPE_ALIASES: dict[str, type[Page]] = {"home": HomePage, "standard": StandardPage}
# Keys of a page file that are not fields: the page model, and the place among its siblings.
PAGE_FILE_KEYS = ("type", "order")
# The only fields of Wagtail's own Page that a file sets; the rest are the tree's bookkeeping
# (the slug comes from the file name).
PAGE_OWN_FIELDS = ("title", "seo_title", "search_description", "show_in_menus")
# Bookkeeping of Wagtail's mixins and of settings, never content.
INTERNAL_FIELDS = {
    "id",
    "locale",
    "translation_key",
    "latest_revision",
    "live",
    "live_revision",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "site",
}
# The entry keys the format names for every image; the image model may lack a field for some.
IMAGE_FIELD_ALIASES = {"alt": ("alt_text", "alt", "description"), "credit": ("credit",)}
IMAGE_CONSENT = ("not_required", "on_file", "refused")
IMAGE_MANAGED_ELSEWHERE = {
    "file",
    "width",
    "height",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
    "file_size",
    "file_hash",
    "collection",
    "uploaded_by_user",
    "created_at",
    "tags",
}
DOCUMENT_MANAGED_ELSEWHERE = {
    "file",
    "file_size",
    "file_hash",
    "collection",
    "uploaded_by_user",
    "created_at",
    "tags",
}
# Images and documents are found again by this tag: their titles and files may change.
KEY_TAG_PREFIX = "content:"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,89}$")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
_PDF_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$")
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S")
_FONT_FILES = {
    True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "DejaVuSans.ttf"),
    False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
}
# A4 at 150 dots per inch.
PDF_PAGE = (1240, 1754)
PDF_DPI = 150
# Fixed dates keep a generated PDF byte-for-byte the same on every run.
PDF_DATE = time.gmtime(0)
_UNMANAGED = object()

# Problems and what the files say


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
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.reason))
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
        if "?" in url or "#" in url or not url.startswith("/"):
            return None
        parts = [part for part in url.strip("/").split("/") if part]
        if not parts or not all(_SLUG.match(part) for part in parts):
            return None
        return cls(parts[0], tuple(parts[1:]))


@dataclass(frozen=True)
class ImageRef:
    key: str


@dataclass(frozen=True)
class DocumentRef:
    key: str


@dataclass(frozen=True)
class PageRef:
    path: PagePath


@dataclass(frozen=True)
class SnippetRef:
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


@dataclass
class ImageSource:
    key: str
    file: str
    line: int
    title: str
    draw: dict
    values: dict[str, Given]


@dataclass
class DocumentSource:
    key: str
    file: str
    line: int
    title: str
    file_name: str
    text: str
    values: dict[str, Given]


@dataclass
class RecordSource:
    """One snippet record: its identifying field and value, its values and translations."""

    file: str
    line: int
    identity: tuple[str, Any]
    values: dict[str, Given]
    translations: dict[str, dict[str, Given]] = field(default_factory=dict)


@dataclass
class SnippetSource:
    model: type[models.Model]
    file: str
    records: list[RecordSource]


@dataclass
class SettingSource:
    model: type[models.Model]
    file: str
    values: dict[str, Given]


@dataclass
class PageSource:
    """What one page file says the page should be."""

    path: PagePath
    file: str
    model: type[Page]
    values: dict[str, Given]
    order: int | None = None

    @property
    def title(self) -> str:
        return self.values["title"].value


@dataclass
class ContentSet:
    """Everything a content directory defines, validated; `warnings` do not stop a load."""

    root: Path
    images: list[ImageSource] = field(default_factory=list)
    documents: list[DocumentSource] = field(default_factory=list)
    snippets: list[SnippetSource] = field(default_factory=list)
    settings: list[SettingSource] = field(default_factory=list)
    pages: list[PageSource] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def count(self, kind: str) -> int:
        if kind == "snippets":
            return sum(
                len(s.records) + sum(len(r.translations) for r in s.records) for s in self.snippets
            )
        return len(getattr(self, kind))


OUTCOMES = ("created", "updated", "unchanged")


@dataclass
class LoadReport:
    """What a load did to each kind of thing (a label per item), plus anything worth telling."""

    outcomes: dict[str, dict[str, str]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS}
    )
    untracked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def record(self, kind: str, label: str, outcome: str) -> None:
        """Note an outcome; an item touched in several passes keeps its strongest outcome."""
        previous = self.outcomes[kind].get(label, "unchanged")
        self.outcomes[kind][label] = min(previous, outcome, key=OUTCOMES.index)

    def labels(self, kind: str, outcome: str) -> list[str]:
        return [label for label, done in self.outcomes[kind].items() if done == outcome]

    def counts(self, kind: str) -> dict[str, int]:
        return {outcome: len(self.labels(kind, outcome)) for outcome in OUTCOMES}

    # The pages' addresses, which is what most callers want to know.
    @property
    def created(self) -> list[str]:
        return self.labels("pages", "created")

    @property
    def updated(self) -> list[str]:
        return self.labels("pages", "updated")

    @property
    def unchanged(self) -> list[str]:
        return self.labels("pages", "unchanged")


Progress = Callable[[str, int, int], None]


def content_load(
    *, root: Path = DEFAULT_CONTENT_DIR, progress: Progress | None = None
) -> LoadReport:
    """Validate every file under root, then bring the database in line with them."""
    return content_apply(content=content_read(root=root), progress=progress)


# YAML that remembers lines


class LineDict(dict):
    """A YAML mapping that knows the line of each key and of each value."""

    line: int = 1
    key_lines: dict
    value_lines: dict


class LineList(list):
    """A YAML sequence that knows the line of each item."""

    line: int = 1
    item_lines: list


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that keeps lines, reports duplicate keys and reads 15:00 as text, not 900."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []


_LineLoader.yaml_implicit_resolvers = {
    first: list(resolvers) for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.1 reads 15:00 as the base-60 number 900; a time of day is what people mean by it.
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
for _first in "+-0123456789":
    _LineLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:str", _SEXAGESIMAL)
    )


def _content_line(node: yaml.Node) -> int:
    # A block scalar (| or >) starts on the line after its indicator.
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        return node.start_mark.line + 2
    return node.start_mark.line + 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines, data.value_lines = {}, {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        key = str(key)
        if key in data.key_lines:
            loader.duplicates.append(
                (line, f"'{key}' is given twice (also on line {data.key_lines[key]})")
            )
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line
        data.value_lines[key] = _content_line(value_node)


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = []
    yield data
    for child in node.value:
        data.append(loader.construct_object(child, deep=True))
        data.item_lines.append(_content_line(child))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _yaml_read(text: str, *, first_line: int = 1) -> tuple[Any, list[tuple[int, str]]]:
    """Parse YAML whose first line is line `first_line` of its file; (data, [(line, reason)])."""
    loader = _LineLoader("\n" * (first_line - 1) + text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else first_line
        return None, [(line, f"invalid YAML: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return None, [(first_line, f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    return data, loader.duplicates


def _item_lines(value: list, line: int) -> list[int]:
    return list(getattr(value, "item_lines", None) or [line] * len(value))


def _key_line(data: dict, key: str, default: int = 1) -> int:
    return getattr(data, "key_lines", {}).get(key, getattr(data, "line", default))


def _value_line(data: dict, key: str, default: int = 1) -> int:
    return getattr(data, "value_lines", {}).get(key, _key_line(data, key, default))


# What a model's fields accept


@dataclass(frozen=True)
class FieldSpec:
    """One field a file can set, and how its value is read, compared and stored.

    kind: scalar, foreign_key, many (many-to-many), tags, stream, rich_text, or children
    (the objects of an inline panel: a ParentalKey relation, by its related_name).
    """

    name: str
    kind: str
    field: Any
    target: type[models.Model] | None = None
    required: bool = False


@cache
def model_fields(model: type[models.Model]) -> dict[str, FieldSpec]:
    """The fields of `model` that content files set, by the name files use for them."""
    specs: dict[str, FieldSpec] = {}
    is_page = issubclass(model, Page)
    for f in model._meta.get_fields():
        if f.auto_created and not f.concrete:
            if _is_child_relation(model, f):
                name = f.get_accessor_name()
                specs[name] = FieldSpec(name, "children", f, f.related_model)
            continue
        if isinstance(f, TaggableManager):
            specs[f.name] = FieldSpec(f.name, "tags", f)
            continue
        if isinstance(f, (GenericForeignKey, GenericRelation, ParentalKey)):
            continue
        if is_page and f.model is Page and f.name not in PAGE_OWN_FIELDS:
            continue
        if is_page and f.name == "slug":
            continue
        if f.name in INTERNAL_FIELDS or not f.editable or f.primary_key:
            continue
        remote = getattr(f, "remote_field", None)
        if remote is not None and getattr(remote, "parent_link", False):
            continue
        required = not f.blank and not f.has_default()
        if isinstance(f, StreamField):
            specs[f.name] = FieldSpec(f.name, "stream", f, required=required)
        elif isinstance(f, RichTextField):
            specs[f.name] = FieldSpec(f.name, "rich_text", f, required=required)
        elif f.many_to_many:
            specs[f.name] = FieldSpec(f.name, "many", f, f.related_model)
        elif f.many_to_one or f.one_to_one:
            specs[f.name] = FieldSpec(f.name, "foreign_key", f, f.related_model, required)
        else:
            specs[f.name] = FieldSpec(f.name, "scalar", f, required=required)
    return specs


def _is_child_relation(model: type[models.Model], rel) -> bool:
    """An inline panel's relation: a ParentalKey to this model, not Wagtail's own or taggit's."""
    if not (rel.one_to_many and isinstance(rel.field, ParentalKey)):
        return False
    if issubclass(rel.related_model, ItemBase):
        return False
    # Comments and other Wagtail bookkeeping hang on the base Page, not on a page type.
    return rel.field.remote_field.model is not Page


def _target_kind(model: type[models.Model]) -> str | None:
    """How a file names a record of `model`; None when the loader cannot name one."""
    if isinstance(model, str):
        model = apps.get_model(model)
    if issubclass(model, AbstractImage):
        return "image"
    if issubclass(model, AbstractDocument):
        return "document"
    if issubclass(model, Page):
        return "page"
    if any(f.name == "slug" for f in model._meta.get_fields()):
        return "snippet"
    return None


def _identity_field(model: type[models.Model]) -> str | None:
    """The field that finds a snippet's record again: its slug, else another unique field."""
    names = [f.name for f in model._meta.concrete_fields]
    if "slug" in names:
        return "slug"
    for f in model._meta.concrete_fields:
        if f.unique and not f.primary_key and f.name not in INTERNAL_FIELDS:
            return f.name
    return None


def _page_types() -> dict[str, type[Page] | None]:
    """Page models by class name and by app_label.ClassName; None marks a name two apps use."""
    types: dict[str, type[Page] | None] = {}
    for model in get_page_models():
        if model is Page:
            continue
        types[model._meta.label] = model
        name = model.__name__
        types[name] = model if types.get(name, model) is model else None
    types.update(PAGE_TYPE_ALIASES)
    return types


def _unknown_key(key: str, known: Iterable[str], what: str) -> str:
    known = sorted(known)
    guess = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    return f"unknown key '{key}' for {what}{hint}; known keys: {', '.join(known)}"


# Reading values


_REFERENCE_FORMS = {
    "image": "an image key from images.yaml",
    "document": "a document key from documents.yaml",
    "page": "a page address like /ru/about/",
    "snippet": "a slug",
}


class _ValueReader:
    """Turns YAML values into field values, checking each against its field or block.

    Every method returns the converted value and a list of (line, reason) problems.
    References stay symbolic (`ImageRef`, `PageRef`…) until the records they name exist.
    """

    def __init__(
        self,
        *,
        images: set[str],
        documents: set[str],
        slugs: dict[type[models.Model], set[str]],
        pages: dict[PagePath, type[Page]],
    ):
        self.images = images
        self.documents = documents
        self.slugs = slugs
        self.pages = pages
        self._stored_slugs: dict[type[models.Model], set[str]] = {}

    def record(
        self, data: dict, *, specs: dict[str, FieldSpec], what: str, skip: Iterable[str] = ()
    ) -> tuple[dict[str, Given], list]:
        values: dict[str, Given] = {}
        problems: list = []
        skip = set(skip)
        for key, value in data.items():
            if key in skip:
                continue
            line = _key_line(data, key)
            spec = specs.get(key)
            if spec is None:
                problems.append((line, _unknown_key(key, [*specs, *skip], what)))
                continue
            if value is None:  # `key:` with nothing after it means the field is not given
                continue
            converted, value_problems = self.field(spec, value, _value_line(data, key, line))
            problems += value_problems
            if not value_problems:
                item_lines = getattr(value, "item_lines", None) if spec.kind == "stream" else None
                values[key] = Given(converted, line, item_lines=item_lines)
        return values, problems

    def field(self, spec: FieldSpec, value, line: int) -> tuple[Any, list]:
        name = spec.name
        if spec.kind == "scalar":
            return _scalar_read(spec.field, value, line, name)
        if spec.kind == "foreign_key":
            return self.reference(spec.target, value, line, name)
        if spec.kind == "many":
            if not isinstance(value, list):
                form = _REFERENCE_FORMS.get(_target_kind(spec.target) or "", "a value")
                return None, [(line, f"{_q(name)} must be a list, each item {form}")]
            refs, problems = [], []
            for item, item_line in zip(value, _item_lines(value, line), strict=True):
                ref, item_problems = self.reference(spec.target, item, item_line, name)
                problems += item_problems
                if ref not in refs:
                    refs.append(ref)
            return refs, problems
        if spec.kind == "tags":
            if not isinstance(value, list):
                return None, [(line, f"{_q(name)} must be a list of tags: [first, second]")]
            tags, problems = [], []
            for item, item_line in zip(value, _item_lines(value, line), strict=True):
                if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                    problems.append((item_line, f"{_q(name)}: each tag is a word or a phrase"))
                elif not str(item).strip() or len(str(item).strip()) > 100:
                    problems.append((item_line, f"{_q(name)}: a tag has 1 to 100 characters"))
                elif str(item).strip() not in tags:
                    tags.append(str(item).strip())
            return tags, problems
        if spec.kind == "stream":
            return self.stream(spec.field.stream_block, value, line, name)
        if spec.kind == "rich_text":
            return self.rich_text(value, line, name)
        return self.children(spec, value, line)

    def children(self, spec: FieldSpec, value, line: int) -> tuple[Any, list]:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            return None, [(line, f"'{spec.name}' must be a list of mappings of their fields")]
        specs = model_fields(spec.target)
        items, problems = [], []
        what = f"'{spec.name}' ({spec.target.__name__})"
        for item, item_line in zip(value, _item_lines(value, line), strict=True):
            values, item_problems = self.record(item, specs=specs, what=what)
            item_problems += _required_problems(specs, {*values, *_given(item)}, item_line, what)
            problems += item_problems
            items.append(values)
        return items, problems

    def reference(self, target, value, line: int, name: str, *, page_types=None):
        kind = _target_kind(target)
        if kind is None:
            return None, [
                (
                    line,
                    f"{_q(name)} refers to {target._meta.label}, which has no slug: "
                    "the loader names pages, images, documents and records with a slug",
                )
            ]
        if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
            return None, [(line, f"{_q(name)} must be {_REFERENCE_FORMS[kind]}")]
        value = str(value).strip()
        if kind in ("image", "document"):
            known = self.images if kind == "image" else self.documents
            if value not in known:
                guess = difflib.get_close_matches(value, known, n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                return None, [
                    (line, f"{_q(name)}: no {kind} has the key '{value}' in {kind}s.yaml{hint}")
                ]
            return (ImageRef(value) if kind == "image" else DocumentRef(value)), []
        if kind == "page":
            return self.page_reference(value, line, name, page_types or (target,))
        if isinstance(target, str):
            target = apps.get_model(target)
        if not self.slug_known(target, value):
            return None, [
                (
                    line,
                    f"{_q(name)}: no {target._meta.label} has the slug '{value}' "
                    f"(snippets/{target._meta.label}.yaml defines them)",
                )
            ]
        return SnippetRef(target, value), []

    def page_reference(self, value: str, line: int, name: str, page_types) -> tuple[Any, list]:
        path = PagePath.from_url(value)
        if path is None:
            return None, [(line, f"{_q(name)}: {value} is not a page address like /ru/about/")]
        model = self.pages.get(path)
        if model is None:
            return None, [(line, f"{_q(name)}: no file defines the page {value} ({path.file})")]
        if not any(issubclass(model, allowed) for allowed in page_types):
            wanted = " or ".join(allowed.__name__ for allowed in page_types)
            return None, [(line, f"{_q(name)}: {value} is a {model.__name__}, not a {wanted}")]
        return PageRef(path), []

    def slug_known(self, model: type[models.Model], slug: str) -> bool:
        if slug in self.slugs.get(model, ()):
            return True
        if model not in self._stored_slugs:
            # Records editors made in the admin can be named too.
            self._stored_slugs[model] = set(model._default_manager.values_list("slug", flat=True))
        return slug in self._stored_slugs[model]

    def rich_text(self, value, line: int, name: str) -> tuple[Any, list]:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None, [(line, f"{_q(name)} must be Markdown text")]
        text = str(value)
        _, problems = markdown_to_html(text, page_link=self.link_check, first_line=line)
        return Markdown(text, line), problems

    def link_check(self, target: str) -> int | str:
        return _page_link_resolver(lambda path: 0 if path in self.pages else None)(target)

    def stream(self, stream_block, value, line: int, name: str) -> tuple[Any, list]:
        if not isinstance(value, list):
            return None, [
                (line, f"{_q(name)} must be a list of blocks ('- type: …' and 'value: …')")
            ]
        raw, problems = [], []
        for item, item_line in zip(value, _item_lines(value, line), strict=True):
            if not isinstance(item, dict) or "type" not in item:
                problems.append(
                    (item_line, f"{_q(name)}: a block is a mapping of 'type' and 'value'")
                )
                continue
            for extra in sorted(set(item) - {"type", "value"}):
                problems.append(
                    (
                        _key_line(item, extra, item_line),
                        f"{_q(name)}: a block has only 'type' and 'value'",
                    )
                )
            type_name = str(item["type"])
            child = stream_block.child_blocks.get(type_name)
            if child is None:
                problems.append(
                    (
                        _key_line(item, "type", item_line),
                        f"{_q(name)}: unknown block type '{type_name}'; "
                        f"use one of: {', '.join(stream_block.child_blocks)}",
                    )
                )
                continue
            converted, block_problems = self.block(
                child,
                item.get("value"),
                _value_line(item, "value", item_line),
                f"{name}: {type_name}",
            )
            problems += block_problems
            raw.append({"type": type_name, "value": converted})
        return raw, problems

    def block(self, block, value, line: int, label: str) -> tuple[Any, list]:
        """One block's raw (stored) value from YAML; references stay symbolic."""
        if isinstance(block, blocks.BaseStreamBlock):
            return self.stream(block, [] if value is None else value, line, label)
        if isinstance(block, blocks.ListBlock):
            if value is None:
                return [], []
            if not isinstance(value, list):
                return None, [(line, f"{label} must be a list")]
            items, problems = [], []
            for number, (item, item_line) in enumerate(
                zip(value, _item_lines(value, line), strict=True), 1
            ):
                converted, item_problems = self.block(
                    block.child_block, item, item_line, f"{label} [{number}]"
                )
                items.append(converted)
                problems += item_problems
            return items, problems
        if isinstance(block, blocks.BaseStructBlock):
            if value is None:
                value = {}
            if not isinstance(value, dict):
                names = ", ".join(block.child_blocks)
                return None, [(line, f"{label} must be a mapping of: {names}")]
            result, problems = {}, []
            for key in value:
                if key not in block.child_blocks:
                    problems.append(
                        (_key_line(value, key, line), _unknown_key(key, block.child_blocks, label))
                    )
            for key, child in block.child_blocks.items():
                child_value = value.get(key)
                if child_value is None:
                    if (
                        isinstance(child, (blocks.FieldBlock, blocks.ChooserBlock))
                        and getattr(child, "required", False)
                        and child.get_default() in (None, "")
                    ):
                        problems.append((line, f"{label}: '{key}' is required"))
                    continue
                converted, child_problems = self.block(
                    child, child_value, _value_line(value, key, line), f"{label}: {key}"
                )
                result[key] = converted
                problems += child_problems
            return result, problems
        if isinstance(block, TypedTableBlock):
            return self.table(block, value, line, label)
        if value is None:
            return None, []
        if isinstance(block, blocks.RichTextBlock):
            return self.rich_text(value, line, label)
        if isinstance(block, blocks.PageChooserBlock):
            if not isinstance(value, str):
                return None, [(line, f"{label} must be a page address like /ru/about/")]
            return self.page_reference(value.strip(), line, label, block.target_models or [Page])
        if isinstance(block, blocks.ChooserBlock):
            return self.reference(block.target_model, value, line, label)
        if isinstance(block, blocks.StaticBlock):
            return None, []
        return _block_scalar_read(block, value, line, label)

    def table(self, block, value, line: int, label: str) -> tuple[Any, list]:
        """A typed table: {caption, columns: [{type, heading}], rows: [[cell, …], …]}."""
        if value is None:
            value = {}
        if not isinstance(value, dict):
            return None, [(line, f"{label} must be a mapping of caption, columns and rows")]
        problems = [
            (_key_line(value, key, line), _unknown_key(key, ["caption", "columns", "rows"], label))
            for key in value
            if key not in ("caption", "columns", "rows")
        ]
        columns = value.get("columns") or []
        column_blocks = []
        if not isinstance(columns, list):
            return None, [(line, f"{label}: 'columns' is a list of {{type, heading}}")]
        for column, column_line in zip(columns, _item_lines(columns, line), strict=True):
            kind = column.get("type") if isinstance(column, dict) else None
            if kind not in block.child_blocks:
                problems.append(
                    (
                        column_line,
                        f"{label}: each column has a 'type' ({', '.join(block.child_blocks)}) "
                        "and a 'heading'",
                    )
                )
                continue
            column_blocks.append((kind, str(column.get("heading") or ""), block.child_blocks[kind]))
        rows = value.get("rows") or []
        if not isinstance(rows, list):
            return None, [*problems, (line, f"{label}: 'rows' is a list of rows")]
        stored_rows = []
        for number, (row, row_line) in enumerate(
            zip(rows, _item_lines(rows, line), strict=True), 1
        ):
            cells = row.get("values") if isinstance(row, dict) else row
            if not isinstance(cells, list) or len(cells) != len(columns):
                problems.append(
                    (row_line, f"{label}: row {number} must be a list of {len(columns)} cells")
                )
                continue
            stored = []
            for (kind, _, cell_block), cell in zip(column_blocks, cells, strict=False):
                converted, cell_problems = self.block(
                    cell_block, cell, row_line, f"{label} row {number}: {kind}"
                )
                stored.append(converted)
                problems += cell_problems
            stored_rows.append({"values": stored})
        caption = value.get("caption") or ""
        if not isinstance(caption, str):
            problems.append((_key_line(value, "caption", line), f"{label}: 'caption' is text"))
        table = {
            "columns": [{"type": kind, "heading": heading} for kind, heading, _ in column_blocks],
            "rows": stored_rows,
            "caption": str(caption),
        }
        return table, problems


def _q(name: str) -> str:
    """A field's name in quotes; a block's path (body: image: alt_text) as it is."""
    return name if ":" in name or name.startswith("'") else f"'{name}'"


def _given(data: dict) -> set[str]:
    """The keys a mapping gives a value for, valid or not (each problem is reported once)."""
    return {key for key, value in data.items() if value is not None}


def is_words(spec: FieldSpec) -> bool:
    """Whether a field holds words to translate: a translation never inherits those.

    Text and rich text are words; codes (choices), addresses (URL, e-mail, slug), numbers,
    dates, references, tags, StreamFields and inline children are shared with the original,
    as wagtail-localize shares what a translator has not translated yet. A page's body is
    always its own file's text.
    """
    if spec.name == "body" or spec.kind == "rich_text":
        return True
    f = spec.field
    return (
        spec.kind == "scalar"
        and isinstance(f, (models.CharField, models.TextField))
        and not isinstance(f, (models.URLField, models.EmailField, models.SlugField))
        and not f.choices
    )


def _required_problems(
    specs: dict[str, FieldSpec], given: Iterable[str], line: int, what: str
) -> list[tuple[int, str]]:
    given = set(given)
    return [
        (line, f"'{name}' is required for {what}")
        for name, spec in specs.items()
        if spec.required and name not in given
    ]


def _expects(f) -> str:
    if isinstance(f, models.BooleanField):
        return "true or false"
    if isinstance(f, models.IntegerField):
        return "a whole number"
    if isinstance(f, (models.FloatField, models.DecimalField)):
        return "a number"
    if isinstance(f, models.DateTimeField):
        return "a date and time like 2025-03-14 15:00 (Moscow time)"
    if isinstance(f, models.DateField):
        return "a date like 2025-03-14"
    if isinstance(f, models.TimeField):
        return "a time like 15:00"
    return "text (put it in quotes)"


def _datetime_read(value) -> dt.datetime | None:
    parsed = None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        for fmt in _DATETIME_FORMATS:
            try:
                parsed = dt.datetime.strptime(value.strip(), fmt)
                break
            except ValueError:
                continue
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, ZoneInfo(settings.TIME_ZONE))
    return parsed


def _date_read(value) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _time_read(value) -> dt.time | None:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        for fmt in _TIME_FORMATS:
            try:
                return dt.datetime.strptime(value.strip(), fmt).time()
            except ValueError:
                continue
    return None


def _scalar_read(f, value, line: int, name: str) -> tuple[Any, list]:
    """A model field's value from YAML, checked with the field's own validation."""
    wrong = [(line, f"'{name}' must be {_expects(f)}")]
    if isinstance(value, (dict, list)):
        return None, wrong
    if isinstance(f, models.BooleanField):
        if not isinstance(value, bool):
            return None, wrong
    elif isinstance(f, models.IntegerField):
        if isinstance(value, bool) or not isinstance(value, int):
            return None, wrong
    elif isinstance(f, (models.FloatField, models.DecimalField)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, wrong
        value = Decimal(str(value)) if isinstance(f, models.DecimalField) else float(value)
    elif isinstance(f, models.DateTimeField):
        value = _datetime_read(value)
        if value is None:
            return None, wrong
    elif isinstance(f, models.DateField):
        value = _date_read(value)
        if value is None:
            return None, wrong
    elif isinstance(f, models.TimeField):
        value = _time_read(value)
        if value is None:
            return None, wrong
    elif isinstance(f, (models.CharField, models.TextField)):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None, wrong
        value = str(value).strip()
        if f.max_length and len(value) > f.max_length:
            return None, [(line, f"'{name}' is longer than {f.max_length} characters")]
    if f.choices:
        valid = [choice for choice, _ in f.flatchoices]
        if value not in valid:
            return None, [(line, f"'{name}' must be one of: {', '.join(map(str, valid))}")]
    try:
        value = f.clean(value, None)
    except ValidationError as exc:
        return None, [(line, f"'{name}': {' '.join(exc.messages)}")]
    return value, []


def _block_scalar_read(block, value, line: int, label: str) -> tuple[Any, list]:
    """A leaf block's stored value from YAML, checked by the block itself where it can be."""
    if isinstance(block, blocks.BooleanBlock):
        if not isinstance(value, bool):
            return None, [(line, f"{label} must be true or false")]
        return value, []
    if isinstance(block, blocks.IntegerBlock):
        if isinstance(value, bool) or not isinstance(value, int):
            return None, [(line, f"{label} must be a whole number")]
    elif isinstance(block, (blocks.FloatBlock, blocks.DecimalBlock)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, [(line, f"{label} must be a number")]
    elif isinstance(block, blocks.DateTimeBlock):
        parsed = _datetime_read(value)
        if parsed is None:
            return None, [(line, f"{label} must be a date and time like 2025-03-14 15:00")]
        return parsed.isoformat(), []
    elif isinstance(block, blocks.DateBlock):
        parsed = _date_read(value)
        if parsed is None:
            return None, [(line, f"{label} must be a date like 2025-03-14")]
        return parsed.isoformat(), []
    elif isinstance(block, blocks.TimeBlock):
        parsed = _time_read(value)
        if parsed is None:
            return None, [(line, f"{label} must be a time like 15:00")]
        return parsed.isoformat(timespec="minutes"), []
    elif isinstance(block, blocks.MultipleChoiceBlock):
        if not isinstance(value, list):
            return None, [(line, f"{label} must be a list of choices")]
    elif isinstance(
        block,
        (
            blocks.CharBlock,
            blocks.TextBlock,
            blocks.URLBlock,
            blocks.EmailBlock,
            blocks.RegexBlock,
            blocks.RawHTMLBlock,
            blocks.BlockQuoteBlock,
            blocks.ChoiceBlock,
            EmbedBlock,
        ),
    ):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None, [(line, f"{label} must be text")]
        value = str(value).strip()
    if isinstance(block, blocks.FieldBlock) and not isinstance(block, EmbedBlock):
        # An embed's check fetches the video page; the publish step does that.
        try:
            block.clean(block.to_python(value))
        except ValidationError as exc:
            return None, [(line, f"{label}: {' '.join(exc.messages)}")]
    return value, []


# Reading files


def content_read(*, root: Path) -> ContentSet:
    """Parse and validate every file under root; raise ContentError listing all problems."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError([Problem(_display(root), None, "the content directory does not exist")])
    content = ContentSet(root=root)
    problems: list[Problem] = list(_layout_problems(root))

    image_entries, found = _catalogue_read(root, "images")
    problems += found
    document_entries, found = _catalogue_read(root, "documents")
    problems += found
    snippet_files, found = _snippet_files_read(root)
    problems += found
    setting_files, found = _setting_files_read(root)
    problems += found
    page_files, found = _page_files_read(root)
    problems += found

    reader = _ValueReader(
        images={entry["key"] for _, entry in image_entries},
        documents={entry["key"] for _, entry in document_entries},
        slugs={
            model: {str(r.get(ident)) for r in rows if isinstance(r, dict)}
            for model, _, rows, ident in snippet_files
            if ident == "slug"
        },
        pages={page.path: page.model for page in page_files if page.model is not None},
    )
    content.images, found = _images_make(image_entries, reader, content.warnings)
    problems += found
    content.documents, found = _documents_make(document_entries, reader)
    problems += found
    for model, display, rows, ident in snippet_files:
        source, found = _snippet_source_make(model, display, rows, ident, reader)
        problems += found
        content.snippets.append(source)
    for model, display, data in setting_files:
        specs = model_fields(model)
        values, found = reader.record(data, specs=specs, what=model._meta.label)
        found += _required_problems(specs, {*values, *_given(data)}, 1, model._meta.label)
        problems += [Problem(display, line, reason) for line, reason in found]
        content.settings.append(SettingSource(model=model, file=display, values=values))
    content.pages, found = _pages_make(page_files, reader, root)
    problems += found
    if not content.pages and not any(p.reason.startswith("no page files") for p in problems):
        problems.append(Problem(_display(root), None, "no page files found (expected ru/index.md)"))
    if problems:
        raise ContentError(problems)
    return content


def _layout_problems(root: Path) -> Iterable[Problem]:
    """Entries at the top of the content directory that the loader would silently skip."""
    languages = {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES}
    folders = languages | {"images.d", "documents.d", "snippets", "settings"}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name not in folders:
            yield Problem(
                _display(entry),
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
                _display(entry), None, "unknown file: expected images.yaml or documents.yaml"
            )


def _yaml_file_read(file: Path) -> tuple[Any, list[Problem]]:
    display = _display(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(display, None, "the file is not UTF-8 text")]
    data, found = _yaml_read(text)
    return data, [Problem(display, line, reason) for line, reason in found]


def _catalogue_files(root: Path, kind: str) -> list[Path]:
    files = [root / f"{kind}.yaml"] if (root / f"{kind}.yaml").is_file() else []
    folder = root / f"{kind}.d"
    if folder.is_dir():
        files += sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return files


def _catalogue_read(root: Path, kind: str) -> tuple[list[tuple[str, dict]], list[Problem]]:
    """The entries of images.yaml/documents.yaml and their .d folders, keys unique overall."""
    entries: list[tuple[str, dict]] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for file in _catalogue_files(root, kind):
        display = _display(file)
        if file.suffix not in (".yaml", ".yml"):
            problems.append(Problem(display, None, f"{kind}.d holds only .yaml files"))
            continue
        data, found = _yaml_file_read(file)
        problems += found
        if found or data is None:
            continue
        if not isinstance(data, list):
            problems.append(Problem(display, 1, f"{file.name} is a list of {kind}: '- key: …'"))
            continue
        for item, line in zip(data, _item_lines(data, 1), strict=True):
            if not isinstance(item, dict):
                problems.append(Problem(display, line, "each entry is a mapping with a 'key'"))
                continue
            key = item.get("key")
            key_line = _key_line(item, "key", line)
            if not isinstance(key, str) or not _KEY.match(key):
                problems.append(
                    Problem(
                        display,
                        key_line,
                        "each entry needs a 'key' of lowercase latin letters, digits, - and _",
                    )
                )
                continue
            if key in seen:
                problems.append(
                    Problem(display, key_line, f"the key '{key}' is also defined in {seen[key]}")
                )
                continue
            seen[key] = f"{display}:{key_line}"
            entries.append((display, item))
    return entries, problems


def _media_fields(model, managed_elsewhere: set[str]) -> dict[str, FieldSpec]:
    return {
        name: spec
        for name, spec in model_fields(model).items()
        if name not in managed_elsewhere and spec.kind in ("scalar", "foreign_key", "rich_text")
    }


def _images_make(
    entries: list[tuple[str, dict]], reader: _ValueReader, warnings: list[Problem]
) -> tuple[list[ImageSource], list[Problem]]:
    specs = _media_fields(get_image_model(), IMAGE_MANAGED_ELSEWHERE)
    sources, problems = [], []
    for display, item in entries:
        found: list = []
        data = LineDict(item)
        data.line, data.key_lines, data.value_lines = item.line, {}, {}
        for key in item:
            data.key_lines[key] = _key_line(item, key)
            data.value_lines[key] = _value_line(item, key)
        # The format's own names map to the image model's fields, when it has them.
        for alias, candidates in IMAGE_FIELD_ALIASES.items():
            if alias in data:
                target = next((c for c in candidates if c in specs), None)
                if target is None:
                    warnings.append(
                        Problem(
                            display,
                            _key_line(item, alias),
                            f"the image model has no field for '{alias}'; the value is ignored",
                        )
                    )
                    del data[alias]
                elif target != alias:
                    _rename_key(data, alias, target)
        if "consent" in data:
            consent = data["consent"]
            if "consent" not in specs:
                if consent not in IMAGE_CONSENT:
                    found.append(
                        (
                            _key_line(item, "consent"),
                            f"'consent' must be one of: {', '.join(IMAGE_CONSENT)}",
                        )
                    )
                warnings.append(
                    Problem(
                        display,
                        _key_line(item, "consent"),
                        "the image model has no field 'consent'; the value is ignored",
                    )
                )
                del data["consent"]
        draw, draw_problems = _draw_read(item.get("draw"), _value_line(item, "draw", item.line))
        found += draw_problems
        if "draw" not in item:
            found.append((item.line, "'draw' is required: size, background and text"))
        values, value_problems = reader.record(
            data, specs=specs, what="an image", skip=("key", "draw")
        )
        found += value_problems
        found += _required_problems(specs, {*values, *_given(data)}, item.line, "an image")
        problems += [Problem(display, line, reason) for line, reason in found]
        if not found:
            sources.append(
                ImageSource(
                    key=item["key"],
                    file=display,
                    line=item.line,
                    title=values["title"].value,
                    draw=draw,
                    values=values,
                )
            )
    return sources, problems


def _rename_key(data: LineDict, old: str, new: str) -> None:
    data[new] = data.pop(old)
    data.key_lines[new] = data.key_lines.pop(old)
    data.value_lines[new] = data.value_lines.pop(old)


def _draw_read(draw, line: int) -> tuple[dict, list]:
    """How to draw an image: {size: [w, h], background: '#hex' or a list, text, color}."""
    if draw is None:
        return {}, []
    if not isinstance(draw, dict):
        return {}, [(line, "'draw' must be a mapping: size, background, text")]
    problems = []
    for key in draw:
        if key not in ("size", "background", "text", "color"):
            problems.append(
                (
                    _key_line(draw, key, line),
                    _unknown_key(key, ["size", "background", "text", "color"], "draw"),
                )
            )
    size = draw.get("size", [1200, 800])
    if not (
        isinstance(size, list)
        and len(size) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and 16 <= n <= 4000 for n in size)
    ):
        problems.append(
            (_key_line(draw, "size", line), "'size' must be [width, height] in pixels, 16 to 4000")
        )
    background = draw.get("background", "#2d5b8a")
    colours = background if isinstance(background, list) else [background]
    if not (
        1 <= len(colours) <= 4 and all(isinstance(c, str) and _COLOUR.match(c) for c in colours)
    ):
        problems.append(
            (
                _key_line(draw, "background", line),
                "'background' must be a colour like '#2d5b8a' (in quotes) or a list of 2–4 "
                "colours for a gradient",
            )
        )
    colour = draw.get("color")
    if colour is not None and not (isinstance(colour, str) and _COLOUR.match(colour)):
        problems.append((_key_line(draw, "color", line), "'color' must be a colour like '#ffffff'"))
    text = draw.get("text", "")
    if not isinstance(text, (str, int, float)) or isinstance(text, bool):
        problems.append((_key_line(draw, "text", line), "'text' must be text"))
    return {"size": size, "background": colours, "text": str(text), "color": colour}, problems


def _documents_make(
    entries: list[tuple[str, dict]], reader: _ValueReader
) -> tuple[list[DocumentSource], list[Problem]]:
    specs = _media_fields(get_document_model(), DOCUMENT_MANAGED_ELSEWHERE)
    sources, problems = [], []
    for display, item in entries:
        found: list = []
        file_name = item.get("file")
        if not isinstance(file_name, str) or not _PDF_NAME.match(file_name):
            found.append(
                (
                    _key_line(item, "file", item.line),
                    "'file' must be a file name of latin letters, digits, '.', '-' and '_' "
                    "ending in .pdf",
                )
            )
        text = item.get("text", "")
        if isinstance(text, (dict, list, bool)) or text is None:
            found.append((_key_line(item, "text", item.line), "'text' must be text"))
        values, value_problems = reader.record(
            item, specs=specs, what="a document", skip=("key", "file", "text")
        )
        found += value_problems
        found += _required_problems(specs, {*values, *_given(item)}, item.line, "a document")
        problems += [Problem(display, line, reason) for line, reason in found]
        if not found:
            sources.append(
                DocumentSource(
                    key=item["key"],
                    file=display,
                    line=item.line,
                    title=values["title"].value,
                    file_name=file_name,
                    text=str(text),
                    values=values,
                )
            )
    return sources, problems


def _model_file(file: Path, folder: str) -> tuple[type[models.Model] | None, str | None]:
    """The model a snippets/ or settings/ file is named after, or the reason it is not one."""
    if file.suffix not in (".yaml", ".yml"):
        return None, f"{folder}/ holds only <app_label>.<ModelName>.yaml files"
    label = file.stem
    try:
        return apps.get_model(label), None
    except (LookupError, ValueError):
        return None, (
            f"the file name must be <app_label>.<ModelName>.yaml of an existing model; "
            f"'{label}' is not one"
        )


def _snippet_files_read(root: Path):
    """(model, file, records, identity field) for every snippets/ file."""
    folder = root / "snippets"
    result, problems = [], []
    if not folder.is_dir():
        return result, problems
    for file in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        display = _display(file)
        model, reason = _model_file(file, "snippets")
        if model is not None and issubclass(
            model, (Page, AbstractImage, AbstractDocument, BaseSiteSetting, BaseGenericSetting)
        ):
            reason = (
                f"{model._meta.label} is not a snippet: pages, images, documents and settings "
                "have their own files"
            )
        if model is not None and reason is None and _identity_field(model) is None:
            reason = (
                f"{model._meta.label} has no slug nor another unique field, so the loader could "
                "not find its records again"
            )
        if reason:
            problems.append(Problem(display, None, reason))
            continue
        data, found = _yaml_file_read(file)
        problems += found
        if found:
            continue
        if data is None:
            data = LineList()
            data.item_lines = []
        if not isinstance(data, list):
            problems.append(
                Problem(display, 1, "a snippets file is a list of records: '- slug: …'")
            )
            continue
        result.append((model, display, data, _identity_field(model)))
    return result, problems


def _snippet_source_make(model, display, rows, ident, reader):
    specs = model_fields(model)
    what = model._meta.label
    translatable = issubclass(model, TranslatableMixin)
    languages = [
        code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    source = SnippetSource(model=model, file=display, records=[])
    problems: list = []
    seen: dict = {}
    for item, line in zip(rows, _item_lines(rows, 1), strict=True):
        if not isinstance(item, dict):
            problems.append((line, "each record is a mapping of field names to values"))
            continue
        values, found = reader.record(item, specs=specs, what=what, skip=("translations",))
        found += _required_problems(specs, {*values, *_given(item)}, line, what)
        identity = values.get(ident)
        if identity is None and not any(ident in reason for _, reason in found):
            found.append(
                (line, f"each record needs its '{ident}': the loader finds it again by it")
            )
        elif identity is not None and identity.value in seen:
            found.append(
                (
                    identity.line,
                    f"{ident} '{identity.value}' is also used on line {seen[identity.value]}",
                )
            )
        elif identity is not None:
            seen[identity.value] = identity.line
        translations = {}
        if "translations" in item:
            t_line = _key_line(item, "translations", line)
            t_data = item["translations"]
            if not translatable:
                found.append((t_line, f"{what} is not translatable: it has no translations"))
            elif not isinstance(t_data, dict):
                found.append((t_line, "'translations' maps a language to its values: en: {…}"))
            else:
                for language, t_values in t_data.items():
                    l_line = _key_line(t_data, language, t_line)
                    if language not in languages:
                        found.append(
                            (
                                l_line,
                                f"'{language}' is not a translation language "
                                f"({', '.join(languages)})",
                            )
                        )
                        continue
                    if not isinstance(t_values, dict):
                        found.append((l_line, f"the {language} translation is a mapping of fields"))
                        continue
                    if ident in t_values:
                        found.append(
                            (
                                _key_line(t_values, ident, l_line),
                                f"a translation shares its original's {ident}",
                            )
                        )
                    own, t_found = reader.record(t_values, specs=specs, what=f"{what} ({language})")
                    words = {name: spec for name, spec in specs.items() if is_words(spec)}
                    t_found += _required_problems(
                        words, {*own, *_given(t_values)}, l_line, f"{what} ({language})"
                    )
                    found += t_found
                    translations[language] = own
        problems += found
        if not found:
            source.records.append(
                RecordSource(
                    file=display,
                    line=line,
                    identity=(ident, identity.value),
                    values=values,
                    translations=translations,
                )
            )
    return source, [Problem(display, line, reason) for line, reason in problems]


def _setting_files_read(root: Path):
    folder = root / "settings"
    result, problems = [], []
    if not folder.is_dir():
        return result, problems
    for file in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        display = _display(file)
        model, reason = _model_file(file, "settings")
        if model is not None and not issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
            reason = f"{model._meta.label} is not a setting (BaseSiteSetting or BaseGenericSetting)"
        if reason:
            problems.append(Problem(display, None, reason))
            continue
        data, found = _yaml_file_read(file)
        problems += found
        if found:
            continue
        if data is None:
            data = LineDict()
            data.key_lines, data.value_lines = {}, {}
        if not isinstance(data, dict):
            problems.append(
                Problem(display, 1, "a settings file is a mapping: 'field: value' lines")
            )
            continue
        result.append((model, display, data))
    return result, problems


@dataclass
class _PageFile:
    """A page file parsed, before its values are checked against its page type."""

    path: PagePath
    file: Path
    display: str
    meta: dict
    body: str
    body_line: int
    model: type[Page] | None = None


def _page_files_read(root: Path) -> tuple[list[_PageFile], list[Problem]]:
    paths, problems = _page_paths(root)
    parsed = []
    for path, file in sorted(paths.items()):
        page, found = _page_file_parse(path, file)
        problems += found
        if page is not None:
            parsed.append(page)
    by_path = {page.path: page for page in parsed}
    types = _page_types()
    source_language = settings.LANGUAGE_CODE
    # Originals first: a translation's type defaults to its original's.
    for page in sorted(parsed, key=lambda p: p.path.language != source_language):
        value = page.meta.get("type")
        line = _key_line(page.meta, "type")
        original = by_path.get(page.path.in_language(source_language))
        if page.path.language != source_language and original is not None:
            if value is None:
                page.model = original.model
                continue
        if value is None:
            page.model = HomePage if page.path.is_home else StandardPage
            continue
        if not isinstance(value, str):
            problems.append(Problem(page.display, line, "'type' must be a page type's name"))
            continue
        model = types.get(value.strip())
        if model is None:
            names = sorted(name for name, m in types.items() if m is not None and "." not in name)
            guess = difflib.get_close_matches(value, names, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            reason = (
                f"the type '{value}' is ambiguous: write it as app_label.{value}"
                if value in types
                else f"unknown type '{value}'{hint}; page types: {', '.join(names)}"
            )
            problems.append(Problem(page.display, line, reason))
            continue
        if page.path.language != source_language and original is not None:
            if original.model is not None and model is not original.model:
                problems.append(
                    Problem(
                        page.display,
                        line,
                        f"a translation has its original's type ({original.model.__name__})",
                    )
                )
                continue
        page.model = model
    return parsed, problems


def _page_paths(root: Path) -> tuple[dict[PagePath, Path], list[Problem]]:
    """Map every page file to its place in the tree; files that cannot be pages are problems."""
    languages = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
    files: dict[PagePath, Path] = {}
    problems: list[Problem] = []
    for language in languages:
        folder = root / language
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            parts = file.relative_to(root).parts
            if not file.is_file() or any(p.startswith(".") for p in parts):
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
                        "file and folder names become the page address: use lowercase latin "
                        "letters, digits and hyphens (about-us.md)",
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
            files[PagePath(language, tuple(slugs))] = file
    return files, problems


def _page_file_parse(path: PagePath, file: Path) -> tuple[_PageFile | None, list[Problem]]:
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
    meta, found = _yaml_read("\n".join(lines[1:end]), first_line=2)
    problems = [Problem(display, line, reason) for line, reason in found]
    if meta is None and not found:
        meta = LineDict()
        meta.key_lines, meta.value_lines = {}, {}
    if not isinstance(meta, dict):
        if not found:
            problems.append(Problem(display, 2, "the front matter must be 'key: value' lines"))
        return None, problems
    page = _PageFile(
        path=path,
        file=file,
        display=display,
        meta=meta,
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
    )
    return page, problems


def _pages_make(
    files: list[_PageFile], reader: _ValueReader, root: Path
) -> tuple[list[PageSource], list[Problem]]:
    by_path = {page.path: page for page in files}
    source_language = settings.LANGUAGE_CODE
    problems: list[Problem] = []
    sources: dict[PagePath, PageSource] = {}
    for page in files:
        problems += _page_tree_problems(page, by_path, root)
        if page.model is None:
            continue
        source, found = _page_source_make(page, reader)
        problems += [Problem(page.display, line, reason) for line, reason in found]
        if source is not None:
            sources[page.path] = source
    for path, source in sources.items():
        if path.language == source_language:
            continue
        original = sources.get(path.in_language(source_language))
        if original is None:
            continue
        specs = model_fields(source.model)
        for name, given in original.values.items():
            if name not in source.values and name in specs and not is_words(specs[name]):
                source.values[name] = Given(
                    _in_language(given.value, path.language, reader.pages),
                    given.line,
                    file=original.file,
                    item_lines=given.item_lines,
                )
        if source.order is None:
            source.order = original.order
    return list(sources.values()), problems


def _page_tree_problems(page: _PageFile, by_path: dict, root: Path) -> list[Problem]:
    """A page needs its parent's file and a type its parent allows; a translation its original."""
    problems = []
    parent = page.path.parent
    if parent is not None and parent not in by_path:
        problems.append(
            Problem(
                page.display,
                1,
                f"its parent page file {_display(root / parent.file)} is missing",
            )
        )
    original = page.path.in_language(settings.LANGUAGE_CODE)
    if page.path.language != settings.LANGUAGE_CODE and original not in by_path:
        problems.append(
            Problem(
                page.display,
                1,
                f"a translation needs the page it translates: {_display(root / original.file)} "
                "is missing",
            )
        )
    parent_model = Page if parent is None else getattr(by_path.get(parent), "model", None)
    if page.model is not None and parent_model is not None:
        if page.model not in parent_model.allowed_subpage_models():
            problems.append(
                Problem(
                    page.display,
                    1,
                    f"{page.model.__name__} cannot be created under {parent_model.__name__}",
                )
            )
    return problems


def _page_source_make(page: _PageFile, reader: _ValueReader) -> tuple[PageSource | None, list]:
    model = page.model
    specs = model_fields(model)
    meta = page.meta
    what = model.__name__
    problems: list = []
    values, found = reader.record(meta, specs=specs, what=what, skip=PAGE_FILE_KEYS)
    problems += found
    order = meta.get("order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
        problems.append((_key_line(meta, "order"), "'order' must be a whole number"))
        order = None
    body = page.body if page.body.strip() else ""
    body_spec = specs.get("body")
    if "body" in meta and body:
        problems.append(
            (
                _key_line(meta, "body"),
                "the body is given twice: as 'body' in the front matter and as the text after it",
            )
        )
    elif body_spec is None:
        if body:
            problems.append(
                (
                    page.body_line,
                    f"{what} has no body: the text after the front matter has no place",
                )
            )
    elif "body" not in meta:
        given, found = _body_read(body_spec, body, page.body_line, reader)
        problems += found
        if given is not None:
            values["body"] = given
    if page.path.language == settings.LANGUAGE_CODE:
        problems += _required_problems(specs, {*values, *_given(meta)}, 1, what)
    else:
        # A translation inherits the rest from its original; its words it must give itself.
        words = {name: spec for name, spec in specs.items() if is_words(spec)}
        problems += _required_problems(words, {*values, *_given(meta)}, 1, what)
    if problems:
        return None, problems
    return PageSource(
        path=page.path, file=page.display, model=model, values=values, order=order
    ), []


def _body_read(spec: FieldSpec, text: str, line: int, reader: _ValueReader):
    if spec.kind == "rich_text":
        _, problems = markdown_to_html(text, page_link=reader.link_check, first_line=line)
        return Given(Markdown(text, line), line), problems
    if spec.kind != "stream":
        return None, [(line, "the page's 'body' is neither a StreamField nor rich text")]
    converted, problems = markdown_to_blocks(text, page_link=reader.link_check, first_line=line)
    child_blocks = spec.field.stream_block.child_blocks
    for block_type in sorted({block["type"] for block in converted} - set(child_blocks)):
        problems.append(
            (
                line,
                f"this page type's body has no '{block_type}' block for the text after the "
                "front matter",
            )
        )
    if not text.strip() and spec.required:
        problems.append((line, "the text after the front matter is required for this page type"))
    return Given(Markdown(text, line, blocks=True), line), problems


def _in_language(value, language: str, pages: dict[PagePath, type[Page]]):
    """A value inherited by a translation: links to pages lead to their translations."""
    if isinstance(value, PageRef):
        translated = value.path.in_language(language)
        return PageRef(translated) if translated in pages else value
    if isinstance(value, Markdown):
        return Markdown(value.text, value.line, value.blocks, language)
    if isinstance(value, Given):
        return Given(_in_language(value.value, language, pages), value.line, value.file)
    if isinstance(value, list):
        return [_in_language(item, language, pages) for item in value]
    if isinstance(value, dict):
        return {key: _in_language(item, language, pages) for key, item in value.items()}
    return value


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


# Drawing images and documents


@cache
def _font(size: int, bold: bool = False):
    """A font with Cyrillic letters when the system has one; Pillow's own font otherwise."""
    for name in _FONT_FILES[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _wrap(text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        line = ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if line and font.getlength(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def _hex_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def image_png(draw: dict) -> bytes:
    """An image as PNG bytes: a plain or top-to-bottom gradient background with centred text.

    The same description gives the same bytes on the same system (fonts come from it).
    """
    width, height = draw.get("size", [1200, 800])
    stops = [_hex_rgb(c) for c in draw.get("background") or ["#2d5b8a"]]
    image = PILImage.new("RGB", (width, height), stops[0])
    canvas = ImageDraw.Draw(image)
    if len(stops) > 1:
        segments = len(stops) - 1
        for y in range(height):
            position = y / max(height - 1, 1) * segments
            index = min(int(position), segments - 1)
            share = position - index
            start, end = stops[index], stops[index + 1]
            colour = tuple(round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
            canvas.line([(0, y), (width, y)], fill=colour)
    text = (draw.get("text") or "").strip()
    if text:
        average = [sum(channel) / len(stops) for channel in zip(*stops, strict=True)]
        luminance = 0.299 * average[0] + 0.587 * average[1] + 0.114 * average[2]
        colour = draw.get("color") or ("#ffffff" if luminance < 150 else "#1b1b1b")
        size = max(12, height // 11)
        while True:
            font = _font(size, bold=True)
            lines = _wrap(text, font, width * 0.8)
            spacing = size // 4
            block = len(lines) * size + (len(lines) - 1) * spacing
            fits = all(font.getlength(line) <= width * 0.9 for line in lines)
            if (fits and block <= height * 0.7) or size <= 12:
                break
            size = max(12, int(size * 0.9))
        canvas.multiline_text(
            (width / 2, height / 2),
            "\n".join(lines),
            font=font,
            fill=colour,
            anchor="mm",
            align="center",
            spacing=spacing,
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def document_pdf(title: str, text: str) -> bytes:
    """A PDF of A4 pages with the title and the text, the same bytes for the same input."""
    width, height = PDF_PAGE
    margin = 150
    title_font, body_font = _font(44, bold=True), _font(28)
    lines: list[tuple[str, Any, int]] = [
        (line, title_font, 58) for line in _wrap(title, title_font, width - 2 * margin)
    ]
    lines.append(("", body_font, 30))
    for paragraph in str(text).strip().split("\n\n"):
        for line in _wrap(" ".join(paragraph.split()), body_font, width - 2 * margin):
            lines.append((line, body_font, 40))
        lines.append(("", body_font, 20))
    pages, y, canvas = [], height, None
    for line, font, step in lines:
        if y + step > height - margin:
            pages.append(PILImage.new("L", (width, height), 255))
            canvas, y = ImageDraw.Draw(pages[-1]), margin
        canvas.text((margin, y), line, font=font, fill=0)
        y += step
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=PDF_DPI,
        title=title,
        creationDate=PDF_DATE,
        modDate=PDF_DATE,
    )
    return buffer.getvalue()


# Applying


class _Resolver:
    """Turns symbolic references into database ids, in the language of the record at hand."""

    def __init__(self):
        self.images: dict[str, int] = {}
        self.documents: dict[str, int] = {}
        self.pages: dict[PagePath, int] = {}
        self._snippets: dict[tuple[type, str], dict[str, int]] = {}

    def snippet_remember(self, model, slug: str, language: str, pk: int) -> None:
        self._snippet_rows(model, slug)[language] = pk

    def _snippet_rows(self, model, slug: str) -> dict[str, int]:
        key = (model, slug)
        if key not in self._snippets:
            rows = model._default_manager.filter(slug=slug)
            if issubclass(model, TranslatableMixin):
                self._snippets[key] = {
                    language: pk for pk, language in rows.values_list("pk", "locale__language_code")
                }
            else:
                first = rows.values_list("pk", flat=True).first()
                self._snippets[key] = {} if first is None else {"": first}
        return self._snippets[key]

    def snippet(self, model, slug: str, language: str) -> int:
        """The record in the language at hand, else the source-language one."""
        rows = self._snippet_rows(model, slug)
        for candidate in (language, settings.LANGUAGE_CODE, ""):
            if candidate in rows:
                return rows[candidate]
        if rows:
            return next(iter(rows.values()))
        raise LookupError(f"no {model._meta.label} has the slug '{slug}'")

    def page(self, path: PagePath, language: str | None = None) -> int | None:
        if language is not None and path.in_language(language) in self.pages:
            return self.pages[path.in_language(language)]
        return self.pages.get(path)

    def resolve(self, value, language: str, *, partial: bool = False):
        """The stored form of a converted value; `partial` leaves unknown pages as None."""
        if isinstance(value, ImageRef):
            return self.images[value.key]
        if isinstance(value, DocumentRef):
            return self.documents[value.key]
        if isinstance(value, PageRef):
            found = self.pages.get(value.path)
            if found is None and not partial:
                raise LookupError(f"the page {value.path.url} does not exist")
            return found
        if isinstance(value, SnippetRef):
            return self.snippet(value.model, value.slug, language)
        if isinstance(value, Markdown):
            return self.markdown(value)
        if isinstance(value, Given):
            return self.resolve(value.value, language, partial=partial)
        if isinstance(value, list):
            return [self.resolve(item, language, partial=partial) for item in value]
        if isinstance(value, dict):
            return {
                key: self.resolve(item, language, partial=partial) for key, item in value.items()
            }
        return value

    def markdown(self, value: Markdown):
        link = _page_link_resolver(lambda path: self.page(path, value.language))
        if value.blocks:
            converted, problems = markdown_to_blocks(
                value.text, page_link=link, first_line=value.line
            )
        else:
            converted, problems = markdown_to_html(
                value.text, page_link=link, first_line=value.line
            )
        if problems:
            raise LookupError("; ".join(reason for _, reason in problems))
        return converted


@dataclass
class _Want:
    """A field's value as compared with the database, and as it is stored."""

    compare: Any
    store: Any


def _has_page_refs(value) -> bool:
    if isinstance(value, PageRef):
        return True
    if isinstance(value, Markdown):
        return "](/" in value.text
    if isinstance(value, Given):
        return _has_page_refs(value.value)
    if isinstance(value, list):
        return any(_has_page_refs(item) for item in value)
    if isinstance(value, dict):
        return any(_has_page_refs(item) for item in value.values())
    return False


def _snippet_models_in(value) -> set:
    if isinstance(value, SnippetRef):
        return {value.model}
    if isinstance(value, Given):
        return _snippet_models_in(value.value)
    if isinstance(value, (list, tuple)):
        return set().union(*(_snippet_models_in(item) for item in value)) if value else set()
    if isinstance(value, dict):
        return _snippet_models_in(list(value.values()))
    return set()


def _strip_ids(value):
    if isinstance(value, list):
        return [_strip_ids(item) for item in value]
    if isinstance(value, dict):
        if "type" in value and "value" in value and set(value) <= {"type", "value", "id"}:
            return {"type": value["type"], "value": _strip_ids(value["value"])}
        return {key: _strip_ids(item) for key, item in value.items()}
    return value


def _stream_normal(stream_block, value) -> list:
    """A stream as stored, without block ids, each block through its own to_python/prep."""
    if not isinstance(value, StreamValue):
        value = stream_block.to_python(value or [])
    return _strip_ids(
        [{"type": c.block_type, "value": c.block.get_prep_value(c.value)} for c in value]
    )


def _default(spec: FieldSpec) -> _Want | object:
    """What a field holds when its file does not give it; _UNMANAGED leaves it alone."""
    if spec.kind in ("foreign_key", "many") and _target_kind(spec.target) is None:
        # Files cannot name such records (a user, a content type): what editors set stays.
        return _UNMANAGED
    if spec.kind in ("many", "tags", "children"):
        return _Want([], [])
    if spec.kind == "stream":
        return _Want([], [])
    f = spec.field
    # A callable default (a timestamp…) would differ on every run: keep what is there.
    if f.has_default() and callable(f.default):
        return _UNMANAGED
    value = f.get_default()
    return _Want(value, value)


def _want(spec: FieldSpec, given: Given | None, resolver: _Resolver, language: str):
    if given is None:
        return _default(spec)
    if spec.kind == "children":
        child_specs = model_fields(spec.target)
        items = []
        for values in given.value:
            items.append(
                {
                    name: _want(child_spec, values.get(name), resolver, language)
                    for name, child_spec in child_specs.items()
                }
            )
        compare = [
            {name: want.compare for name, want in item.items() if want is not _UNMANAGED}
            for item in items
        ]
        return _Want(compare, items)
    value = resolver.resolve(given.value, language)
    if spec.kind in ("many", "tags"):
        return _Want(sorted(set(value)), value)
    if spec.kind == "stream":
        return _Want(_stream_normal(spec.field.stream_block, value), value)
    return _Want(value, value)


def _current(obj, spec: FieldSpec):
    if spec.kind == "scalar" or spec.kind == "rich_text":
        return getattr(obj, spec.name)
    if spec.kind == "foreign_key":
        return getattr(obj, spec.field.attname)
    if spec.kind == "many":
        return sorted(o.pk for o in getattr(obj, spec.name).all())
    if spec.kind == "tags":
        return sorted({tag.name for tag in getattr(obj, spec.name).all()})
    if spec.kind == "stream":
        return _stream_normal(spec.field.stream_block, getattr(obj, spec.name))
    child_specs = model_fields(spec.target)
    return [
        {name: _current(child, child_spec) for name, child_spec in child_specs.items()}
        for child in getattr(obj, spec.name).all()
    ]


def _children_compare(current: list[dict], wanted: list[dict]) -> bool:
    """Whether the children match, on the fields the files manage."""
    if len(current) != len(wanted):
        return False
    return all(
        all(have.get(name) == value for name, value in want.items())
        for have, want in zip(current, wanted, strict=True)
    )


def _matches(obj, spec: FieldSpec, want: _Want) -> bool:
    current = _current(obj, spec)
    if spec.kind == "children":
        return _children_compare(current, want.compare)
    return current == want.compare


def _store(obj, spec: FieldSpec, want: _Want) -> list[Callable[[], None]]:
    """Put a wanted value on obj; returns what must run once obj is saved."""
    if spec.kind in ("scalar", "rich_text", "stream"):
        setattr(obj, spec.name, want.store)
    elif spec.kind == "foreign_key":
        setattr(obj, spec.field.attname, want.store)
    elif spec.kind == "many":
        if isinstance(spec.field, ParentalManyToManyField):
            targets = spec.target._default_manager.in_bulk(want.store)
            setattr(obj, spec.name, [targets[pk] for pk in want.store])
        else:
            return [lambda: getattr(obj, spec.name).set(want.store)]
    elif spec.kind == "tags":
        if isinstance(spec.field, ClusterTaggableManager):
            getattr(obj, spec.name).set(want.store)
        else:
            return [lambda: getattr(obj, spec.name).set(want.store)]
    else:
        children = []
        for index, item in enumerate(want.store):
            child = spec.target()
            for name, child_want in item.items():
                if child_want is not _UNMANAGED:
                    _store(child, model_fields(spec.target)[name], child_want)
            if hasattr(child, "sort_order"):
                child.sort_order = index
            children.append(child)
        setattr(obj, spec.name, children)
    return []


def _sync(obj, wants: dict[str, tuple[FieldSpec, Any]], *, new: bool):
    """Set the fields whose value differs; returns (changed field names, after-save steps)."""
    changed, after = [], []
    for name, (spec, want) in wants.items():
        if want is _UNMANAGED:
            continue
        if new or not _matches(obj, spec, want):
            changed.append(name)
            after += _store(obj, spec, want)
    return changed, after


def _validation_problems(exc: ValidationError, *, file: str, lines: dict[str, int], line: int):
    """Wagtail's or Django's refusal of a record, a problem per field at that field's line."""
    if not hasattr(exc, "error_dict"):
        return [Problem(file, line, " ".join(exc.messages))]
    problems = []
    for name, errors in exc.error_dict.items():
        text = " ".join(ValidationError(errors).messages)
        reason = text if name == NON_FIELD_ERRORS else f"'{name}': {text}"
        problems.append(Problem(file, lines.get(name, line), reason))
    return problems


def _block_errors(exc, label: str = "") -> list[str]:
    """The messages of a StreamField validation error, each with the path to its block."""
    messages = []
    block_errors = getattr(exc, "block_errors", None) or {}
    items = block_errors.items() if isinstance(block_errors, dict) else enumerate(block_errors)
    for key, error in items:
        if error is None:
            continue
        if isinstance(key, int):
            where = f"{label}[{key + 1}]"
        else:
            where = f"{label}.{key}" if label else str(key)
        messages += _block_errors(error, where)
    for error in getattr(exc, "non_block_errors", None) or []:
        messages.append(f"{label}: {error}" if label else str(error))
    if not block_errors and not getattr(exc, "non_block_errors", None):
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.append(f"{label}: {text}" if label else text)
    return messages


def _streams_check(wants, values: dict[str, Given], *, file: str, names: Iterable[str]):
    """Wagtail's own checks of the StreamFields about to be saved, as problems."""
    problems = []
    for name in names:
        spec, want = wants.get(name, (None, _UNMANAGED))
        if want is _UNMANAGED or spec.kind != "stream":
            continue
        stream_block = spec.field.stream_block
        given = values.get(name)
        try:
            stream_block.clean(stream_block.to_python(want.store))
        except ValidationError as exc:
            block_errors = getattr(exc, "block_errors", None) or {}
            if block_errors:
                for index, error in block_errors.items():
                    line = given.line if given else 1
                    if given and given.item_lines and index < len(given.item_lines):
                        line = given.item_lines[index]
                    for message in _block_errors(error):
                        problems.append(
                            Problem(
                                (given.file if given else None) or file,
                                line,
                                f"'{name}' block {index + 1}: {message}",
                            )
                        )
            else:
                line = given.line if given else 1
                for message in _block_errors(exc):
                    problems.append(Problem(file, line, f"'{name}': {message}"))
    return problems


def content_apply(*, content: ContentSet, progress: Progress | None = None) -> LoadReport:
    """Create, update or leave everything so it matches the files; all in one transaction.

    A record or page is saved (a page gets a published revision) only when a value its
    file gives differs from the database, so a second run writes nothing. Publishing on change
    is switched off meanwhile: `make run` publishes the whole site once after loading.
    """
    report = LoadReport()
    written: list[tuple[Any, str]] = []
    problems: list[Problem] = []
    tick = progress or (lambda kind, done, total: None)
    try:
        with override_settings(PUBLISH_ON_CHANGE=False), transaction.atomic():
            locales = _locales_ensure(report=report)
            resolver = _Resolver()
            _images_apply(content.images, resolver, report, written, tick)
            _documents_apply(content.documents, resolver, report, written, tick)
            later = _snippets_apply(content.snippets, resolver, report, problems, locales, tick)
            later += _settings_apply(content.settings, resolver, report, problems, tick)
            _pages_apply(content.pages, resolver, report, problems, locales, tick)
            _references_apply(later, resolver, report, problems)
            if problems:
                raise ContentError(problems)
    except BaseException:
        # The database rolled back; files written meanwhile would belong to nothing.
        for storage, name in written:
            storage.delete(name)
        raise
    return report


def _locales_ensure(*, report: LoadReport) -> dict[str, Locale]:
    locales = {}
    for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code], created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.notes.append(f"created the locale {code}")
    return locales


def _media_find(model, key: str):
    return model.objects.filter(tags__name=KEY_TAG_PREFIX + key).order_by("pk").first()


def _media_apply(
    *, obj, new: bool, source, data: bytes, file_name: str, resolver, kind: str, report, written
) -> None:
    """Create or update one image or document: its fields, and its file when the bytes differ."""
    managed = IMAGE_MANAGED_ELSEWHERE if kind == "images" else DOCUMENT_MANAGED_ELSEWHERE
    language = settings.LANGUAGE_CODE
    wants = {
        name: (spec, _want(spec, source.values.get(name), resolver, language))
        for name, spec in _media_fields(type(obj), managed).items()
    }
    changed, _ = _sync(obj, wants, new=new)
    digest = hashlib.sha1(data).hexdigest()
    stored_name = Path(obj.file.name).name if obj.file else ""
    same_name = stored_name == file_name or re.fullmatch(
        re.escape(Path(file_name).stem) + r"_[A-Za-z0-9]{7}" + re.escape(Path(file_name).suffix),
        stored_name,
    )
    file_ok = (
        not new and obj.file_hash == digest and same_name and obj.file.storage.exists(obj.file.name)
    )
    if not file_ok:
        old = (obj.file.storage, obj.file.name) if obj.file else None
        obj.file = ContentFile(data, name=file_name)
        obj.file_size = len(data)
        obj.file_hash = digest
        changed.append("file")
        if old is not None:
            transaction.on_commit(lambda: old[0].delete(old[1]))
            if hasattr(obj, "renditions"):
                obj.renditions.all().delete()
    if changed:
        obj.save()
        if not file_ok:
            written.append((obj.file.storage, obj.file.name))
    if new:
        obj.tags.add(KEY_TAG_PREFIX + source.key)
    report.record(kind, source.key, "created" if new else "updated" if changed else "unchanged")


def _images_apply(sources, resolver, report, written, tick) -> None:
    model = get_image_model()
    for done, source in enumerate(sources, 1):
        data = image_png(source.draw)
        obj = _media_find(model, source.key)
        new = obj is None
        if new:
            obj = model(title=source.title)
        _media_apply(
            obj=obj,
            new=new,
            source=source,
            data=data,
            file_name=f"{source.key}.png",
            resolver=resolver,
            kind="images",
            report=report,
            written=written,
        )
        resolver.images[source.key] = obj.pk
        tick("images", done, len(sources))


def _documents_apply(sources, resolver, report, written, tick) -> None:
    model = get_document_model()
    for done, source in enumerate(sources, 1):
        data = document_pdf(source.title, source.text)
        obj = _media_find(model, source.key)
        new = obj is None
        if new:
            obj = model(title=source.title)
        _media_apply(
            obj=obj,
            new=new,
            source=source,
            data=data,
            file_name=source.file_name,
            resolver=resolver,
            kind="documents",
            report=report,
            written=written,
        )
        resolver.documents[source.key] = obj.pk
        tick("documents", done, len(sources))


@dataclass
class _Later:
    """Fields of a saved record that wait for the pages they link to."""

    model: type[models.Model]
    pk: int
    kind: str
    label: str
    language: str
    file: str
    line: int
    values: dict[str, Given]
    names: list[str]


def _snippet_order(sources: list[SnippetSource]) -> list[SnippetSource]:
    """Snippet files in dependency order: a model after the models its records refer to."""
    by_model = {source.model: source for source in sources}
    needs = {
        source.model: {
            model
            for record in source.records
            for model in _snippet_models_in(list(record.values.values()))
            if model in by_model and model is not source.model
        }
        for source in sources
    }
    ordered: list[SnippetSource] = []
    done: set = set()
    while len(ordered) < len(sources):
        ready = [s for s in sources if s.model not in done and needs[s.model] <= done]
        # A cycle: take the first file; its references to later models wait for the second pass.
        for source in ready or [next(s for s in sources if s.model not in done)]:
            ordered.append(source)
            done.add(source.model)
    return ordered


def _save(obj) -> None:
    obj.save()
    if isinstance(obj, RevisionMixin):
        revision = obj.save_revision(log_action=True)
        if isinstance(obj, DraftStateMixin):
            revision.publish()


def _record_write(
    obj,
    *,
    new: bool,
    values: dict[str, Given],
    names: Iterable[str],
    language: str,
    resolver: _Resolver,
    file: str,
    line: int,
    problems: list[Problem],
    exclude: Iterable[str] = (),
) -> bool | None:
    """Bring the named fields of one record in line; True if written, None if refused."""
    specs = model_fields(type(obj))
    try:
        wants = {
            name: (specs[name], _want(specs[name], values.get(name), resolver, language))
            for name in names
        }
    except LookupError as exc:
        problems.append(Problem(file, line, str(exc)))
        return None
    changed, after = _sync(obj, wants, new=new)
    if not changed and not new:
        return False
    lines = {name: given.line for name, given in values.items()}
    found = _streams_check(wants, values, file=file, names=changed)
    try:
        obj.full_clean(exclude=[*exclude])
    except ValidationError as exc:
        found += _validation_problems(exc, file=file, lines=lines, line=line)
    if found:
        problems.extend(found)
        return None
    _save(obj)
    for step in after:
        step()
    return True


def _snippets_apply(sources, resolver, report, problems, locales, tick) -> list[_Later]:
    """Snippets in dependency order, then their translations; links to pages wait (returned)."""
    source_language = settings.LANGUAGE_CODE
    ordered = _snippet_order(sources)
    position = {source.model: index for index, source in enumerate(ordered)}
    later: list[_Later] = []
    total = sum(len(s.records) + sum(len(r.translations) for r in s.records) for s in sources)
    done = 0
    second_pass = []
    for source in ordered:
        model = source.model
        specs = model_fields(model)
        translatable = issubclass(model, TranslatableMixin)
        for record in source.records:
            ident, ident_value = record.identity
            label = f"{model._meta.label}:{ident_value}"
            lookup = {ident: ident_value}
            if translatable:
                lookup["locale"] = locales[source_language]
            obj = model._default_manager.filter(**lookup).first()
            new = obj is None
            if new:
                obj = model(**({"locale": locales[source_language]} if translatable else {}))
            waiting_pages = [n for n in specs if _has_page_refs(record.values.get(n))]
            waiting_models = [
                n
                for n in specs
                if n not in waiting_pages
                and any(
                    position.get(m, -1) >= position[model]
                    for m in _snippet_models_in(record.values.get(n))
                )
            ]
            names = [n for n in specs if n not in waiting_pages and n not in waiting_models]
            written = _record_write(
                obj,
                new=new,
                values=record.values,
                names=names,
                language=source_language,
                resolver=resolver,
                file=record.file,
                line=record.line,
                problems=problems,
                exclude=[*waiting_pages, *waiting_models],
            )
            done += 1
            tick("snippets", done, total)
            if written is None:
                continue
            report.record(
                "snippets", label, "created" if new else "updated" if written else "unchanged"
            )
            if ident == "slug":
                resolver.snippet_remember(
                    model, ident_value, source_language if translatable else "", obj.pk
                )
            if waiting_models:
                second_pass.append((model, obj.pk, label, record, waiting_models))
            if waiting_pages:
                later.append(
                    _Later(
                        model,
                        obj.pk,
                        "snippets",
                        label,
                        source_language,
                        record.file,
                        record.line,
                        record.values,
                        waiting_pages,
                    )
                )
    for model, pk, label, record, names in second_pass:
        written = _record_write(
            model._default_manager.get(pk=pk),
            new=False,
            values=record.values,
            names=names,
            language=source_language,
            resolver=resolver,
            file=record.file,
            line=record.line,
            problems=problems,
        )
        if written:
            report.record("snippets", label, "updated")
    for source in ordered:
        model = source.model
        specs = model_fields(model)
        for record in source.records:
            if not record.translations:
                continue
            ident, ident_value = record.identity
            original = model._default_manager.filter(
                **{ident: ident_value, "locale": locales[source_language]}
            ).first()
            if original is None:  # refused above; its problem is reported
                continue
            for language, own in record.translations.items():
                label = f"{model._meta.label}:{ident_value} ({language})"
                shared = {n: g for n, g in record.values.items() if not is_words(specs[n])}
                values = {**shared, **own}
                obj = original.get_translation_or_none(locales[language])
                new = obj is None
                if new:
                    obj = original.copy_for_translation(locales[language])
                waiting = [n for n in specs if _has_page_refs(values.get(n))]
                written = _record_write(
                    obj,
                    new=new,
                    values=values,
                    names=[n for n in specs if n not in waiting],
                    language=language,
                    resolver=resolver,
                    file=record.file,
                    line=record.line,
                    problems=problems,
                    exclude=waiting,
                )
                done += 1
                tick("snippets", done, total)
                if written is None:
                    continue
                report.record(
                    "snippets", label, "created" if new else "updated" if written else "unchanged"
                )
                if ident == "slug":
                    resolver.snippet_remember(model, ident_value, language, obj.pk)
                if waiting:
                    later.append(
                        _Later(
                            model,
                            obj.pk,
                            "snippets",
                            label,
                            language,
                            record.file,
                            record.line,
                            values,
                            waiting,
                        )
                    )
    return later


def _default_site() -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        # The pages come next and make their home this site's root.
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=Page.get_first_root_node(),
            is_default_site=True,
        )
    return site


def _settings_apply(sources, resolver, report, problems, tick) -> list[_Later]:
    later = []
    language = settings.LANGUAGE_CODE
    for done, source in enumerate(sources, 1):
        model = source.model
        specs = model_fields(model)
        if issubclass(model, BaseSiteSetting):
            site = _default_site()
            obj = model.objects.filter(site=site).first()
            new = obj is None
            if new:
                obj = model(site=site)
        else:
            obj = model.objects.order_by("pk").first()
            new = obj is None
            if new:
                obj = model()
        waiting = [n for n in specs if _has_page_refs(source.values.get(n))]
        label = model._meta.label
        written = _record_write(
            obj,
            new=new,
            values=source.values,
            names=[n for n in specs if n not in waiting],
            language=language,
            resolver=resolver,
            file=source.file,
            line=1,
            problems=problems,
            exclude=waiting,
        )
        tick("settings", done, len(sources))
        if written is None:
            continue
        report.record(
            "settings", label, "created" if new else "updated" if written else "unchanged"
        )
        if waiting:
            later.append(
                _Later(
                    model,
                    obj.pk,
                    "settings",
                    label,
                    language,
                    source.file,
                    1,
                    source.values,
                    waiting,
                )
            )
    return later


def _references_apply(later: list[_Later], resolver, report, problems) -> None:
    """The links to pages that snippets and settings hold, now that every page exists."""
    for item in later:
        written = _record_write(
            item.model._default_manager.get(pk=item.pk),
            new=False,
            values=item.values,
            names=item.names,
            language=item.language,
            resolver=resolver,
            file=item.file,
            line=item.line,
            problems=problems,
        )
        if written:
            report.record(item.kind, item.label, "updated")


def _pages_apply(sources, resolver, report, problems, locales, tick) -> None:
    """Create missing pages first, then fill and publish each, so links can point anywhere."""
    source_language = settings.LANGUAGE_CODE
    order = _sibling_keys(sources)
    ordered = sorted(
        sources,
        key=lambda s: (s.path.language != source_language, len(s.path.slugs), order[s.path]),
    )
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


def _shell_values(source: PageSource, resolver: _Resolver) -> dict:
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
    *, page: Page, source: PageSource, resolver: _Resolver, force: bool, problems: list[Problem]
) -> bool | None:
    """Save and publish one revision when the file's values differ from the live page's.

    Returns whether it did, or None when Wagtail refused the values (a problem is added).
    """
    # Fresh from the database: creating and moving other pages may have changed its tree fields.
    page = type(page).objects.get(pk=page.pk)
    specs = model_fields(source.model)
    language = source.path.language
    try:
        wants = {
            name: (spec, _want(spec, source.values.get(name), resolver, language))
            for name, spec in specs.items()
        }
    except LookupError as exc:
        problems.append(Problem(source.file, 1, str(exc)))
        return None
    changed, after = _sync(page, wants, new=force)
    if page.slug != source.path.slug:
        page.slug = source.path.slug
        changed.append("slug")
    if not force and page.live and not changed:
        return False
    found = _streams_check(wants, source.values, file=source.file, names=changed)
    if not found:
        try:
            page.save_revision(log_action=True).publish()
        except ValidationError as exc:
            lines = {name: given.line for name, given in source.values.items()}
            found = _validation_problems(exc, file=source.file, lines=lines, line=1)
        else:
            # A page_published handler may take the page down again (an image without consent).
            if not Page.objects.filter(pk=page.pk, live=True).exists():
                found = [
                    Problem(
                        source.file,
                        1,
                        "the page was unpublished right after publishing (by a check on "
                        "page_published, such as image consent); see the log above",
                    )
                ]
    if found:
        problems.extend(found)
        return None
    for step in after:
        step()
    return True


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
