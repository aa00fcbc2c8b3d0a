"""What the space accepts of an uploaded file, judged by its content, and what it keeps of it.

Uploads are identified by their bytes, never by their names: a JPEG called `.png` is a JPEG
(and is stored as `.jpg`), a program called `.pdf` is refused. Images lose the metadata a camera
or phone writes into them (EXIF with GPS coordinates, XMP, IPTC, comments) before they are
stored, because the originals sit on the server and renditions of them go to the public site.
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MB = 1024 * 1024
DEFAULT_MAX_IMAGE_SIZE = 15 * MB
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000
DEFAULT_MAX_DOCUMENT_SIZE = 50 * MB

# Pillow's format name -> the extension the stored file gets. MPO is the multi-picture JPEG
# some phones write; it is a JPEG with extra frames, and only the first one is kept.
IMAGE_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
# A container describes itself in a few kilobytes; more is not a document we made.
MAX_MANIFEST_BYTES = 1 * MB

IMAGE_FORMATS_TEXT = "JPEG, PNG, WebP, GIF"
DOCUMENT_FORMATS_TEXT = "PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, TXT, CSV"


def max_image_size() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None) or DEFAULT_MAX_IMAGE_SIZE


def max_image_pixels() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None) or DEFAULT_MAX_IMAGE_PIXELS


def max_document_size() -> int:
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or DEFAULT_MAX_DOCUMENT_SIZE


@dataclass(frozen=True)
class CheckedImage:
    """An accepted image upload: its format and the file name it is stored under."""

    format: str
    extension: str
    width: int
    height: int
    frames: int


@dataclass(frozen=True)
class CheckedDocument:
    """An accepted document upload: what it is and the extension it is stored with."""

    kind: str
    extension: str


def _too_large(size: int, limit: int) -> ValidationError:
    return ValidationError(
        _("Файл слишком большой (%(size)s). Можно загрузить файл до %(limit)s."),
        code="file_too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
    )


def check_image(data: bytes) -> CheckedImage:
    """Accept JPEG, PNG, WebP or GIF content within the size limits; refuse anything else."""
    if len(data) > max_image_size():
        raise _too_large(len(data), max_image_size())
    not_an_image = ValidationError(
        _(
            "Это не изображение или файл повреждён. Загрузите фотографию или картинку "
            "в формате %(formats)s."
        ),
        code="invalid_image",
        params={"formats": IMAGE_FORMATS_TEXT},
    )
    limit = {"limit": max_image_pixels() // 1_000_000}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError(
            _("В изображении слишком много точек. Уменьшите его до %(limit)s млн точек."),
            code="file_too_many_pixels",
            params=limit,
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise not_an_image from exc
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Формат %(format)s не поддерживается. Загрузите изображение в формате %(formats)s."),
            code="invalid_image_format",
            params={"format": image_format, "formats": IMAGE_FORMATS_TEXT},
        )
    pixels = width * height * (1 if image_format == "MPO" else frames)
    if pixels > max_image_pixels():
        raise ValidationError(
            _(
                "В изображении слишком много точек (%(pixels)s млн). "
                "Уменьшите его до %(limit)s млн точек."
            ),
            code="file_too_many_pixels",
            params={"pixels": round(pixels / 1_000_000, 1), **limit},
        )
    try:
        # verify() reads no pixel data; decoding the image catches truncated and broken files.
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (OSError, SyntaxError, ValueError) as exc:
        raise not_an_image from exc
    return CheckedImage(
        format=image_format,
        extension=IMAGE_FORMATS[image_format],
        width=width,
        height=height,
        frames=frames,
    )


def check_document(data: bytes, *, name: str = "") -> CheckedDocument:
    """Accept PDF, OpenDocument and Office Open XML documents and UTF-8 text; refuse the rest."""
    if len(data) > max_document_size():
        raise _too_large(len(data), max_document_size())
    if not data:
        raise ValidationError(_("Файл пустой."), code="empty")
    # The PDF header may follow a little junk; readers look for it in the first kilobyte.
    if b"%PDF-" in data[:1024]:
        return CheckedDocument(kind="pdf", extension="pdf")
    if data[:4] == b"PK\x03\x04":
        return _check_office_document(data)
    text = _utf8_text(data)
    if text is not None:
        extension = "csv" if os.path.splitext(name)[1].lower() == ".csv" else "txt"
        return CheckedDocument(kind="text", extension=extension)
    raise ValidationError(
        _(
            "Такой файл загрузить нельзя: по содержимому это не документ разрешённого типа "
            "(%(formats)s). Сохраните его в одном из этих форматов."
        ),
        code="invalid_document",
        params={"formats": DOCUMENT_FORMATS_TEXT},
    )


def _check_office_document(data: bytes) -> CheckedDocument:
    broken = ValidationError(
        _(
            "Архив не похож на документ: поддерживаются файлы OpenDocument (ODT, ODS, ODP) и "
            "Microsoft Office (DOCX, XLSX, PPTX) без макросов."
        ),
        code="invalid_document",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = _read_member(archive, "mimetype").decode("ascii", "replace").strip()
                if mimetype in ODF_MIMETYPES and "META-INF/manifest.xml" in names:
                    if any(n.lower().startswith("basic/") for n in names):
                        raise _macros_refused()
                    return CheckedDocument(kind="odf", extension=ODF_MIMETYPES[mimetype])
            if "[Content_Types].xml" in names:
                content_types = _read_member(archive, "[Content_Types].xml").decode(
                    "utf-8", "replace"
                )
                if any(n.lower().endswith("vbaproject.bin") for n in names):
                    raise _macros_refused()
                for part, extension in OOXML_MAIN_PARTS.items():
                    if f'ContentType="{part}"' in content_types:
                        return CheckedDocument(kind="ooxml", extension=extension)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError) as exc:
        raise broken from exc
    raise broken


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        content = member.read(MAX_MANIFEST_BYTES + 1)
    if len(content) > MAX_MANIFEST_BYTES:
        raise zipfile.BadZipFile(f"{name} is too large")
    return content


def _macros_refused() -> ValidationError:
    return ValidationError(
        _("Документы с макросами загружать нельзя: сохраните файл без макросов."),
        code="document_with_macros",
    )


def _utf8_text(data: bytes) -> str | None:
    """The text, when the file is UTF-8 text without control characters (as TXT and CSV are)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if any(ord(char) < 32 and char not in "\t\n\r\f" for char in text):
        return None
    return text


