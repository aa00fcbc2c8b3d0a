"""Mounted under /api/ by cms/api/urls.py: a project's road into the open solution bank."""

from django.urls import path

from . import solution_apis

urlpatterns = [
    path(
        "projects/<int:project_id>/solution-proposal",
        solution_apis.SolutionProposalView.as_view(),
        name="solution-proposal",
    ),
    path(
        "projects/<int:project_id>/solution-proposal/consents/<int:author_id>",
        solution_apis.SolutionConsentView.as_view(),
        name="solution-consent",
    ),
]
