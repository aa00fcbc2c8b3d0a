"""The image and document catalogues: images.yaml, documents.yaml and their .d folders.

Each entry has a unique ``key``, the fields of the image or document model, and what the
loader makes its file from: ``draw`` for an image, ``file`` and ``text`` for a PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .content import DocumentSource, ImageSource
from .errors import Problem, located
from .fields import unknown_key
from .media import DOCUMENT_MANAGED_ELSEWHERE, IMAGE_MANAGED_ELSEWHERE, media_fields
from .reader import ValueReader
from .sources import (
    LineDict,
    displayed,
    folder_files,
    line_of_key,
    line_of_value,
    lines_of_items,
    yaml_file_read,
)

# The entry keys the format names for every image; the image model may lack a field for some.
IMAGE_FIELD_ALIASES = {"alt": ("alt_text", "alt", "description"), "credit": ("credit",)}
IMAGE_CONSENT = ("not_required", "on_file", "refused")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,89}$")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
_PDF_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$")
_DRAW_KEYS = ("size", "background", "text", "color")


def _catalogue_files(root: Path, kind: str) -> list[Path]:
    files = [root / f"{kind}.yaml"] if (root / f"{kind}.yaml").is_file() else []
    return files + folder_files(root / f"{kind}.d")


def catalogue_read(root: Path, kind: str) -> tuple[list[tuple[str, dict]], list[Problem]]:
    """The entries of images.yaml/documents.yaml and their .d folders, keys unique overall."""
    entries: list[tuple[str, dict]] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for file in _catalogue_files(root, kind):
        display = displayed(file)
        if file.suffix not in (".yaml", ".yml"):
            problems.append(Problem(display, None, f"{kind}.d holds only .yaml files"))
            continue
        data, found = yaml_file_read(file)
        problems += found
        if found or data is None:
            continue
        if not isinstance(data, list):
            problems.append(Problem(display, 1, f"{file.name} is a list of {kind}: '- key: …'"))
            continue
        for item, line in zip(data, lines_of_items(data, 1), strict=True):
            if not isinstance(item, dict):
                problems.append(Problem(display, line, "each entry is a mapping with a 'key'"))
                continue
            key = item.get("key")
            key_line = line_of_key(item, "key", line)
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


def _entries_make(entries, reader: ValueReader, *, source_class, specs, what, skip, check):
    """Sources from catalogue entries; `check` reads what is not a field: (data, own, found)."""
    sources, problems = [], []
    for display, item in entries:
        data, own, found = check(item, display)
        values, value_problems = reader.complete_record(
            data, specs=specs, what=what, line=item.line, skip=skip
        )
        found += value_problems
        problems += located(display, found)
        if not found:
            sources.append(
                source_class(
                    key=item["key"],
                    file=display,
                    line=item.line,
                    title=values["title"].value,
                    values=values,
                    **own,
                )
            )
    return sources, problems


def images_make(
    entries: list[tuple[str, dict]], reader: ValueReader, warnings: list[Problem]
) -> tuple[list[ImageSource], list[Problem]]:
    """The images of the catalogue: their fields, and how to draw each."""
    specs = media_fields(get_image_model(), IMAGE_MANAGED_ELSEWHERE)

    def check(item, display):
        data, found = _image_fields(item, specs, display, warnings)
        draw, draw_problems = _draw_read(item.get("draw"), line_of_value(item, "draw", item.line))
        found += draw_problems
        if "draw" not in item:
            found.append((item.line, "'draw' is required: size, background and text"))
        return data, {"draw": draw}, found

    return _entries_make(
        entries,
        reader,
        source_class=ImageSource,
        specs=specs,
        what="an image",
        skip=("key", "draw"),
        check=check,
    )


def _image_fields(item: LineDict, specs, display: str, warnings: list[Problem]):
    """The entry with the format's names turned into the image model's; (data, problems)."""
    found: list = []
    data = LineDict(item)
    data.line, data.key_lines, data.value_lines = item.line, {}, {}
    for key in item:
        data.key_lines[key] = line_of_key(item, key)
        data.value_lines[key] = line_of_value(item, key)
    for alias, candidates in IMAGE_FIELD_ALIASES.items():
        if alias in data:
            target = next((c for c in candidates if c in specs), None)
            if target is None:
                reason = f"the image model has no field for '{alias}'; the value is ignored"
                warnings.append(Problem(display, line_of_key(item, alias), reason))
                del data[alias]
            elif target != alias:
                _rename_key(data, alias, target)
    if "consent" in data and "consent" not in specs:
        line = line_of_key(item, "consent")
        if data["consent"] not in IMAGE_CONSENT:
            found.append((line, f"'consent' must be one of: {', '.join(IMAGE_CONSENT)}"))
        reason = "the image model has no field 'consent'; the value is ignored"
        warnings.append(Problem(display, line, reason))
        del data["consent"]
    return data, found


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
        if key not in _DRAW_KEYS:
            problems.append((line_of_key(draw, key, line), unknown_key(key, _DRAW_KEYS, "draw")))
    size = draw.get("size", [1200, 800])
    if not (
        isinstance(size, list)
        and len(size) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and 16 <= n <= 4000 for n in size)
    ):
        problems.append(
            (
                line_of_key(draw, "size", line),
                "'size' must be [width, height] in pixels, 16 to 4000",
            )
        )
    background = draw.get("background", "#2d5b8a")
    colours = background if isinstance(background, list) else [background]
    if not (
        1 <= len(colours) <= 4 and all(isinstance(c, str) and _COLOUR.match(c) for c in colours)
    ):
        problems.append(
            (
                line_of_key(draw, "background", line),
                "'background' must be a colour like '#2d5b8a' (in quotes) or a list of 2–4 "
                "colours for a gradient",
            )
        )
    colour = draw.get("color")
    if colour is not None and not (isinstance(colour, str) and _COLOUR.match(colour)):
        problems.append(
            (line_of_key(draw, "color", line), "'color' must be a colour like '#ffffff'")
        )
    text = draw.get("text", "")
    if not isinstance(text, (str, int, float)) or isinstance(text, bool):
        problems.append((line_of_key(draw, "text", line), "'text' must be text"))
    return {"size": size, "background": colours, "text": str(text), "color": colour}, problems


def documents_make(
    entries: list[tuple[str, dict]], reader: ValueReader
) -> tuple[list[DocumentSource], list[Problem]]:
    """The documents of the catalogue: their fields, file name and text."""

    def check(item, display):
        found = []
        file_name = item.get("file")
        if not isinstance(file_name, str) or not _PDF_NAME.match(file_name):
            found.append(
                (
                    line_of_key(item, "file", item.line),
                    "'file' must be a file name of latin letters, digits, '.', '-' and '_' "
                    "ending in .pdf",
                )
            )
        text = item.get("text", "")
        if isinstance(text, (dict, list, bool)) or text is None:
            found.append((line_of_key(item, "text", item.line), "'text' must be text"))
        return item, {"file_name": file_name, "text": str(text)}, found

    return _entries_make(
        entries,
        reader,
        source_class=DocumentSource,
        specs=media_fields(get_document_model(), DOCUMENT_MANAGED_ELSEWHERE),
        what="a document",
        skip=("key", "file", "text"),
        check=check,
    )
