"""The moderators' queue in the Wagtail admin: pending and reported comments, oldest first,
each approved, or hidden with a reason; and, for staff, the open discussions to close with
the organisers' response."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cms.users.permissions import is_staff_member
from cms.users.selectors import display_name_for

from . import selectors, services
from .models import Comment
from .rules import is_moderator
from .services import CommentError

QUEUE_SIZE = 200


def _open_discussions():
    from site_content.governance.models import DiscussionPage, DiscussionStatus

    return DiscussionPage.objects.filter(status=DiscussionStatus.OPEN).order_by("title")


@require_http_methods(["GET"])
def queue_view(request):
    if not is_moderator(request.user):
        raise PermissionDenied
    comments = list(selectors.moderation_queue()[:QUEUE_SIZE])
    for comment in comments:
        comment.author_name = display_name_for(person=comment.author, viewer=request.user)
        comment.open_reports = [r for r in comment.reports.all() if not r.resolved]
    return TemplateResponse(
        request,
        "comments/admin/queue.html",
        {
            "comments": comments,
            "discussions": _open_discussions() if is_staff_member(request.user) else [],
        },
    )


@require_POST
def moderate_view(request, comment_id: int):
    if not is_moderator(request.user):
        raise PermissionDenied
    comment = get_object_or_404(Comment, pk=comment_id)
    action = request.POST.get("action")
    try:
        if action == "approve":
            services.comment_approve(comment=comment, by=request.user)
            messages.success(request, _("Комментарий опубликован."))
        elif action == "hide":
            services.comment_hide(
                comment=comment, by=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Комментарий скрыт: вместо него читатели видят причину."))
        else:
            messages.error(request, _("Не понятно, что сделать с комментарием."))
    except CommentError as error:
        messages.error(request, error.message)
    return redirect("comments_queue")


@require_POST
def close_view(request, page_id: int):
    if not is_staff_member(request.user):
        raise PermissionDenied
    page = get_object_or_404(_open_discussions(), pk=page_id)
    try:
        services.discussion_close(
            page=page, by=request.user, response=request.POST.get("response", "")
        )
        messages.success(
            request,
            _("Обсуждение «%(title)s» закрыто; итоги отправлены на модерацию.")
            % {"title": page.title},
        )
    except CommentError as error:
        messages.error(request, error.message)
    return redirect("comments_queue")
