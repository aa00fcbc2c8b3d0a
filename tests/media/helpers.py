"""Files as cameras, phones and careless uploads produce them, made here with Pillow."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# Somewhere in St. Petersburg: what a phone writes into every photo it takes.
GPS = {1: "N", 2: (59.0, 56.0, 30.0), 3: "E", 4: (30.0, 18.0, 45.0)}
ORIENTATION_ROTATE_90_CW = 6


def photo_bytes(
    *,
    size=(120, 80),
    image_format="JPEG",
    gps=True,
    orientation=None,
    comment: bytes | None = None,
    color=(200, 120, 40),
) -> bytes:
    """A photo with the EXIF a phone writes: GPS position, camera make, maybe orientation."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if gps:
        exif[0x8825] = GPS
    if orientation:
        exif[0x0112] = orientation
    options = {"exif": exif}
    if comment is not None:
        options["comment"] = comment
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def plain_image_bytes(*, size=(120, 80), image_format="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 60, 90)).save(buffer, image_format)
    return buffer.getvalue()


def exif_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return {**dict(exif), **{f"gps:{k}": v for k, v in exif.get_ifd(0x8825).items()}}


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def office_document(kind: str) -> bytes:
    """A minimal DOCX/XLSX/PPTX or ODT container, as the office suites write them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "odt":
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            archive.writestr("META-INF/manifest.xml", "<manifest/>")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            main = {
                "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
                "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
                "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
                "docm": ("word/document.xml", "wordprocessingml.document.main+xml"),
            }[kind]
            archive.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0"?><Types><Override PartName="/'
                + main[0]
                + '" ContentType="application/vnd.openxmlformats-officedocument.'
                + main[1]
                + '"/></Types>',
            )
            archive.writestr(main[0], "<document/>")
            if kind == "docm":
                archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


# The first bytes of a Windows program: what a renamed .exe starts with.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256)) * 4
