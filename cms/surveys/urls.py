"""Mounted under /api/ by cms/api/urls.py: surveys."""

from django.urls import path

from . import apis

urlpatterns = [
    path("surveys", apis.SurveysView.as_view(), name="survey"),
    path("surveys/<slug:code>", apis.SurveyView.as_view(), name="survey-detail"),
    path("surveys/<slug:code>/response", apis.SurveyResponseView.as_view(), name="survey-response"),
    path("surveys/<slug:code>/results", apis.SurveyResultsView.as_view(), name="survey-results"),
    path("surveys/<slug:code>/export.csv", apis.SurveyCsvView.as_view(), name="survey-export-csv"),
    path(
        "surveys/<slug:code>/export.xlsx", apis.SurveyXlsxView.as_view(), name="survey-export-xlsx"
    ),
]
