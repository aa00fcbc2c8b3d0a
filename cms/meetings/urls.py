"""Mounted under /api/ by cms/api/urls.py: meeting rooms and meetings."""

from django.urls import path

from . import apis

urlpatterns = [
    path("meetings", apis.MeetingsView.as_view(), name="meetings"),
    path("meetings/guest/<str:token>", apis.GuestView.as_view(), name="meeting-guest"),
    path(
        "meetings/guest/<str:token>/join", apis.GuestJoinView.as_view(), name="meeting-guest-join"
    ),
    path("meetings/<int:meeting_id>", apis.MeetingView.as_view(), name="meeting"),
    path(
        "meetings/<int:meeting_id>/invitations",
        apis.InvitationsView.as_view(),
        name="meeting-invitations",
    ),
    path("meetings/<int:meeting_id>/answer", apis.AnswerView.as_view(), name="meeting-answer"),
    path(
        "meetings/<int:meeting_id>/requests", apis.RequestsView.as_view(), name="meeting-requests"
    ),
    path("meetings/<int:meeting_id>/lobby", apis.LobbyView.as_view(), name="meeting-lobby"),
    path(
        "meetings/<int:meeting_id>/participants/<int:participant_id>",
        apis.ParticipantView.as_view(),
        name="meeting-participant",
    ),
    path("meetings/<int:meeting_id>/start", apis.StartView.as_view(), name="meeting-start"),
    path("meetings/<int:meeting_id>/end", apis.EndView.as_view(), name="meeting-end"),
    path("meetings/<int:meeting_id>/join", apis.JoinView.as_view(), name="meeting-join"),
    path("meetings/<int:meeting_id>/minutes", apis.MinutesView.as_view(), name="meeting-minutes"),
    path(
        "meetings/<int:meeting_id>/minutes/publish",
        apis.MinutesPublishView.as_view(),
        name="meeting-minutes-publish",
    ),
    path("rooms", apis.RoomsView.as_view(), name="meeting-rooms"),
    path("rooms/<int:room_id>", apis.RoomView.as_view(), name="meeting-room"),
]
