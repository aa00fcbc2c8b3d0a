"""Admin for events: the templates the generator starts from, and a way to the generator."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.registrations.rules import is_organiser

from .models import EventTemplate


class EventTemplateViewSet(SnippetViewSet):
    model = EventTemplate
    icon = "calendar-alt"
    menu_label = _("Шаблоны событий")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "kind", "team_size_max"]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(EventTemplateViewSet)


class GeneratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_organiser(request.user)


@hooks.register("register_admin_menu_item")
def register_generator_menu_item():
    return GeneratorMenuItem(
        _("Новое событие по шаблону"),
        reverse("events:generator"),
        name="event-generator",
        icon_name="calendar",
        order=305,
    )
