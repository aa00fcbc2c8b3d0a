"""Uploaded images and documents of the space."""

import os

from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage

from .files import strip_image_metadata


class Consent(models.TextChoices):
    """Whether the people in an image agreed to its publication."""

    NOT_REQUIRED = "not_required", _("не требуется: на изображении нет узнаваемых людей")
    ON_FILE = "on_file", _("согласие на публикацию получено и хранится в лицее")
    REFUSED = "refused", _("согласия нет: не публиковать")


class CustomImage(AbstractImage):
    """An uploaded image, with the author or source that published pages credit and the
    consent of the people it shows; stored without the camera's metadata (GPS above all)."""

    credit = models.CharField(_("автор / источник"), max_length=255, blank=True)
    consent = models.CharField(
        _("согласие на публикацию"),
        max_length=20,
        choices=Consent.choices,
        default=Consent.NOT_REQUIRED,
        db_index=True,
        help_text=_(
            "Если на снимке узнаваемы люди (особенно дети), публиковать его можно только "
            "с их согласия или согласия родителей. Страницы с изображением «согласия нет» "
            "не публикуются."
        ),
    )

    admin_form_fields = WagtailImage.admin_form_fields + ("credit", "consent")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "file" in update_fields:
            self._strip_metadata_from_new_file()
        super().save(*args, **kwargs)

    def _strip_metadata_from_new_file(self) -> None:
        """Replace a newly uploaded file by a copy without EXIF/XMP/IPTC, orientation applied.

        A file is new when it is not in storage yet (forms, `objects.create`) or when the image
        itself is new (the admin's multiple uploader stores the file before it saves the image).
        """
        if not self.file:
            return
        committed = getattr(self.file, "_committed", True)
        if committed and not self._state.adding:
            return
        self.file.open("rb")
        self.file.seek(0)
        data = self.file.read()
        self.file.seek(0)
        cleaned = strip_image_metadata(data)
        if cleaned is None:
            return
        name = os.path.basename(self.file.name)
        if committed:
            self.file.storage.delete(self.file.name)
        # Assigning through the descriptor also updates width and height (a rotated photo
        # swaps them).
        self.file = ContentFile(cleaned, name=name)
        self._set_image_file_metadata()


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """An uploaded document (programme, methodological guide, press kit…)."""

    admin_form_fields = WagtailDocument.admin_form_fields
