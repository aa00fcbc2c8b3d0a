"""Admin forms for images and documents: uploads are checked by content, consent is guarded.

Wagtail builds every image and document form (single and multiple upload, chooser upload,
edit, API) on the base forms named by the WAGTAILIMAGES_IMAGE_FORM_BASE and
WAGTAILDOCS_DOCUMENT_FORM_BASE settings, so these two classes cover every way in.
"""

from __future__ import annotations

from io import BytesIO

import willow
from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .files import (
    DOCUMENT_FORMATS_TEXT,
    IMAGE_FORMATS_TEXT,
    check_document,
    check_image,
    max_document_size,
    max_image_pixels,
    max_image_size,
    stored_name,
)
from .models import Consent
from .selectors import live_pages_showing


def _read(upload) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return content


def _check_size(upload, limit: int) -> None:
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Файл слишком большой (%(size)s). Можно загрузить файл до %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


class CheckedImageField(WagtailImageField):
    """An image upload accepted by what it contains (JPEG, PNG, WebP, GIF), whatever its name."""

    # The content decides; the name is corrected to match it in to_python.
    default_validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_upload_size = max_image_size()
        self.max_image_pixels = max_image_pixels()
        self.max_upload_size_text = filesizeformat(self.max_upload_size)
        self.help_text = _(
            "Форматы: %(formats)s. До %(size)s и %(pixels)s млн точек. Метаданные камеры "
            "(в том числе координаты GPS) удаляются при загрузке."
        ) % {
            "formats": IMAGE_FORMATS_TEXT,
            "size": self.max_upload_size_text,
            "pixels": self.max_image_pixels // 1_000_000,
        }
        # The multiple uploader shows these two before it sends a file.
        self.error_messages["file_too_large_unknown_size"] = _(
            "Файл слишком большой. Можно загрузить файл до %(limit)s."
        ) % {"limit": self.max_upload_size_text}
        self.error_messages["invalid_image_extension"] = _(
            "Это не изображение поддерживаемого формата (%(formats)s)."
        ) % {"formats": IMAGE_FORMATS_TEXT}

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        _check_size(upload, self.max_upload_size)
        content = _read(upload)
        checked = check_image(content)
        upload.name = stored_name(upload.name, checked.extension)
        # Wagtail's views read these, as they do from its own image field.
        upload.image = willow.Image.open(BytesIO(content))
        upload.content_type = upload.image.mime_type
        return upload


class CheckedDocumentField(WagtailDocumentField):
    """A document upload accepted by what it contains (PDF, office document, UTF-8 text)."""

    default_validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_upload_size = max_document_size()
        self.max_upload_size_text = filesizeformat(self.max_upload_size)
        self.help_text = _("Форматы: %(formats)s. До %(size)s.") % {
            "formats": DOCUMENT_FORMATS_TEXT,
            "size": self.max_upload_size_text,
        }
        self.error_messages["file_too_large_unknown_size"] = _(
            "Файл слишком большой. Можно загрузить файл до %(limit)s."
        ) % {"limit": self.max_upload_size_text}

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        _check_size(upload, self.max_upload_size)
        checked = check_document(_read(upload), name=upload.name)
        upload.name = stored_name(upload.name, checked.extension)
        return upload


def _replace_file_field(form: forms.Form, field_class) -> None:
    if "file" not in form.fields:
        return
    old = form.fields["file"]
    form.fields["file"] = field_class(label=old.label, required=old.required, widget=old.widget)


class ImageForm(BaseImageForm):
    """Wagtail's image form with content-checked uploads and a guard on consent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _replace_file_field(self, CheckedImageField)
        if "consent" in self.fields:
            # The multiple uploader sends only the file and a title; the editor sets consent
            # in the form that follows, and until then the model's default applies.
            self.fields["consent"].required = False

    def clean_consent(self):
        consent = self.cleaned_data.get("consent") or self.instance.consent or Consent.NOT_REQUIRED
        was = self.initial.get("consent")
        if consent == Consent.REFUSED and was != Consent.REFUSED and self.instance.pk:
            pages = live_pages_showing(image=self.instance)
            if pages:
                raise ValidationError(
                    _(
                        "Изображение показано на опубликованных страницах: %(pages)s. Сначала "
                        "уберите его с этих страниц или снимите их с публикации, затем "
                        "отметьте «согласия нет»."
                    ),
                    code="consent_refused_in_use",
                    params={"pages": ", ".join(f"«{page.title}»" for page in pages)},
                )
        return consent


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form with content-checked uploads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _replace_file_field(self, CheckedDocumentField)
