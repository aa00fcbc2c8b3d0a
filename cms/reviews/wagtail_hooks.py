"""Rubrics in the Wagtail admin: staff keep the criteria experts score projects by."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Rubric


class RubricViewSet(SnippetViewSet):
    model = Rubric
    icon = "tasks"
    menu_label = _("Критерии оценки проектов")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["name", "is_default"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(RubricViewSet)
