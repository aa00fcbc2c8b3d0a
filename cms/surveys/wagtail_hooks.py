"""Surveys in the Wagtail admin (gathered into the «Участие» menu by
cms/audiences/wagtail_hooks.py), with the count of responses and links to the results and the
downloads."""

from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Survey


def _downloads(survey: Survey) -> str:
    return format_html(
        '<a href="{}">CSV</a> · <a href="{}">XLSX</a>',
        reverse("api:survey-export-csv", args=[survey.code]),
        reverse("api:survey-export-xlsx", args=[survey.code]),
    )


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "list-ul"
    menu_label = _("Опросы")
    list_display = [
        "title",
        "code",
        "opens_at",
        "closes_at",
        Column("answers", label=_("Ответов"), accessor="answers"),
        Column("downloads", label=_("Выгрузка ответов"), accessor=_downloads),
    ]
    list_filter = ["anonymous", "results_public"]
    search_fields = ["title", "code"]
    search_backend_name = None

    def get_queryset(self, request):
        return Survey.objects.annotate(answers=Count("responses"))
