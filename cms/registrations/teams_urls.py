from django.urls import path

from . import teams_api

urlpatterns = [
    path("events/<int:event_id>/teams", teams_api.EventTeamsView.as_view(), name="event-teams"),
    path(
        "events/<int:event_id>/teams/<int:team_id>/join",
        teams_api.TeamJoinView.as_view(),
        name="event-team-join",
    ),
    path(
        "events/<int:event_id>/teams/export.csv",
        teams_api.teams_export_view,
        name="event-teams-export",
    ),
    path(
        "events/<int:event_id>/teams/membership",
        teams_api.TeamMembershipView.as_view(),
        name="event-team-membership",
    ),
]
