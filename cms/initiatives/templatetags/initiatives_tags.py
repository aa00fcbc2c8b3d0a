"""Template tags of the initiatives mount point."""

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
def optional_static(path: str) -> str:
    """The address of a static file another app may not have shipped yet (the voting widget),
    "" when there is none, so the page never names a missing file."""
    if finders.find(path) is None:
        return ""
    try:
        return static(path)
    except ValueError:
        return ""
