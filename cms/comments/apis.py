"""The comments API the comments widget talks to.

- `GET comments`: the sections the asker may read (the main endpoint, `api:comments`);
- `GET comments/<code>`: a section's comments as the asker sees them, with the counts per
  passage; `POST comments/<code>` writes one {passage, parent_id, text};
- `POST comments/<id>/report` {reason}, `POST comments/<id>/moderate` {action, reason};
- `GET comments/queue`: the moderators' queue;
- `POST comments/discussions/<page_id>/close` {response}: staff close a discussion.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.api.base import PersonWritesThrottled, PrivateApiView
from cms.api.serializers import PersonSerializer
from cms.audiences.selectors import audience_label
from cms.users.permissions import is_staff_member
from cms.users.selectors import display_name_for

from . import selectors, services
from .models import TEXT_MAX, Comment, CommentSection, CommentStatus, passage_key
from .rules import is_moderator, may_comment, may_read_section, may_report, may_see_comment
from .services import CommentError

# Refusals about what was sent (400, on a field); the others are about the state (409).
INPUT_ERRORS = {
    "empty": "text",
    "too_long": "text",
    "no_parent": "parent_id",
    "too_deep": "parent_id",
    "parent_not_visible": "parent_id",
    "reason_required": "reason",
    "response_required": "response",
}


class CommentConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: CommentError):
        super().__init__(error.message)
        self.default_code = error.code


def _refusal(error: CommentError) -> exceptions.APIException:
    field = INPUT_ERRORS.get(error.code)
    if field:
        return exceptions.ValidationError({field: [error.message]})
    return CommentConflict(error)


class CommentsSectionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    page_id = serializers.IntegerField(allow_null=True)
    open = serializers.BooleanField()
    may_comment = serializers.BooleanField()
    audience = serializers.CharField()


class CommentsCommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    passage = serializers.CharField(allow_blank=True, help_text='"" for the whole page, or "p3".')
    parent_id = serializers.IntegerField(allow_null=True)
    author = PersonSerializer()
    mine = serializers.BooleanField()
    text = serializers.CharField(
        allow_blank=True, help_text="Empty for a hidden comment, except to moderators."
    )
    language = serializers.CharField()
    status = serializers.CharField(help_text="pending, visible or hidden.")
    status_label = serializers.CharField()
    hidden_reason = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    reports = serializers.IntegerField(help_text="Unsettled reports (moderators only; else 0).")
    reported_by_me = serializers.BooleanField()
    may_report = serializers.BooleanField()
    may_reply = serializers.BooleanField()


class CommentsThreadSerializer(serializers.Serializer):
    section = CommentsSectionSerializer()
    moderator = serializers.BooleanField()
    comments = CommentsCommentSerializer(many=True, help_text="Oldest first; replies name parent.")
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text='Comments per passage ("" the whole page).'
    )


class CommentsWriteSerializer(serializers.Serializer):
    passage = serializers.CharField(
        max_length=6, required=False, allow_blank=True, validators=[passage_key]
    )
    parent_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    text = serializers.CharField(max_length=TEXT_MAX)


class CommentsReportSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class CommentsReportResultSerializer(serializers.Serializer):
    reported = serializers.BooleanField()


class CommentsModerateSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["approve", "hide", "restore"])
    reason = serializers.CharField(
        max_length=500, required=False, allow_blank=True, help_text="Required to hide."
    )


class CommentsQueueItemSerializer(CommentsCommentSerializer):
    section_code = serializers.CharField()
    section_title = serializers.CharField()


class CommentsQueueSerializer(serializers.Serializer):
    results = CommentsQueueItemSerializer(many=True)


class CommentsCloseSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=8000, help_text="The organisers' response.")


class CommentsCloseResultSerializer(serializers.Serializer):
    page_id = serializers.IntegerField()
    revision_id = serializers.IntegerField()
    in_moderation = serializers.BooleanField()
    comments = serializers.IntegerField()
    participants = serializers.IntegerField()


def _section(section: CommentSection, viewer) -> dict:
    return {
        "code": section.code,
        "title": section.title,
        "page_id": section.page_id,
        "open": section.accepts_comments,
        "may_comment": may_comment.test(viewer, section),
        "audience": audience_label(section),
    }


def _comment(comment: Comment, viewer, *, moderator: bool) -> dict:
    hidden = comment.status == CommentStatus.HIDDEN
    return {
        "id": comment.pk,
        "passage": comment.passage,
        "parent_id": comment.parent_id,
        "author": {
            "id": comment.author_id,
            "name": display_name_for(person=comment.author, viewer=viewer),
        },
        "mine": comment.author_id == viewer.pk,
        "text": "" if hidden and not moderator else comment.text,
        "language": comment.language,
        "status": comment.status,
        "status_label": str(comment.get_status_display()),
        "hidden_reason": comment.hidden_reason,
        "created_at": comment.created_at,
        "reports": getattr(comment, "open_reports", 0) if moderator else 0,
        "reported_by_me": bool(getattr(comment, "reported_by_viewer", False)),
        "may_report": may_report.test(viewer, comment),
        "may_reply": comment.parent_id is None and comment.status == CommentStatus.VISIBLE,
    }


def _section_or_404(request, code: str) -> CommentSection:
    section = selectors.section_by_code(code)
    if section is None:
        raise exceptions.NotFound(_("Такого раздела комментариев нет."))
    if not may_read_section.test(request.user, section):
        raise exceptions.PermissionDenied(
            _("Эти комментарии читают и пишут только участники обсуждения.")
        )
    return section


def _comment_or_404(request, comment_id: int) -> Comment:
    comment = Comment.objects.select_related("section", "author").filter(pk=comment_id).first()
    if comment is None or not may_see_comment.test(request.user, comment):
        raise exceptions.NotFound(_("Такого комментария нет."))
    return comment


def _thread(section: CommentSection, viewer) -> dict:
    moderator = is_moderator(viewer)
    comments = selectors.comments_for(section=section, viewer=viewer)
    return {
        "section": _section(section, viewer),
        "moderator": moderator,
        "comments": [_comment(c, viewer, moderator=moderator) for c in comments],
        "counts": selectors.passage_counts(comments),
    }


class SectionsView(PrivateApiView):
    """The comment sections the asker may read."""

    pagination_class = None

    @extend_schema(
        operation_id="comments_sections_list", responses=CommentsSectionSerializer(many=True)
    )
    def get(self, request):
        user = request.user
        sections = CommentSection.objects.order_by("title")[:200]
        data = [_section(s, user) for s in sections if may_read_section.test(user, s)]
        return Response(CommentsSectionSerializer(data, many=True).data)


class SectionView(PersonWritesThrottled, PrivateApiView):
    """A section's comments as the asker sees them; its audience comments (POST)."""

    serializer_class = CommentsWriteSerializer
    pagination_class = None

    @extend_schema(operation_id="comments_section_retrieve", responses=CommentsThreadSerializer)
    def get(self, request, code: str):
        section = _section_or_404(request, code)
        return Response(CommentsThreadSerializer(_thread(section, request.user)).data)

    @extend_schema(
        operation_id="comments_section_create",
        request=CommentsWriteSerializer,
        responses={201: CommentsCommentSerializer},
    )
    def post(self, request, code: str):
        section = _section_or_404(request, code)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            comment = services.comment_create(
                section=section,
                author=request.user,
                text=data["text"],
                passage=data.get("passage", ""),
                parent_id=data.get("parent_id"),
                language=getattr(request, "LANGUAGE_CODE", None),
            )
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied(
                _("Комментировать здесь могут только участники обсуждения.")
            ) from None
        except CommentError as error:
            raise _refusal(error) from None
        comment = Comment.objects.select_related("author", "section").get(pk=comment.pk)
        body = _comment(comment, request.user, moderator=is_moderator(request.user))
        return Response(CommentsCommentSerializer(body).data, status=status.HTTP_201_CREATED)


