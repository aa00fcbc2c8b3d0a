"""Editors keep the vocabularies under one «Справочники» menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EventType, Grade, ProjectType, Subject


class TaxonomyTermViewSet(SnippetViewSet):
    """The list every vocabulary shares: name, address and position, searchable by name."""

    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class SubjectViewSet(TaxonomyTermViewSet):
    model = Subject
    icon = "tag"


class GradeViewSet(TaxonomyTermViewSet):
    model = Grade
    icon = "group"


class ProjectTypeViewSet(TaxonomyTermViewSet):
    model = ProjectType
    icon = "folder-open-inverse"


class EventTypeViewSet(TaxonomyTermViewSet):
    model = EventType
    icon = "date"


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (SubjectViewSet, GradeViewSet, ProjectTypeViewSet, EventTypeViewSet)
    menu_icon = "list-ul"
    menu_label = _("Справочники")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
