"""Blocks of an event page: programme sessions, speakers and materials."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from cms.core.blocks import DocumentLinkBlock

__all__ = ["EventMaterialsBlock", "ExternalLinkBlock", "SessionBlock", "SpeakerBlock"]


class SessionBlock(blocks.StructBlock):
    """One item of an event's programme: when, what, who and where."""

    day = blocks.DateBlock(
        label=_("День"),
        required=False,
        help_text=_("Только для событий на несколько дней; иначе — день начала события."),
    )
    starts = blocks.TimeBlock(label=_("Начало"), help_text=_("Время московское."))
    ends = blocks.TimeBlock(label=_("Окончание"), required=False)
    title = blocks.CharBlock(label=_("Что происходит"), max_length=250)
    speakers = blocks.CharBlock(
        label=_("Ведущие"),
        required=False,
        max_length=250,
        help_text=_("Кто выступает или ведёт; для обучающихся — только имя или класс."),
    )
    place = blocks.CharBlock(
        label=_("Где"),
        required=False,
        max_length=150,
        help_text=_("Аудитория, секция или онлайн-комната."),
    )
    description = blocks.TextBlock(label=_("Подробнее"), required=False)

    class Meta:
        icon = "time"
        label = _("Пункт программы")
        template = "events/blocks/session_block.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("ends") and value.get("starts") and value["ends"] <= value["starts"]:
            raise StructBlockValidationError(
                block_errors={"ends": ValidationError(_("Окончание должно быть позже начала."))}
            )
        return value


class SpeakerBlock(blocks.StructBlock):
    """A speaker of an event, with a photo that has its alternative text."""

    name = blocks.CharBlock(label=_("Имя"), max_length=200)
    role = blocks.CharBlock(
        label=_("Должность или роль"),
        max_length=250,
        help_text=_("Например: «учитель информатики лицея», «руководитель IT-компании»."),
    )
    photo = ImageChooserBlock(label=_("Фотография"), required=False)
    photo_alt = blocks.CharBlock(
        label=_("Альтернативный текст фотографии"),
        required=False,
        max_length=250,
        help_text=_("Обязателен, если фотография выбрана: например «Портрет Анны Ивановой»."),
    )
    bio = blocks.TextBlock(label=_("О спикере"), required=False)

    class Meta:
        icon = "user"
        label = _("Спикер")
        template = "events/blocks/speaker_block.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("photo") is not None and not (value.get("photo_alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "photo_alt": ValidationError(
                        _("Опишите фотографию: без этого её не увидит незрячий читатель.")
                    )
                }
            )
        return value


class ExternalLinkBlock(blocks.StructBlock):
    """A link to material published elsewhere: a recording, slides, a gallery."""

    title = blocks.CharBlock(label=_("Название"), max_length=250)
    url = blocks.URLBlock(label=_("Адрес"))

    class Meta:
        icon = "link"
        label = _("Ссылка")
        template = "events/blocks/external_link_block.html"


class EventMaterialsBlock(blocks.StreamBlock):
    """What stays after an event: documents to download and links to recordings."""

    document = DocumentLinkBlock()
    link = ExternalLinkBlock()

    class Meta:
        icon = "download"
        template = "events/blocks/event_materials_block.html"
