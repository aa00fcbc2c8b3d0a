"""Mounted under /api/ by cms/api/urls.py: comments. `comments/queue` comes before
`comments/<code>`, so no section may be coded "queue"."""

from django.urls import path

from . import apis

urlpatterns = [
    path("comments", apis.SectionsView.as_view(), name="comments"),
    path("comments/queue", apis.QueueView.as_view(), name="comments-queue"),
    path(
        "comments/discussions/<int:page_id>/close",
        apis.CloseView.as_view(),
        name="comments-discussion-close",
    ),
    path("comments/<int:comment_id>/report", apis.ReportView.as_view(), name="comment-report"),
    path(
        "comments/<int:comment_id>/moderate", apis.ModerateView.as_view(), name="comment-moderate"
    ),
    path("comments/<slug:code>", apis.SectionView.as_view(), name="comments-section"),
]
