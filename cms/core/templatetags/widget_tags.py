"""Template tags for widget mount points: the API address a widget of some kind talks to."""

from functools import cache

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import get_language

from cms.core.widgets import static_part

register = template.Library()


@register.filter
def widget_kind(value: str) -> str:
    """The registry's name of a kind: words joined by hyphens, as every widget module registers
    them (`room_request`, a stored block choice, is data-widget="room-request")."""
    return str(value).replace("_", "-")


@register.simple_tag
def widget_endpoint(kind: str, *args) -> str:
    """The API address of widgets of `kind`, resolved when the page is built.

    A zone app names its main endpoint after the kind it serves (`api:registration` for
    data-widget="registration"); an endpoint about one thing takes its id as an argument
    (`{% widget_endpoint "registration" page.pk %}` → `/api/events/<id>/registration`). ""
    while no app answers for the kind, and the mount point keeps showing its fallback text.
    """
    try:
        return reverse(f"api:{kind}", args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def widget_static_part(context, kind: str, reference: str) -> str:
    """The HTML `kind`'s app bakes into the page for `reference` (see `cms.core.widgets`)."""
    return static_part(kind, reference or "", get_language() or "", context.get("request"))


@cache
def _script_of(kind: str) -> str:
    path = f"widgets/{kind}.js"
    return path if finders.find(path) else ""


@register.simple_tag
def widget_script(kind: str) -> str:
    """The module of widgets of `kind` (`widgets/<kind>.js` of the app that owns them), so a
    widget block works on any page an editor puts it on; a browser runs a module once however
    many blocks ask for it. "" when no app ships one."""
    path = _script_of(kind)
    return format_html('<script type="module" src="{}"></script>', static(path)) if path else ""
