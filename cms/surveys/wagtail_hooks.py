"""Surveys in the Wagtail admin: a snippet list under «Участие» (the votes helper's group may
join it), with the count of responses and links to the results and the downloads."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Survey


def _downloads(survey: Survey) -> str:
    return format_html(
        '<a href="{}">CSV</a> · <a href="{}">XLSX</a>',
        reverse("api:survey-export-csv", args=[survey.code]),
        reverse("api:survey-export-xlsx", args=[survey.code]),
    )


_downloads.short_description = _("Выгрузка ответов")


def _responses(survey: Survey) -> int:
    return survey.responses.count()


_responses.short_description = _("Ответов")


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "list-ul"
    menu_label = _("Опросы")
    list_display = ["title", "code", "opens_at", "closes_at", _responses, _downloads]
    list_filter = ["anonymous", "results_public"]
    search_fields = ["title", "code"]
    search_backend_name = None


class ParticipationGroup(SnippetViewSetGroup):
    """«Участие»: the ways the school asks its people."""

    menu_label = _("Участие")
    menu_icon = "group"
    menu_order = 330
    items = (SurveyViewSet,)


register_snippet(ParticipationGroup)
