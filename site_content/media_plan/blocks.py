"""Blocks of the press zone: a row of the media plan."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.core.blocks import DocumentLinkBlock

__all__ = ["MEDIA_PLAN_STATUSES", "MediaPlanEntryBlock", "PressKitBlock"]

MEDIA_PLAN_STATUSES = [
    ("planned", _("запланировано")),
    ("in_progress", _("в работе")),
    ("published", _("опубликовано")),
]


class MediaPlanEntryBlock(blocks.StructBlock):
    """One line of the media plan: when, where, about what, and how far it has got."""

    date = blocks.DateBlock(
        label=_("Дата"), help_text=_("Когда выходит (или вышел) материал; для плана — ориентир.")
    )
    channel = blocks.CharBlock(
        label=_("Канал"),
        max_length=200,
        help_text=_("Где выходит материал: сайт лицея, телеграм-канал, газета, радио, ТВ."),
    )
    topic = blocks.CharBlock(label=_("Тема"), max_length=300)
    status = blocks.ChoiceBlock(choices=MEDIA_PLAN_STATUSES, default="planned", label=_("Статус"))
    page = blocks.PageChooserBlock(
        page_type=["media_plan.NewsPage", "events.EventPage", "exhibitions.ExhibitionPage"],
        label=_("Страница на сайте"),
        required=False,
        help_text=_(
            "Новость, событие или выставка на этом сайте, если материал опубликован здесь."
        ),
    )
    link = blocks.URLBlock(
        label=_("Ссылка"),
        required=False,
        help_text=_("Адрес публикации на стороннем ресурсе, если она уже вышла."),
    )

    class Meta:
        icon = "date"
        label = _("Пункт медиаплана")
        template = "media_plan/blocks/media_plan_entry_block.html"


class PressKitBlock(blocks.StreamBlock):
    """Files for journalists: press release, photos, fact sheet."""

    document = DocumentLinkBlock()

    class Meta:
        icon = "download"
        label = _("Материалы для прессы")
        template = "core/blocks/stream_block.html"
