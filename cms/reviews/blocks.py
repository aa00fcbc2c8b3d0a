"""The blocks a rubric is written with: criteria, each with the description of every level."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

__all__ = ["CriterionBlock", "LevelBlock", "RubricBlock"]


class LevelBlock(blocks.StructBlock):
    """One level of a criterion: its score and what work at that level looks like."""

    score = blocks.IntegerBlock(label=_("балл"), min_value=0, max_value=100)
    description = blocks.TextBlock(label=_("описание уровня"))

    class Meta:
        icon = "list-ol"
        label = _("уровень")


class CriterionBlock(blocks.StructBlock):
    """One criterion of a rubric, with its weight and its levels from lowest to highest."""

    title = blocks.CharBlock(label=_("критерий"), max_length=200)
    description = blocks.TextBlock(label=_("что оценивается"), required=False)
    weight = blocks.DecimalBlock(
        label=_("вес"),
        default=1,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("Во сколько раз критерий важнее других в итоговом балле; обычно 1."),
    )
    levels = blocks.ListBlock(LevelBlock(), label=_("уровни"), min_num=2)

    class Meta:
        icon = "tick"
        label = _("критерий")


class RubricBlock(blocks.StreamBlock):
    """The criteria of a rubric, in the order experts see them."""

    criterion = CriterionBlock()

    class Meta:
        min_num = 1
