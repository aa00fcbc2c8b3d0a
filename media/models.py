"""Uploaded images and documents of the space."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage


class CustomImage(AbstractImage):
    """An uploaded image, with the author or source that published pages credit."""

    credit = models.CharField(_("автор / источник"), max_length=255, blank=True)

    admin_form_fields = WagtailImage.admin_form_fields + ("credit",)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """An uploaded document (programme, methodological guide, press kit…)."""

    admin_form_fields = WagtailDocument.admin_form_fields
