"""Template filters of the legal section: a value, or the notice that it is still to come."""

import re

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

PENDING = _("Сведения будут опубликованы")


@register.filter(needs_autoescape=True)
def or_pending(value, autoescape=True):
    """The value with its line breaks kept, or «Сведения будут опубликованы» when it is empty.

    The law wants every item present; an empty item says so instead of disappearing.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return format_html('<span class="sveden-pending">{}</span>', PENDING)
    return linebreaksbr(value, autoescape=autoescape)


@register.filter
def tel_href(value: str) -> str:
    """A phone number as a tel: address: digits and a leading plus only."""
    digits = re.sub(r"[^\d+]", "", value or "")
    return f"tel:{digits}"
