"""Turning YAML values into field values, each checked against its field or block."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.models import Page

from site_content.markdown import markdown_to_html

from .errors import did_you_mean
from .fields import FieldSpec, given_keys, model_fields, required_problems, target_kind, unknown_key
from .references import (
    DocumentRef,
    Given,
    ImageRef,
    Markdown,
    PagePath,
    PageRef,
    SnippetRef,
    page_link_resolver,
)
from .sources import line_of_key, line_of_value, lines_of_items
from .values import block_scalar_read, scalar_read

_REFERENCE_FORMS = {
    "image": "an image key from images.yaml",
    "document": "a document key from documents.yaml",
    "page": "a page address like /ru/about/",
    "snippet": "a slug",
}


class ValueReader:
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
            line = line_of_key(data, key)
            spec = specs.get(key)
            if spec is None:
                problems.append((line, unknown_key(key, [*specs, *skip], what)))
                continue
            if value is None:  # `key:` with nothing after it means the field is not given
                continue
            converted, value_problems = self.field(spec, value, line_of_value(data, key, line))
            problems += value_problems
            if not value_problems:
                item_lines = getattr(value, "item_lines", None) if spec.kind == "stream" else None
                values[key] = Given(converted, line, item_lines=item_lines)
        return values, problems

    def complete_record(
        self,
        data: dict,
        *,
        specs: dict[str, FieldSpec],
        what: str,
        line: int,
        skip: Iterable[str] = (),
        required: dict[str, FieldSpec] | None = None,
    ) -> tuple[dict[str, Given], list]:
        """`record`, and a problem for each required field (of `required`, else all) not given."""
        values, problems = self.record(data, specs=specs, what=what, skip=skip)
        needed = specs if required is None else required
        problems += required_problems(needed, {*values, *given_keys(data)}, line, what)
        return values, problems

    def field(self, spec: FieldSpec, value, line: int) -> tuple[Any, list]:
        name = spec.name
        if spec.kind == "scalar":
            return scalar_read(spec.field, value, line, name)
        if spec.kind == "foreign_key":
            return self.reference(spec.target, value, line, name)
        if spec.kind == "many":
            if not isinstance(value, list):
                form = _REFERENCE_FORMS.get(target_kind(spec.target) or "", "a value")
                return None, [(line, f"{quoted(name)} must be a list, each item {form}")]
            refs, problems = [], []
            for item, item_line in zip(value, lines_of_items(value, line), strict=True):
                ref, item_problems = self.reference(spec.target, item, item_line, name)
                problems += item_problems
                if ref not in refs:
                    refs.append(ref)
            return refs, problems
        if spec.kind == "tags":
            if not isinstance(value, list):
                return None, [(line, f"{quoted(name)} must be a list of tags: [first, second]")]
            tags, problems = [], []
            for item, item_line in zip(value, lines_of_items(value, line), strict=True):
                if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                    problems.append((item_line, f"{quoted(name)}: each tag is a word or a phrase"))
                elif not str(item).strip() or len(str(item).strip()) > 100:
                    problems.append((item_line, f"{quoted(name)}: a tag has 1 to 100 characters"))
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
        for item, item_line in zip(value, lines_of_items(value, line), strict=True):
            values, item_problems = self.complete_record(
                item, specs=specs, what=what, line=item_line
            )
            problems += item_problems
            items.append(values)
        return items, problems

    def reference(self, target, value, line: int, name: str, *, page_types=None):
        kind = target_kind(target)
        if kind is None:
            return None, [
                (
                    line,
                    f"{quoted(name)} refers to {target._meta.label}, which has no slug: "
                    "the loader names pages, images, documents and records with a slug",
                )
            ]
        if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
            return None, [(line, f"{quoted(name)} must be {_REFERENCE_FORMS[kind]}")]
        value = str(value).strip()
        if kind in ("image", "document"):
            known = self.images if kind == "image" else self.documents
            if value not in known:
                hint = did_you_mean(value, known)
                return None, [
                    (line, f"{quoted(name)}: no {kind} has the key '{value}' in {kind}s.yaml{hint}")
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
                    f"{quoted(name)}: no {target._meta.label} has the slug '{value}' "
                    f"(snippets/{target._meta.label}.yaml defines them)",
                )
            ]
        return SnippetRef(target, value), []

    def page_reference(self, value: str, line: int, name: str, page_types) -> tuple[Any, list]:
        path = PagePath.from_url(value)
        if path is None:
            return None, [(line, f"{quoted(name)}: {value} is not a page address like /ru/about/")]
        model = self.pages.get(path)
        if model is None:
            return None, [(line, f"{quoted(name)}: no file defines the page {value} ({path.file})")]
        if not any(issubclass(model, allowed) for allowed in page_types):
            wanted = " or ".join(allowed.__name__ for allowed in page_types)
            return None, [(line, f"{quoted(name)}: {value} is a {model.__name__}, not a {wanted}")]
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
            return None, [(line, f"{quoted(name)} must be Markdown text")]
        text = str(value)
        _, problems = markdown_to_html(text, page_link=self.link_check, first_line=line)
        return Markdown(text, line), problems

    def link_check(self, target: str) -> int | str:
        return page_link_resolver(lambda path: 0 if path in self.pages else None)(target)

    def stream(self, stream_block, value, line: int, name: str) -> tuple[Any, list]:
        if not isinstance(value, list):
            return None, [
                (line, f"{quoted(name)} must be a list of blocks ('- type: …' and 'value: …')")
            ]
        raw, problems = [], []
        for item, item_line in zip(value, lines_of_items(value, line), strict=True):
            if not isinstance(item, dict) or "type" not in item:
                problems.append(
                    (item_line, f"{quoted(name)}: a block is a mapping of 'type' and 'value'")
                )
                continue
            for extra in sorted(set(item) - {"type", "value"}):
                problems.append(
                    (
                        line_of_key(item, extra, item_line),
                        f"{quoted(name)}: a block has only 'type' and 'value'",
                    )
                )
            type_name = str(item["type"])
            child = stream_block.child_blocks.get(type_name)
            if child is None:
                problems.append(
                    (
                        line_of_key(item, "type", item_line),
                        f"{quoted(name)}: unknown block type '{type_name}'; "
                        f"use one of: {', '.join(stream_block.child_blocks)}",
                    )
                )
                continue
            converted, block_problems = self.block(
                child,
                item.get("value"),
                line_of_value(item, "value", item_line),
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
            return self.list_block(block, value, line, label)
        if isinstance(block, blocks.BaseStructBlock):
            return self.struct_block(block, value, line, label)
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
        return block_scalar_read(block, value, line, label)

    def list_block(self, block, value, line: int, label: str) -> tuple[Any, list]:
        if value is None:
            return [], []
        if not isinstance(value, list):
            return None, [(line, f"{label} must be a list")]
        items, problems = [], []
        for number, (item, item_line) in enumerate(
            zip(value, lines_of_items(value, line), strict=True), 1
        ):
            converted, item_problems = self.block(
                block.child_block, item, item_line, f"{label} [{number}]"
            )
            items.append(converted)
            problems += item_problems
        return items, problems

    def struct_block(self, block, value, line: int, label: str) -> tuple[Any, list]:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            names = ", ".join(block.child_blocks)
            return None, [(line, f"{label} must be a mapping of: {names}")]
        result, problems = {}, []
        for key in value:
            if key not in block.child_blocks:
                problems.append(
                    (line_of_key(value, key, line), unknown_key(key, block.child_blocks, label))
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
                child, child_value, line_of_value(value, key, line), f"{label}: {key}"
            )
            result[key] = converted
            problems += child_problems
        return result, problems

    def table(self, block, value, line: int, label: str) -> tuple[Any, list]:
        """A typed table: {caption, columns: [{type, heading}], rows: [[cell, …], …]}."""
        if value is None:
            value = {}
        if not isinstance(value, dict):
            return None, [(line, f"{label} must be a mapping of caption, columns and rows")]
        problems = [
            (line_of_key(value, key, line), unknown_key(key, ["caption", "columns", "rows"], label))
            for key in value
            if key not in ("caption", "columns", "rows")
        ]
        columns = value.get("columns") or []
        column_blocks = []
        if not isinstance(columns, list):
            return None, [(line, f"{label}: 'columns' is a list of {{type, heading}}")]
        for column, column_line in zip(columns, lines_of_items(columns, line), strict=True):
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
        stored_rows, row_problems = self.table_rows(rows, column_blocks, len(columns), line, label)
        problems += row_problems
        caption = value.get("caption") or ""
        if not isinstance(caption, str):
            problems.append((line_of_key(value, "caption", line), f"{label}: 'caption' is text"))
        table = {
            "columns": [{"type": kind, "heading": heading} for kind, heading, _ in column_blocks],
            "rows": stored_rows,
            "caption": str(caption),
        }
        return table, problems

    def table_rows(self, rows: list, column_blocks, width: int, line: int, label: str):
        """A table's rows as stored: each a list of `width` cells, read by its column's block."""
        stored_rows, problems = [], []
        for number, (row, row_line) in enumerate(
            zip(rows, lines_of_items(rows, line), strict=True), 1
        ):
            cells = row.get("values") if isinstance(row, dict) else row
            if not isinstance(cells, list) or len(cells) != width:
                problems.append(
                    (row_line, f"{label}: row {number} must be a list of {width} cells")
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
        return stored_rows, problems


def quoted(name: str) -> str:
    """A field's name in quotes; a block's path (body: image: alt_text) as it is."""
    return name if ":" in name or name.startswith("'") else f"'{name}'"
