"""Mounted under /api/ by cms/api/urls.py: the project workspace."""

from django.urls import path

from . import apis

urlpatterns = [
    path("projects", apis.ProjectsView.as_view(), name="projects"),
    path("projects/people", apis.PeopleView.as_view(), name="project-people"),
    path("projects/<int:project_id>", apis.ProjectView.as_view(), name="project"),
    path(
        "projects/<int:project_id>/members",
        apis.ProjectMembersView.as_view(),
        name="project-members",
    ),
    path(
        "projects/<int:project_id>/membership",
        apis.MembershipView.as_view(),
        name="project-membership",
    ),
    path(
        "projects/<int:project_id>/tutor-request",
        apis.ProjectTutorRequestView.as_view(),
        name="project-tutor-request",
    ),
    path("tutor-requests", apis.TutorRequestsView.as_view(), name="tutor-requests"),
    path(
        "tutor-requests/<int:request_id>",
        apis.TutorRequestAnswerView.as_view(),
        name="tutor-request",
    ),
    path(
        "projects/<int:project_id>/stages/<int:stage_id>",
        apis.StageView.as_view(),
        name="project-stage",
    ),
    path(
        "projects/<int:project_id>/stages/<int:stage_id>/submissions",
        apis.StageSubmissionsView.as_view(),
        name="stage-submissions",
    ),
    path(
        "projects/<int:project_id>/stages/<int:stage_id>/decision",
        apis.StageDecisionView.as_view(),
        name="stage-decision",
    ),
    path(
        "projects/<int:project_id>/comments",
        apis.CommentsView.as_view(),
        name="project-comments",
    ),
    path(
        "projects/<int:project_id>/activity",
        apis.ActivityView.as_view(),
        name="project-activity",
    ),
    path(
        "projects/<int:project_id>/files/<int:file_id>",
        apis.ProjectFileView.as_view(),
        name="project-file",
    ),
]
