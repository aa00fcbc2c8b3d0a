"""Template tags for faceted listings (see `cms.core.facets`)."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from publish.context import current

register = template.Library()


@register.simple_tag(takes_context=True)
def listing_card(context, template_name: str, entry):
    """`{% include template_name %}` with `entry`, rendered once per page render.

    An index and each of its filtered and further pages show the same card for a child, so
    the card is rendered for the first of them and reused by the others. The cache is tied to
    the rendering page's record: the first rendering recorded the card's dependencies and
    files for the page, and a later render of the page (the next build) renders it afresh.
    """
    record = current(context.get("request")).record
    cached = getattr(entry, "_rendered_cards", None)
    if cached is None or cached[0] is not record:
        cached = entry._rendered_cards = (record, {})
    cards = cached[1]
    if template_name not in cards:
        card = context.template.engine.get_template(template_name)
        with context.push(entry=entry):
            cards[template_name] = card.render(context)
    return mark_safe(cards[template_name])
