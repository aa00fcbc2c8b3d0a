"""Files handed in with a stage: what is accepted (by content, through `media.files`), what is
kept of it (images lose their EXIF, GPS included), and how it is served back.

The files live under `PROJECT_FILES_ROOT` through the `private_files` storage, never under the
public media path, and have no address of their own: only `api:project-file` serves them, to
the people who may see the project's material, as a download that no cache keeps.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from media.files import (
    check_document,
    check_image,
    max_document_size,
    max_image_size,
    stored_name,
    strip_image_metadata,
)

__all__ = ["MAX_FILES", "PreparedFile", "file_prepare", "file_response"]

# A stage's deliverables are a few files; more in one submission is a mistake or an attack.
MAX_FILES = 10

IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "txt": "text/plain",
    "csv": "text/csv",
}


@dataclass(frozen=True)
class PreparedFile:
    """An accepted upload, ready to store: its name, bytes (metadata removed) and type."""

    name: str
    content: bytes
    content_type: str

    @property
    def size(self) -> int:
        return len(self.content)


def _looks_like_image(data: bytes) -> bool:
    return (
        data[:3] == b"\xff\xd8\xff"
        or data[:8] == b"\x89PNG\r\n\x1a\n"
        or data[:6] in (b"GIF87a", b"GIF89a")
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
    )


def file_prepare(upload) -> PreparedFile:
    """Check one uploaded file by its content and return what will be stored.

    Raises `ValidationError` naming the file when it is refused (too large, not an image or
    document of an allowed type, a document with macros).
    """
    name = (getattr(upload, "name", "") or "file").rsplit("/", 1)[-1][:200]
    limit = max(max_image_size(), max_document_size())
    try:
        if (upload.size or 0) > limit:
            # Not read into memory at all: the checks below would refuse it anyway.
            raise ValidationError(
                _("Файл слишком большой. Можно загрузить файл до %(limit)s МБ."),
                code="file_too_large",
                params={"limit": limit // (1024 * 1024)},
            )
        data = upload.read()
        if _looks_like_image(data):
            checked = check_image(data)
            data = strip_image_metadata(data) or data
            extension, content_type = checked.extension, IMAGE_TYPES[checked.extension]
        else:
            document = check_document(data, name=name)
            extension, content_type = document.extension, DOCUMENT_TYPES[document.extension]
    except ValidationError as error:
        messages = " ".join(error.messages)
        raise ValidationError(
            _("«%(name)s»: %(problem)s"),
            code=error.error_list[0].code if hasattr(error, "error_list") else "invalid_file",
            params={"name": name, "problem": messages},
        ) from None
    return PreparedFile(name=stored_name(name, extension), content=data, content_type=content_type)


def file_response(stage_file) -> FileResponse:
    """The file as a download no cache keeps and no browser sniffs into something else."""
    response = FileResponse(
        stage_file.file.open("rb"),
        as_attachment=True,
        filename=stage_file.name,
        content_type=stage_file.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
