"""Which fields of a model the content files set, and how each is read, compared and stored.

Nothing here names a particular model: every page type, snippet and setting is loaded through
`model_fields`, so a new one needs no change in the loader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from modelcluster.fields import ParentalKey
from taggit.managers import TaggableManager
from taggit.models import ItemBase
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from .errors import did_you_mean

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


def target_kind(model: type[models.Model]) -> str | None:
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


def identity_field(model: type[models.Model]) -> str | None:
    """The field that finds a snippet's record again: its slug, else another unique field."""
    names = [f.name for f in model._meta.concrete_fields]
    if "slug" in names:
        return "slug"
    for f in model._meta.concrete_fields:
        if f.unique and not f.primary_key and f.name not in INTERNAL_FIELDS:
            return f.name
    return None


def unknown_key(key: str, known: Iterable[str], what: str) -> str:
    """The reason a key is not a field, with the closest field and every known one."""
    known = sorted(known)
    hint = did_you_mean(key, known)
    return f"unknown key '{key}' for {what}{hint}; known keys: {', '.join(known)}"


def given_keys(data: dict) -> set[str]:
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


def required_problems(
    specs: dict[str, FieldSpec], given: Iterable[str], line: int, what: str
) -> list[tuple[int, str]]:
    """A problem for each required field of `specs` that is not among the given keys."""
    given = set(given)
    return [
        (line, f"'{name}' is required for {what}")
        for name, spec in specs.items()
        if spec.required and name not in given
    ]
