"""Blocks of an event page: programme sessions, speakers, materials and challenges; and the
programme of an event template, its times counted from the event's start."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.core.blocks import DocumentLinkBlock

__all__ = [
    "ChallengeBlock",
    "EventMaterialsBlock",
    "ExternalLinkBlock",
    "SessionBlock",
    "SessionTemplateBlock",
    "SpeakerBlock",
]


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


class ChallengeBlock(blocks.StructBlock):
    """One challenge of a hackathon or problem session: a short problem statement, perhaps
    offered by a partner."""

    title = blocks.CharBlock(label=_("Название задачи"), max_length=200)
    statement = blocks.TextBlock(
        label=_("Постановка задачи"),
        help_text=_("Два-три предложения: что нужно сделать и для кого."),
    )
    partner = SnippetChooserBlock(
        "partners.Partner",
        label=_("Задачу предложил партнёр"),
        required=False,
    )

    class Meta:
        icon = "pick"
        label = _("Задача")
        template = "events/blocks/challenge_block.html"


class SessionTemplateBlock(blocks.StructBlock):
    """An item of a template's programme; its time is counted from the event's start, so the
    generator can place it on any date."""

    day = blocks.IntegerBlock(
        label=_("День события"),
        min_value=1,
        default=1,
        help_text=_("1 — день начала, 2 — следующий день…"),
    )
    starts_after = blocks.IntegerBlock(
        label=_("Через сколько минут после начала"),
        min_value=0,
        default=0,
        help_text=_(
            "Считается от времени начала события в этот день: 0 — сразу, 90 — через полтора часа."
        ),
    )
    duration = blocks.IntegerBlock(label=_("Длительность, минут"), min_value=0, required=False)
    title = blocks.CharBlock(label=_("Что происходит"), max_length=250)
    place = blocks.CharBlock(label=_("Где"), required=False, max_length=150)
    description = blocks.TextBlock(label=_("Подробнее"), required=False)

    class Meta:
        icon = "time"
        label = _("Пункт программы")
