"""`{% for passage in page.document|passages %}`: a document by passages (see `passages`)."""

from django import template
from django.utils.safestring import mark_safe

from cms.comments.passages import passages_of

register = template.Library()


@register.filter
def passages(document) -> list[dict]:
    return [
        {"key": p.key, "html": mark_safe(p.html), "text": p.text}  # noqa: S308 — editor's rich text
        for p in passages_of(str(document or ""))
    ]
