"""Blocks of the support zone: the help resources of the relaxation room."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

__all__ = ["ResourceCategory", "ResourceCardBlock"]


class ResourceCategory:
    """The relaxation room's sections, in the order the page shows them."""

    PSYCHOLOGY = "psychology"
    HEALTH = "health"
    SPORT = "sport"
    LEISURE = "leisure"

    CHOICES = [
        (PSYCHOLOGY, _("Психологическая поддержка")),
        (HEALTH, _("Здоровье")),
        (SPORT, _("Спорт")),
        (LEISURE, _("Досуг")),
    ]


class ResourceCardBlock(blocks.StructBlock):
    """A place to get help or to rest: who, how to reach them, when."""

    category = blocks.ChoiceBlock(
        label=_("Раздел"), choices=ResourceCategory.CHOICES, default=ResourceCategory.PSYCHOLOGY
    )
    title = blocks.CharBlock(label=_("Название"), max_length=255)
    description = blocks.TextBlock(label=_("Чем поможет"))
    who = blocks.CharBlock(
        label=_("К кому обратиться"),
        max_length=255,
        required=False,
        help_text=_("Должность или служба, например «педагог-психолог лицея»."),
    )
    phone = blocks.CharBlock(
        label=_("Телефон"),
        max_length=40,
        required=False,
        help_text=_("Например: 8-800-2000-122."),
    )
    url = blocks.URLBlock(label=_("Сайт"), required=False)
    hours = blocks.CharBlock(
        label=_("Когда работает"),
        max_length=255,
        required=False,
        help_text=_("Например: «круглосуточно, бесплатно» или «пн–пт, 9:00–17:00, каб. 214»."),
    )
    urgent = blocks.BooleanBlock(
        label=_("Экстренная помощь"),
        required=False,
        help_text=_("Выделить карточку: телефоны доверия и службы экстренной помощи."),
    )

    class Meta:
        icon = "help"
        label = _("Карточка ресурса")
        template = "support/blocks/resource_card_block.html"
