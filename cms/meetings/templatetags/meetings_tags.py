"""Template tags of the meeting rooms' pages."""

from django import template
from django.apps import apps

register = template.Library()


@register.simple_tag
def cabinet_subpage(page, model_label: str):
    """The live child page of `page` of one type (`"meetings.MeetingsPage"`), or None: the
    cabinet has several, in no promised order."""
    model = apps.get_model(model_label)
    return page.get_children().live().type(model).first()
