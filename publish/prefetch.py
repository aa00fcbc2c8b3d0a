"""Fetch the images and documents a batch of pages shows once, instead of once per page.

Left alone, every StreamField asks the database for its chooser blocks' images and documents
page by page and block type by block type, and every image foreign key is one more query. A
build reads the whole batch's identifiers from the raw stream data first, fetches each model
in one query (images with their renditions), and lets chooser blocks and foreign keys take
their objects from that store while the build renders.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable

from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model

from . import context

_original_bulk_to_python = blocks.ChooserBlock.bulk_to_python


def media_models() -> tuple[type, ...]:
    return (get_image_model(), get_document_model())


def prefetch_media(pages: Iterable, store: dict) -> None:
    """Load every image and document the pages show into `store` ({(model, pk): object}),
    and point the pages' image and document foreign keys at them."""
    pages = list(pages)
    models = media_models()
    wanted: dict[type, set] = defaultdict(set)
    for page in pages:
        for field in page._meta.concrete_fields:
            if isinstance(field, StreamField):
                stream = getattr(page, field.attname)
                _collect(field.stream_block, list(stream.raw_data), wanted)
            elif field.many_to_one and field.related_model in models:
                pk = getattr(page, field.attname)
                if pk is not None:
                    wanted[field.related_model].add(pk)
    for model, pks in wanted.items():
        if model not in models:
            continue
        missing = {pk for pk in pks if (model, pk) not in store}
        if not missing:
            continue
        queryset = model.objects.filter(pk__in=missing)
        if model is models[0]:
            queryset = queryset.prefetch_related("renditions")
        for obj in queryset:
            store[(model, obj.pk)] = obj
    for page in pages:
        for field in page._meta.concrete_fields:
            if field.many_to_one and field.related_model in models:
                obj = store.get((field.related_model, getattr(page, field.attname)))
                if obj is not None:
                    field.set_cached_value(page, obj)


def _collect(block, raw, wanted: dict[type, set]) -> None:
    """Add the primary keys that chooser blocks inside `raw` (a block's stored JSON) refer to."""
    if raw is None:
        return
    if isinstance(block, blocks.ChooserBlock):
        pk = _pk(block.model_class, raw)
        if pk is not None:
            wanted[block.model_class].add(pk)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                _collect(child, item.get("value"), wanted)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            if isinstance(item, dict) and item.keys() >= {"type", "value"}:
                item = item["value"]
            _collect(block.child_block, item, wanted)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            _collect(child, raw.get(name), wanted)


def _pk(model, raw):
    try:
        return model._meta.pk.to_python(raw)
    except Exception:  # a malformed value: the block's own conversion will report it
        return None


def _prefetched_bulk_to_python(self, values):
    """ChooserBlock.bulk_to_python that serves a build's prefetched objects without a query,
    and tells the build which chosen images and documents no longer exist."""
    ctx = context.active()
    values = list(values)
    found = _from_store(self.model_class, values, ctx)
    if found is None:
        found = _original_bulk_to_python(self, values)
    if ctx is not None:
        kind = media_key_kind(self.model_class)
        for value, obj in zip(values, found, strict=True):
            if kind and value is not None and obj is None:
                ctx.lacks(f"{kind}:{_pk(self.model_class, value)}")
    return found


def _from_store(model, values: list, ctx) -> list | None:
    """The objects for `values` from the build's store, or None unless all of them are there."""
    store = ctx.shared.get("media") if ctx is not None else None
    if not store:
        return None
    found = []
    for value in values:
        if value is None:
            found.append(None)
            continue
        obj = store.get((model, _pk(model, value)))
        if obj is None:
            return None
        # A copy per use, as Wagtail gives: blocks may keep state on their values.
        found.append(copy.copy(obj))
    return found


def media_key_kind(model) -> str | None:
    """The prefix of the dependency keys that pages record for this model's objects."""
    image_model, document_model = media_models()
    if issubclass(model, image_model):
        return "image"
    if issubclass(model, document_model):
        return "document"
    return None


def install() -> None:
    """Let chooser blocks read a build's prefetched objects (called once, from AppConfig)."""
    blocks.ChooserBlock.bulk_to_python = _prefetched_bulk_to_python
