"""Mounted under /api/ by cms/api/urls.py: student initiatives."""

from django.urls import path

from . import apis

urlpatterns = [
    path("initiatives", apis.InitiativesView.as_view(), name="initiatives"),
    path("initiatives/<int:initiative_id>", apis.InitiativeView.as_view(), name="initiative"),
    path(
        "initiatives/<int:initiative_id>/support",
        apis.SupportView.as_view(),
        name="initiative-support",
    ),
    path(
        "initiatives/<int:initiative_id>/check", apis.CheckView.as_view(), name="initiative-check"
    ),
    path(
        "initiatives/<int:initiative_id>/vote",
        apis.VoteStartView.as_view(),
        name="initiative-vote",
    ),
]