def stored_name(name: str, extension: str) -> str:
    """The upload's name with the extension its content calls for (`photo.png` -> `photo.jpg`)."""
    base, current = os.path.splitext(os.path.basename(name))
    if current.lower().lstrip(".") == extension or (
        extension == "jpg" and current.lower() == ".jpeg"
    ):
        return os.path.basename(name)
    return f"{base or 'file'}.{extension}"


# Metadata that does not identify anyone or anywhere and keeps an image looking right.
_SAFE_INFO_KEYS = {
    "PNG": {"dpi", "gamma", "transparency", "icc_profile", "srgb", "chromaticity", "aspect"},
    "GIF": {"version", "background", "transparency", "duration", "loop"},
    "WEBP": {"icc_profile", "background", "loop", "duration"},
}


def strip_image_metadata(data: bytes) -> bytes | None:
    """The image re-encoded without EXIF, XMP, IPTC or comments, its orientation applied;
    None when it carries none of them (the file is kept byte for byte)."""
    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        # Not a raster format Pillow reads (an SVG created in code): nothing of ours to strip.
        return None
    with image:
        image_format = "JPEG" if image.format == "MPO" else image.format
        if image_format not in IMAGE_FORMATS or not _has_metadata(image):
            return None
        image.load()
        icc_profile = image.info.get("icc_profile")
        oriented = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if image_format == "JPEG":
            _save_jpeg(image, oriented, out, icc_profile)
        elif image_format == "PNG":
            _save_animated(image, oriented, out, "PNG", icc_profile=icc_profile)
        elif image_format == "WEBP":
            _save_animated(image, oriented, out, "WEBP", quality=90, icc_profile=icc_profile)
        else:
            _save_animated(image, oriented, out, "GIF")
        return out.getvalue()


def _has_metadata(image: Image.Image) -> bool:
    if image.format in ("JPEG", "MPO"):
        for marker, payload in getattr(image, "applist", []):
            if marker in ("APP0", "APP14"):
                continue
            if marker == "APP2" and payload.startswith(b"ICC_PROFILE"):
                continue
            return True
        return "comment" in image.info or "exif" in image.info
    safe = _SAFE_INFO_KEYS.get(image.format, set())
    extension = image.info.get("extension")
    if image.format == "GIF" and extension and not extension[0].startswith(b"NETSCAPE"):
        return True
    return any(key not in safe and key != "extension" for key in image.info)


def _clean(image: Image.Image, image_format: str) -> Image.Image:
    """Keep only the harmless info keys, so Pillow does not write the rest back."""
    safe = _SAFE_INFO_KEYS.get(image_format, set())
    image.info = {key: value for key, value in image.info.items() if key in safe}
    return image


def _save_jpeg(source: Image.Image, oriented: Image.Image, out, icc_profile) -> None:
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if source.getexif().get(0x0112, 1) in (0, 1):
        # Nothing to rotate: re-use the original quantisation so the picture loses no quality.
        source.info = {}
        source.save(out, "JPEG", quality="keep", subsampling="keep", **options)
        return
    oriented.info = {}
    oriented.save(out, "JPEG", quality=92, **options)


def _save_animated(source: Image.Image, oriented: Image.Image, out, image_format: str, **options):
    frames = getattr(source, "n_frames", 1)
    if frames == 1:
        _clean(oriented, image_format).save(out, image_format, **_drop_none(options))
        return
    # Animations keep their frames and timing; phones do not write orientation into them.
    _clean(source, image_format).save(out, image_format, save_all=True, **_drop_none(options))


def _drop_none(options: dict) -> dict:
    return {key: value for key, value in options.items() if value is not None}
