"""Mounted under /api/ by cms/api/urls.py: the relaxation room's confidential help."""

from django.urls import path

from . import apis

urlpatterns = [
    path("help/requests", apis.HelpRequestsView.as_view(), name="help-requests"),
    # Before `<id>`: a code is sent in the body of this POST, never in an address.
    path("help/requests/lookup", apis.HelpLookupView.as_view(), name="help-lookup"),
    path("help/requests/<int:request_id>", apis.HelpRequestView.as_view(), name="help-request"),
    path(
        "help/requests/<int:request_id>/replies",
        apis.HelpRepliesView.as_view(),
        name="help-replies",
    ),
    path(
        "help/requests/<int:request_id>/consultation",
        apis.HelpConsultationView.as_view(),
        name="help-consultation",
    ),
    path("help/requests/<int:request_id>/close", apis.HelpCloseView.as_view(), name="help-close"),
    path("help/crisis-words", apis.CrisisWordsView.as_view(), name="help-crisis-words"),
    path(
        "help/crisis-words/<int:word_id>",
        apis.CrisisWordView.as_view(),
        name="help-crisis-word",
    ),
]
