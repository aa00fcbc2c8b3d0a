"""Admin for the press zone's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MediaContact


class MediaContactViewSet(SnippetViewSet):
    """Public press contacts of the lyceum's staff."""

    model = MediaContact
    icon = "mail"
    menu_label = _("Контакты для прессы")
    list_display = ["name", "role", "email", "phone"]
    search_fields = ["name", "role", "email"]


register_snippet(MediaContactViewSet)
