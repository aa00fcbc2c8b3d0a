"""A field's value as the files want it, compared with the database's and stored on an object.

`field_want` turns a value read from a file into a `Want` (references resolved to ids); `sync`
sets on an object only the fields whose stored value differs, so a second load changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.blocks import StreamValue

from .fields import FieldSpec, model_fields, target_kind
from .references import Given
from .resolver import Resolver

UNMANAGED = object()


@dataclass
class Want:
    """A field's value as compared with the database, and as it is stored."""

    compare: Any
    store: Any


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


def _default(spec: FieldSpec) -> Want | object:
    """What a field holds when its file does not give it; UNMANAGED leaves it alone."""
    if spec.kind in ("foreign_key", "many") and target_kind(spec.target) is None:
        # Files cannot name such records (a user, a content type): what editors set stays.
        return UNMANAGED
    if spec.kind in ("many", "tags", "children"):
        return Want([], [])
    if spec.kind == "stream":
        return Want([], [])
    f = spec.field
    # A callable default (a timestamp…) would differ on every run: keep what is there.
    if f.has_default() and callable(f.default):
        return UNMANAGED
    value = f.get_default()
    return Want(value, value)


def field_want(spec: FieldSpec, given: Given | None, resolver: Resolver, language: str):
    """What a field should hold: the file's value resolved, or its default when not given."""
    if given is None:
        return _default(spec)
    if spec.kind == "children":
        child_specs = model_fields(spec.target)
        items = []
        for values in given.value:
            items.append(
                {
                    name: field_want(child_spec, values.get(name), resolver, language)
                    for name, child_spec in child_specs.items()
                }
            )
        compare = [
            {name: want.compare for name, want in item.items() if want is not UNMANAGED}
            for item in items
        ]
        return Want(compare, items)
    value = resolver.resolve(given.value, language)
    if spec.kind in ("many", "tags"):
        return Want(sorted(set(value)), value)
    if spec.kind == "stream":
        return Want(_stream_normal(spec.field.stream_block, value), value)
    return Want(value, value)


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


def _matches(obj, spec: FieldSpec, want: Want) -> bool:
    current = _current(obj, spec)
    if spec.kind == "children":
        return _children_compare(current, want.compare)
    return current == want.compare


def _store(obj, spec: FieldSpec, want: Want) -> list[Callable[[], None]]:
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
                if child_want is not UNMANAGED:
                    _store(child, model_fields(spec.target)[name], child_want)
            if hasattr(child, "sort_order"):
                child.sort_order = index
            children.append(child)
        setattr(obj, spec.name, children)
    return []


def sync(obj, wants: dict[str, tuple[FieldSpec, Any]], *, new: bool):
    """Set the fields whose value differs; returns (changed field names, after-save steps)."""
    changed, after = [], []
    for name, (spec, want) in wants.items():
        if want is UNMANAGED:
            continue
        if new or not _matches(obj, spec, want):
            changed.append(name)
            after += _store(obj, spec, want)
    return changed, after


def wants_for(specs: dict[str, FieldSpec], values: dict[str, Given], resolver, language: str):
    """The wanted value of each field in `specs`, by name, with its spec (for `sync`)."""
    return {
        name: (spec, field_want(spec, values.get(name), resolver, language))
        for name, spec in specs.items()
    }
