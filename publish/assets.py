"""Files that pages link to (image renditions, documents) and where they land in the build."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PIL import UnidentifiedImageError
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import SourceImageIOError

from .context import BuildContext

RESPONSIVE_WIDTHS = (480, 960, 1600)
FALLBACK_WIDTH = 960


class AssetError(Exception):
    """A file a page needs cannot be produced; the message names the file and the fix."""


@dataclass
class Picture:
    sources: list[tuple[str, str]]  # (srcset, mime type)
    src: str
    width: int
    height: int


def _image_label(image) -> str:
    return f"image «{image.title}» (id {image.pk}, file {image.file.name})"


def picture_for(image, ctx: BuildContext) -> Picture:
    """Renditions for a responsive <picture>: WebP at three widths, plus a fallback.

    Worked out once per image and build; each page that shows it still records the image
    and its files."""
    key = ("picture", image.pk, image.file.name)
    cached = ctx.shared.get(key)
    if cached is None:
        cached = ctx.shared[key] = _picture(image)
    picture, files = cached
    ctx.depends_on(f"image:{image.pk}")
    for build_path, source_path in files:
        ctx.uses_asset(build_path, source_path)
    return picture


def _picture(image) -> tuple[Picture, list[tuple[str, str]]]:
    specs = [f"width-{w}|format-webp" for w in RESPONSIVE_WIDTHS] + [f"width-{FALLBACK_WIDTH}"]
    try:
        renditions = image.get_renditions(*specs)
    except (SourceImageIOError, UnidentifiedImageError, OSError, InvalidFilterSpecError) as exc:
        raise AssetError(
            f"{_image_label(image)} cannot be rendered ({exc.__class__.__name__}: {exc}); "
            "re-upload the image or remove it from the page"
        ) from exc
    files: list[tuple[str, str]] = []
    webp = []
    seen = set()
    for width in RESPONSIVE_WIDTHS:
        rendition = renditions[f"width-{width}|format-webp"]
        url = _rendition_url(rendition, files)
        if rendition.width in seen:
            continue
        seen.add(rendition.width)
        webp.append(f"{url} {rendition.width}w")
    fallback = renditions[f"width-{FALLBACK_WIDTH}"]
    picture = Picture(
        sources=[(", ".join(webp), "image/webp")],
        src=_rendition_url(fallback, files),
        width=fallback.width,
        height=fallback.height,
    )
    return picture, files


def _rendition_url(rendition, files: list[tuple[str, str]]) -> str:
    build_path = "images/" + os.path.basename(rendition.file.name)
    files.append((build_path, rendition.file.path))
    return "/" + build_path


@dataclass
class DocumentFile:
    url: str
    extension: str
    size: int | None


def document_file_for(document, ctx: BuildContext) -> DocumentFile:
    """The document's public URL in the static site; the file is copied into the build."""
    key = ("document", document.pk, document.file.name)
    cached = ctx.shared.get(key)
    if cached is None:
        cached = ctx.shared[key] = _document_file(document)
    document_file, build_path, source_path = cached
    ctx.depends_on(f"document:{document.pk}")
    ctx.uses_asset(build_path, source_path)
    return document_file


def _document_file(document) -> tuple[DocumentFile, str, str]:
    filename = os.path.basename(document.file.name)
    build_path = f"files/{document.pk}/{filename}"
    try:
        size = document.file.size
    except (OSError, FileNotFoundError) as exc:
        raise AssetError(
            f"document «{document.title}» (id {document.pk}) has no file on disk "
            f"({document.file.name}); re-upload it or remove it from the page"
        ) from exc
    document_file = DocumentFile(url="/" + build_path, extension=document.file_extension, size=size)
    return document_file, build_path, document.file.path
