"""Admin for partner organisations."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Partner


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Партнёры")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


register_snippet(PartnerViewSet)
