"""Comments in the Wagtail admin: the comment sections as snippets, and the moderators' queue
(with the discussions staff may close)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import CommentSection
from .rules import is_moderator


class CommentSectionViewSet(SnippetViewSet):
    model = CommentSection
    icon = "comment"
    menu_label = _("Разделы комментариев")
    list_display = ["title", "code", "page", "is_open", "closes_at"]
    search_fields = ["title", "code"]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [
        path("comments/queue/", admin_views.queue_view, name="comments_queue"),
        path(
            "comments/queue/<int:comment_id>/",
            admin_views.moderate_view,
            name="comments_moderate",
        ),
        path(
            "comments/discussions/<int:page_id>/close/",
            admin_views.close_view,
            name="comments_discussion_close",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        _("Модерация комментариев"),
        reverse("comments_queue"),
        name="comments-queue",
        icon_name="comment",
        order=350,
    )
