"""Blocks of a project solution page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.core.blocks import DocumentLinkBlock, ImageBlock

__all__ = [
    "SolutionGalleryBlock",
    "SolutionMaterialsBlock",
    "SolutionStageBlock",
    "SolutionStagesBlock",
]


class SolutionStageBlock(blocks.StructBlock):
    """One stage of the project: what was done and when."""

    title = blocks.CharBlock(label=_("Этап"), max_length=200)
    period = blocks.CharBlock(
        label=_("Сроки"),
        required=False,
        max_length=100,
        help_text=_("Например: «сентябрь–октябрь 2024»."),
    )
    description = blocks.TextBlock(label=_("Что сделано"))

    class Meta:
        icon = "list-ol"
        label = _("Этап")
        template = "solutions/blocks/solution_stage_block.html"


class SolutionStagesBlock(blocks.StreamBlock):
    """The stages of a project, in order."""

    stage = SolutionStageBlock()

    class Meta:
        icon = "list-ol"
        template = "solutions/blocks/solution_stages_block.html"


class SolutionGalleryBlock(blocks.StreamBlock):
    """Photos and illustrations of the project and its product."""

    image = ImageBlock()

    class Meta:
        icon = "image"
        template = "solutions/blocks/solution_gallery_block.html"


class SolutionMaterialsBlock(blocks.StreamBlock):
    """Files of the project: the report, the presentation, the product's documentation."""

    document = DocumentLinkBlock()

    class Meta:
        icon = "doc-full"
        template = "solutions/blocks/solution_materials_block.html"
