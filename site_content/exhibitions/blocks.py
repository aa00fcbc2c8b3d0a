"""The exhibit: one image, video or document shown in a hall of a virtual exhibition."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.core.blocks import RichTextBlock, VideoURLBlock, parse_video_url

__all__ = ["EXHIBIT_KINDS", "ExhibitBlock"]

EXHIBIT_KINDS = [
    ("image", _("Изображение")),
    ("video", _("Видео")),
    ("document", _("Документ")),
]


class ExhibitBlock(blocks.StructBlock):
    """One exhibit of a hall: an image, a video or a document, with its caption and credit."""

    kind = blocks.ChoiceBlock(
        choices=EXHIBIT_KINDS,
        default="image",
        label=_("Вид экспоната"),
        help_text=_("Изображение, видео или документ; от вида зависит, какое поле обязательно."),
    )
    title = blocks.CharBlock(
        label=_("Название"),
        max_length=200,
        help_text=_("Короткое название экспоната: показывается в навигации по выставке."),
    )
    image = ImageChooserBlock(
        label=_("Изображение"),
        required=False,
        help_text=_(
            "Для изображения — сам экспонат; для видео и документа — обложка (необязательно)."
        ),
    )
    # The shared block checks the address against the same providers as every video block.
    video_url = VideoURLBlock(
        label=_("Ссылка на видео"),
        required=False,
        help_text=_("Только RuTube, VK Видео или YouTube, например https://rutube.ru/video/…/."),
    )
    document = DocumentChooserBlock(
        label=_("Документ"),
        required=False,
        help_text=_("PDF или другой файл, который посетитель сможет открыть и скачать."),
    )
    alt_text = blocks.CharBlock(
        label=_("Альтернативный текст"),
        max_length=250,
        help_text=_(
            "Что изображено (или о чём видео и документ): это прочитает экранный диктор "
            "незрячему посетителю."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Подпись"),
        max_length=250,
        help_text=_("Подпись под экспонатом: автор работы, класс или год, материал."),
    )
    description = RichTextBlock(
        label=_("Описание"),
        required=False,
        help_text=_("Рассказ об экспонате: история, контекст, что стоит заметить."),
    )
    credit = blocks.CharBlock(
        label=_("Автор / источник"),
        max_length=250,
        help_text=_("Чья это работа или откуда взят материал; для фотографий — фотограф."),
    )

    class Meta:
        icon = "image"
        label = _("Экспонат")
        template = "exhibitions/blocks/exhibit_block.html"
        form_classname = "exhibit-block"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        kind = value.get("kind")
        if kind == "image" and value.get("image") is None:
            errors["image"] = ValidationError(_("Выберите изображение: это экспонат-изображение."))
        if kind == "video" and not value.get("video_url"):
            errors["video_url"] = ValidationError(_("Укажите ссылку на видео: это экспонат-видео."))
        if kind == "document" and value.get("document") is None:
            errors["document"] = ValidationError(_("Выберите документ: это экспонат-документ."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["video"] = (
            parse_video_url(value.get("video_url") or "") if value.get("kind") == "video" else None
        )
        return context
