"""TODO"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .content import DocumentSource, ImageSource
from .drawing import document_pdf, image_png
from .errors import Problem
from .fields import FieldSpec, given_keys, model_fields, required_problems, unknown_key
from .reader import ValueReader
from .records import field_want, sync
from .sources import LineDict, displayed, line_of_key, line_of_value, lines_of_items, yaml_file_read

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


_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,89}$")


_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


_PDF_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$")


def _catalogue_files(root: Path, kind: str) -> list[Path]:
    files = [root / f"{kind}.yaml"] if (root / f"{kind}.yaml").is_file() else []
    folder = root / f"{kind}.d"
    if folder.is_dir():
        files += sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return files


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


def media_fields(model, managed_elsewhere: set[str]) -> dict[str, FieldSpec]:
    return {
        name: spec
        for name, spec in model_fields(model).items()
        if name not in managed_elsewhere and spec.kind in ("scalar", "foreign_key", "rich_text")
    }


def images_make(
    entries: list[tuple[str, dict]], reader: ValueReader, warnings: list[Problem]
) -> tuple[list[ImageSource], list[Problem]]:
    specs = media_fields(get_image_model(), IMAGE_MANAGED_ELSEWHERE)
    sources, problems = [], []
    for display, item in entries:
        found: list = []
        data = LineDict(item)
        data.line, data.key_lines, data.value_lines = item.line, {}, {}
        for key in item:
            data.key_lines[key] = line_of_key(item, key)
            data.value_lines[key] = line_of_value(item, key)
        # The format's own names map to the image model's fields, when it has them.
        for alias, candidates in IMAGE_FIELD_ALIASES.items():
            if alias in data:
                target = next((c for c in candidates if c in specs), None)
                if target is None:
                    warnings.append(
                        Problem(
                            display,
                            line_of_key(item, alias),
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
                            line_of_key(item, "consent"),
                            f"'consent' must be one of: {', '.join(IMAGE_CONSENT)}",
                        )
                    )
                warnings.append(
                    Problem(
                        display,
                        line_of_key(item, "consent"),
                        "the image model has no field 'consent'; the value is ignored",
                    )
                )
                del data["consent"]
        draw, draw_problems = _draw_read(item.get("draw"), line_of_value(item, "draw", item.line))
        found += draw_problems
        if "draw" not in item:
            found.append((item.line, "'draw' is required: size, background and text"))
        values, value_problems = reader.record(
            data, specs=specs, what="an image", skip=("key", "draw")
        )
        found += value_problems
        found += required_problems(specs, {*values, *given_keys(data)}, item.line, "an image")
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
                    line_of_key(draw, key, line),
                    unknown_key(key, ["size", "background", "text", "color"], "draw"),
                )
            )
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
    specs = media_fields(get_document_model(), DOCUMENT_MANAGED_ELSEWHERE)
    sources, problems = [], []
    for display, item in entries:
        found: list = []
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
        values, value_problems = reader.record(
            item, specs=specs, what="a document", skip=("key", "file", "text")
        )
        found += value_problems
        found += required_problems(specs, {*values, *given_keys(item)}, item.line, "a document")
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


def _media_find(model, key: str):
    return model.objects.filter(tags__name=KEY_TAG_PREFIX + key).order_by("pk").first()


def _media_apply(
    *, obj, new: bool, source, data: bytes, file_name: str, resolver, kind: str, report, written
) -> None:
    """Create or update one image or document: its fields, and its file when the bytes differ."""
    managed = IMAGE_MANAGED_ELSEWHERE if kind == "images" else DOCUMENT_MANAGED_ELSEWHERE
    language = settings.LANGUAGE_CODE
    wants = {
        name: (spec, field_want(spec, source.values.get(name), resolver, language))
        for name, spec in media_fields(type(obj), managed).items()
    }
    changed, _ = sync(obj, wants, new=new)
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


def images_apply(sources, resolver, report, written, tick) -> None:
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


def documents_apply(sources, resolver, report, written, tick) -> None:
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
