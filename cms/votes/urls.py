"""Mounted under /api/ by cms/api/urls.py: the voting widget's endpoints."""

from django.urls import path

from . import apis

urlpatterns = [
    path("votes", apis.VotesView.as_view(), name="voting"),
    path("votes/<slug:code>", apis.VoteView.as_view(), name="voting-detail"),
    path("votes/<slug:code>/ballots", apis.BallotsView.as_view(), name="voting-ballots"),
    path(
        "votes/<slug:code>/receipts/<str:receipt>",
        apis.ReceiptView.as_view(),
        name="voting-receipt",
    ),
    path("votes/<slug:code>/results", apis.ResultsView.as_view(), name="voting-results"),
]