class ReportView(PersonWritesThrottled, PrivateApiView):
    """Ask the moderators to look at a published comment (once per person)."""

    serializer_class = CommentsReportSerializer
    pagination_class = None

    @extend_schema(
        operation_id="comments_report_create",
        request=CommentsReportSerializer,
        responses={201: CommentsReportResultSerializer},
    )
    def post(self, request, comment_id: int):
        comment = _comment_or_404(request, comment_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.comment_report(
                comment=comment,
                reporter=request.user,
                reason=serializer.validated_data.get("reason", ""),
            )
        except CommentError as error:
            raise _refusal(error) from None
        return Response({"reported": True}, status=status.HTTP_201_CREATED)


class ModerateView(PersonWritesThrottled, PrivateApiView):
    """Moderators approve, hide (with a reason) or restore a comment."""

    serializer_class = CommentsModerateSerializer
    pagination_class = None

    @extend_schema(
        operation_id="comments_moderate_create",
        request=CommentsModerateSerializer,
        responses=CommentsCommentSerializer,
    )
    def post(self, request, comment_id: int):
        comment = _comment_or_404(request, comment_id)
        if not is_moderator(request.user):
            raise exceptions.PermissionDenied(_("Решать судьбу комментариев могут модераторы."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action = serializer.validated_data["action"]
        try:
            if action == "approve":
                comment = services.comment_approve(comment=comment, by=request.user)
            elif action == "hide":
                comment = services.comment_hide(
                    comment=comment,
                    by=request.user,
                    reason=serializer.validated_data.get("reason", ""),
                )
            else:
                comment = services.comment_restore(comment=comment, by=request.user)
        except CommentError as error:
            raise _refusal(error) from None
        comment = Comment.objects.select_related("author", "section").get(pk=comment.pk)
        body = _comment(comment, request.user, moderator=True)
        return Response(CommentsCommentSerializer(body).data)


class QueueView(PrivateApiView):
    """The moderators' queue: pending and reported comments, oldest first."""

    pagination_class = None

    @extend_schema(operation_id="comments_queue_list", responses=CommentsQueueSerializer)
    def get(self, request):
        if not is_moderator(request.user):
            raise exceptions.PermissionDenied(_("Очередь модерации видят модераторы."))
        items = []
        for comment in selectors.moderation_queue()[:200]:
            comment.open_reports = sum(1 for r in comment.reports.all() if not r.resolved)
            item = _comment(comment, request.user, moderator=True)
            item.update(section_code=comment.section.code, section_title=comment.section.title)
            items.append(item)
        return Response(CommentsQueueSerializer({"results": items}).data)


class CloseView(PersonWritesThrottled, PrivateApiView):
    """Staff close a discussion: its summary goes to the page's moderation workflow."""

    serializer_class = CommentsCloseSerializer
    pagination_class = None

    @extend_schema(
        operation_id="comments_discussion_close",
        request=CommentsCloseSerializer,
        responses={201: CommentsCloseResultSerializer},
    )
    def post(self, request, page_id: int):
        from site_content.governance.models import DiscussionPage

        if not is_staff_member(request.user):
            raise exceptions.PermissionDenied(_("Закрыть обсуждение могут сотрудники-редакторы."))
        page = DiscussionPage.objects.filter(pk=page_id).first()
        if page is None:
            raise exceptions.NotFound(_("Такого обсуждения нет."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            revision = services.discussion_close(
                page=page, by=request.user, response=serializer.validated_data["response"]
            )
        except CommentError as error:
            raise _refusal(error) from None
        page.refresh_from_db()
        summary = services.discussion_summary(page=page)
        data = {
            "page_id": page.pk,
            "revision_id": revision.pk,
            "in_moderation": page.workflow_in_progress,
            "comments": summary["comments"],
            "participants": summary["participants"],
        }
        return Response(CommentsCloseResultSerializer(data).data, status=status.HTTP_201_CREATED)
