"""StreamField blocks shared by every page type."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

__all__ = [
    "RichTextBlock",
    "ImageBlock",
    "QuoteBlock",
    "DocumentLinkBlock",
    "BaseStreamBlock",
]

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class RichTextBlock(blocks.RichTextBlock):
    """Formatted text with headings, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Текст")
        template = "core/blocks/rich_text_block.html"


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text and credit that every published image needs."""

    image = ImageChooserBlock(label=_("Изображение"))
    alt_text = blocks.CharBlock(
        label=_("Альтернативный текст"),
        max_length=250,
        help_text=_("Что изображено: это прочитает экранный диктор незрячему читателю."),
    )
    caption = blocks.CharBlock(label=_("Подпись"), required=False, max_length=250)
    credit = blocks.CharBlock(
        label=_("Автор / источник"),
        max_length=250,
        help_text=_("Автор фотографии или источник изображения."),
    )

    class Meta:
        icon = "image"
        label = _("Изображение")
        template = "core/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with its author."""

    quote = blocks.TextBlock(label=_("Цитата"))
    author = blocks.CharBlock(label=_("Автор"), required=False, max_length=250)
    role = blocks.CharBlock(label=_("Должность или роль"), required=False, max_length=250)

    class Meta:
        icon = "openquote"
        label = _("Цитата")
        template = "core/blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to download a document, with a visible title."""

    document = DocumentChooserBlock(label=_("Документ"))
    title = blocks.CharBlock(
        label=_("Название ссылки"),
        required=False,
        max_length=250,
        help_text=_("Если пусто, используется название документа."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Документ")
        template = "core/blocks/document_link_block.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("document") is None:
            raise ValidationError(_("Выберите документ."))
        return value


class BaseStreamBlock(blocks.StreamBlock):
    """The body of a content page."""

    rich_text = RichTextBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()

    class Meta:
        template = "core/blocks/stream_block.html"
