"""Mounted under /api/ by cms/api/urls.py: expert evaluation of projects."""

from django.urls import path

from . import apis

urlpatterns = [
    path("evaluations", apis.EvaluationsView.as_view(), name="evaluations"),
    path(
        "evaluations/projects",
        apis.EvaluationProjectsView.as_view(),
        name="evaluation-projects",
    ),
    path(
        "evaluations/experts",
        apis.EvaluationExpertsListView.as_view(),
        name="evaluation-experts",
    ),
    path("evaluations/<int:evaluation_id>", apis.EvaluationView.as_view(), name="evaluation"),
    path(
        "evaluations/<int:evaluation_id>/experts",
        apis.EvaluationExpertsView.as_view(),
        name="evaluation-assign",
    ),
    path(
        "evaluations/<int:evaluation_id>/experts/<int:expert_id>",
        apis.EvaluationExpertView.as_view(),
        name="evaluation-unassign",
    ),
    path(
        "evaluations/<int:evaluation_id>/review",
        apis.ReviewView.as_view(),
        name="evaluation-review",
    ),
    path(
        "evaluations/<int:evaluation_id>/review/submit",
        apis.ReviewSubmitView.as_view(),
        name="evaluation-review-submit",
    ),
    path(
        "evaluations/<int:evaluation_id>/release",
        apis.ReleaseView.as_view(),
        name="evaluation-release",
    ),
    path(
        "projects/<int:project_id>/evaluation",
        apis.ProjectEvaluationView.as_view(),
        name="project-evaluation",
    ),
    path(
        "projects/<int:project_id>/evaluation/result",
        apis.ResultView.as_view(),
        name="evaluation-result",
    ),
]
