"""Admin for the workspace: staff edit the stage templates new projects start from."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import StageTemplate


class StageTemplateViewSet(SnippetViewSet):
    model = StageTemplate
    icon = "list-ol"
    menu_label = _("Шаблоны этапов проектов")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "project_type", "is_default"]
    list_filter = ["is_default"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(StageTemplateViewSet)
