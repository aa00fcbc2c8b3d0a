"""Template helpers for the account pages."""

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def this_page_in(context, language: str) -> str:
    """The address of the page being shown, in `language` (its query string dropped)."""
    request = context["request"]
    return translate_url(request.path, language)
