"""Images and documents in the database: found again by their key's tag, their files generated.

A file is written only when its bytes (or its name) differ from what is stored, and a file
written during a load that is then rolled back is deleted again (`content_apply` does that).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .drawing import document_pdf, image_png
from .field_values import sync, wants_for
from .fields import FieldSpec, model_fields

# Fields the loader fills from the file it generates, or leaves to editors.
DOCUMENT_MANAGED_ELSEWHERE = {
    "file",
    "file_size",
    "file_hash",
    "collection",
    "uploaded_by_user",
    "created_at",
    "tags",
}
IMAGE_MANAGED_ELSEWHERE = DOCUMENT_MANAGED_ELSEWHERE | {
    "width",
    "height",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
}
# Images and documents are found again by this tag: their titles and files may change.
KEY_TAG_PREFIX = "content:"


def media_fields(model, managed_elsewhere: set[str]) -> dict[str, FieldSpec]:
    """The fields of an image or document model that its catalogue entry sets."""
    return {
        name: spec
        for name, spec in model_fields(model).items()
        if name not in managed_elsewhere and spec.kind in ("scalar", "foreign_key", "rich_text")
    }


@dataclass(frozen=True)
class MediaKind:
    """Images or documents: their model, the fields loaded elsewhere, and how a file is made."""

    name: str
    model: Callable[[], type]
    managed_elsewhere: set[str]
    data: Callable[..., bytes]
    file_name: Callable[..., str]


IMAGES = MediaKind(
    "images",
    get_image_model,
    IMAGE_MANAGED_ELSEWHERE,
    data=lambda source: image_png(source.draw),
    file_name=lambda source: f"{source.key}.png",
)
DOCUMENTS = MediaKind(
    "documents",
    get_document_model,
    DOCUMENT_MANAGED_ELSEWHERE,
    data=lambda source: document_pdf(source.title, source.text),
    file_name=lambda source: source.file_name,
)


def media_apply(kind: MediaKind, sources, *, ids: dict[str, int], resolver, report, written, tick):
    """Create or update every image (or document) of the files; `ids` learns their keys' pks."""
    model = kind.model()
    for done, source in enumerate(sources, 1):
        obj = model.objects.filter(tags__name=KEY_TAG_PREFIX + source.key).order_by("pk").first()
        new = obj is None
        if new:
            obj = model(title=source.title)
        specs = media_fields(type(obj), kind.managed_elsewhere)
        wants = wants_for(specs, source.values, resolver, settings.LANGUAGE_CODE)
        changed, _ = sync(obj, wants, new=new)
        file_ok = _file_keep_or_replace(obj, kind.data(source), kind.file_name(source), new=new)
        if not file_ok:
            changed.append("file")
        if changed:
            obj.save()
            if not file_ok:
                written.append((obj.file.storage, obj.file.name))
        if new:
            obj.tags.add(KEY_TAG_PREFIX + source.key)
        outcome = "created" if new else "updated" if changed else "unchanged"
        report.record(kind.name, source.key, outcome)
        ids[source.key] = obj.pk
        tick(kind.name, done, len(sources))


def _file_keep_or_replace(obj, data: bytes, file_name: str, *, new: bool) -> bool:
    """Whether the stored file already holds `data`; if not, obj gets a new one (unsaved)."""
    digest = hashlib.sha1(data).hexdigest()
    stored_name = Path(obj.file.name).name if obj.file else ""
    # The storage appends _ and 7 characters to a name that is taken.
    same_name = stored_name == file_name or re.fullmatch(
        re.escape(Path(file_name).stem) + r"_[A-Za-z0-9]{7}" + re.escape(Path(file_name).suffix),
        stored_name,
    )
    if not new and obj.file_hash == digest and same_name and obj.file.storage.exists(obj.file.name):
        return True
    old = (obj.file.storage, obj.file.name) if obj.file else None
    obj.file = ContentFile(data, name=file_name)
    obj.file_size = len(data)
    obj.file_hash = digest
    if old is not None:
        transaction.on_commit(lambda: old[0].delete(old[1]))
        if hasattr(obj, "renditions"):
            obj.renditions.all().delete()
    return False
