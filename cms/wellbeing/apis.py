"""The psychologist's help API: writing a request (signed in or anonymously), reading one's
own (by account, or by the one-time code sent in the body, never in an address), and the
psychologist's queue, reading (logged), replying, proposing a consultation and the crisis list.

Anyone who may not see a request gets 404 at its address, as if it did not exist.
"""

from __future__ import annotations

import hashlib

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cms.api.base import PrivateApiView
from cms.api.serializers import PersonSerializer
from cms.api.throttling import retry_after
from cms.users.selectors import display_name_for

from . import rules, selectors, services
from .models import CrisisWord, HelpRequest, HelpStatus

# Anonymous requests: a few at once from one address, then one every two minutes.
SUBMIT_RATE = (1 / 120, 5)
# Code lookups: a handful, then one a minute per address. With 79-bit codes guessing is
# hopeless anyway; this also keeps anyone from trying.
LOOKUP_RATE = (1 / 60, 10)


class HelpConflict(exceptions.APIException):
    """The state refuses (an anonymous author cannot be invited, the time has passed): 409."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: services.HelpError):
        super().__init__(error.message)
        self.default_code = error.code


def _limit(request, *, scope: str, rate: tuple[float, int]) -> None:
    """A per-address allowance; the address is hashed, so not even the limiter's table keeps
    where an anonymous request came from."""
    from cms.security.clients import client_key

    key = hashlib.sha256(client_key(request).encode()).hexdigest()[:32]
    wait = retry_after(scope=scope, key=key, rate=rate[0], burst=rate[1])
    if wait:
        raise exceptions.Throttled(wait=wait)


def _language() -> str:
    return (get_language() or "ru")[:2]


class SubmitSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.MAX_TEXT)
    wants_consultation = serializers.BooleanField(required=False, default=False)
    anonymous = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Write without one's name (always so when signed out).",
    )


class SubmittedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(
        allow_null=True, help_text="The one-time code of an anonymous request: shown only now."
    )
    urgent = serializers.BooleanField()
    help_lines = serializers.CharField(help_text="Where to call right now; empty unless urgent.")


class ConsultationSerializer(serializers.Serializer):
    meeting_id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField()


class RequestItemSerializer(serializers.Serializer):
    """A request in a list: never its text (reading a text is logged, a list is not)."""

    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=HelpStatus.choices)
    urgent = serializers.BooleanField()
    wants_consultation = serializers.BooleanField()
    requester_kind = serializers.CharField()
    requester = PersonSerializer(allow_null=True)
    reply_count = serializers.IntegerField()
    consultation = ConsultationSerializer(allow_null=True)


class ReplySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    author = serializers.CharField()


class RequestDetailSerializer(RequestItemSerializer):
    text = serializers.CharField()
    replies = ReplySerializer(many=True)
    help_lines = serializers.CharField()
    may_reply = serializers.BooleanField()


class LookupSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)


class ReplyInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.MAX_TEXT)


class ConsultationInSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=15, max_value=180, default=45)


class CloseSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=40, required=False, help_text="An anonymous author closes with their code."
    )


class CrisisWordSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    word = serializers.CharField(max_length=100)


def _consultation(help_request: HelpRequest):
    meeting = help_request.meeting
    if meeting is None:
        return None
    return {
        "meeting_id": meeting.pk,
        "starts_at": meeting.starts_at,
        "duration_minutes": meeting.duration_minutes,
    }


def _requester_name(requester, viewer) -> str:
    """The author by name and class for the psychologist, whom they wrote to by name (the
    public-name consent is about the site, not about this conversation); else as usual."""
    if rules.is_psychologist(viewer):
        name = requester.get_full_name() or requester.username
        school_class = getattr(requester, "school_class", None)
        return f"{name}, {school_class}" if school_class else name
    return display_name_for(person=requester, viewer=viewer)


def _item(help_request: HelpRequest, viewer) -> dict:
    requester = help_request.requester
    show_requester = requester is not None and viewer is not None and viewer.is_authenticated
    return {
        "id": help_request.pk,
        "created_at": help_request.created_at,
        "status": help_request.status,
        "urgent": help_request.urgent,
        "wants_consultation": help_request.wants_consultation,
        "requester_kind": help_request.requester_kind,
        "requester": (
            {"id": requester.pk, "name": _requester_name(requester, viewer)}
            if show_requester
            else None
        ),
        "reply_count": getattr(help_request, "reply_count", 0),
        "consultation": _consultation(help_request),
    }


def _detail(help_request: HelpRequest, viewer) -> dict:
    replies = list(help_request.replies.select_related("psychologist"))
    data = _item(help_request, viewer)
    data["reply_count"] = len(replies)
    data.update(
        {
            "text": help_request.text,
            "replies": [
                {
                    "id": reply.pk,
                    "text": reply.text,
                    "created_at": reply.created_at,
                    "author": (
                        display_name_for(person=reply.psychologist, viewer=viewer)
                        if reply.psychologist
                        else _("Психолог")
                    ),
                }
                for reply in replies
            ],
            "help_lines": (
                selectors.help_lines(language=help_request.language) if help_request.urgent else ""
            ),
            "may_reply": rules.is_psychologist(viewer),
        }
    )
    return data


def _visible_or_404(request, request_id: int) -> HelpRequest:
    help_request = selectors.request_visible_to(user=request.user, request_id=request_id)
    if help_request is None:
        raise exceptions.NotFound
    return help_request


def _psychologist_only(request, request_id: int) -> HelpRequest:
    """The request for a psychologist; its author is refused (403), anyone else finds nothing."""
    help_request = _visible_or_404(request, request_id)
    if not rules.is_psychologist(request.user):
        raise exceptions.PermissionDenied(_("Отвечать на обращения может только психолог."))
    return help_request


class HelpRequestsView(PrivateApiView):
    """POST: write to the psychologist (signed in, or anonymously: then a one-time code comes
    back, shown once). GET: the psychologist's queue, or one's own requests."""

    serializer_class = SubmitSerializer
    pagination_class = None

    def get_permissions(self):
        if self.request.method == "POST":
            return [AllowAny()]
        return super().get_permissions()

    @extend_schema(responses=RequestItemSerializer(many=True))
    def get(self, request):
        user = request.user
        if not (rules.is_psychologist(user) or rules.may_write_by_name(user)):
            raise exceptions.PermissionDenied(
                _("Обращения к психологу видят только их авторы и психолог.")
            )
        return Response([_item(r, user) for r in selectors.requests_for(user=user)])

    @extend_schema(request=SubmitSerializer, responses={201: SubmittedSerializer})
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        anonymous = data["anonymous"] or not user.is_authenticated
        if not anonymous and not rules.may_write_by_name(user):
            raise exceptions.PermissionDenied(
                _(
                    "От своего имени психологу пишут ученики и родители. "
                    "Вы можете написать анонимно."
                )
            )
        if anonymous:
            _limit(request, scope="help-submit", rate=SUBMIT_RATE)
        created = services.help_request_create(
            text=data["text"],
            requester=None if anonymous else user,
            wants_consultation=data["wants_consultation"],
            language=_language(),
        )
        return Response(
            {
                "id": created.request.pk,
                "code": created.code,
                "urgent": created.request.urgent,
                "help_lines": created.help_lines,
            },
            status=status.HTTP_201_CREATED,
        )


class HelpRequestView(PrivateApiView):
    """One request with its text and replies: the psychologist (every read is logged) or its
    signed-in author."""

    pagination_class = None

    @extend_schema(responses=RequestDetailSerializer)
    def get(self, request, request_id: int):
        help_request = _visible_or_404(request, request_id)
        services.help_request_read(help_request=help_request, reader=request.user)
        return Response(_detail(help_request, request.user))


class HelpLookupView(PrivateApiView):
    """An anonymous author reads their request and the replies by the one-time code."""

    permission_classes = [AllowAny]
    serializer_class = LookupSerializer
    pagination_class = None

    @extend_schema(request=LookupSerializer, responses=RequestDetailSerializer)
    def post(self, request):
        _limit(request, scope="help-lookup", rate=LOOKUP_RATE)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        help_request = selectors.request_by_code(code=serializer.validated_data["code"])
        if help_request is None:
            raise exceptions.NotFound(_("Обращения с таким кодом нет. Проверьте код."))
        data = _detail(help_request, None)
        data["may_reply"] = False
        return Response(data)


class HelpRepliesView(PrivateApiView):
    serializer_class = ReplyInSerializer
    pagination_class = None

    @extend_schema(request=ReplyInSerializer, responses={201: RequestDetailSerializer})
    def post(self, request, request_id: int):
        help_request = _psychologist_only(request, request_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.reply_create(
            help_request=help_request,
            psychologist=request.user,
            text=serializer.validated_data["text"],
        )
        help_request.refresh_from_db()
        return Response(_detail(help_request, request.user), status=status.HTTP_201_CREATED)


class HelpConsultationView(PrivateApiView):
    """The psychologist proposes a time: a confidential meeting in their room with the author."""

    serializer_class = ConsultationInSerializer
    pagination_class = None

    @extend_schema(request=ConsultationInSerializer, responses={201: RequestDetailSerializer})
    def post(self, request, request_id: int):
        help_request = _psychologist_only(request, request_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.consultation_propose(
                help_request=help_request,
                psychologist=request.user,
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
            )
        except services.HelpError as error:
            raise HelpConflict(error) from None
        help_request.refresh_from_db()
        return Response(_detail(help_request, request.user), status=status.HTTP_201_CREATED)


class HelpCloseView(PrivateApiView):
    """Close a request: the psychologist, its signed-in author, or the anonymous author with
    their code."""

    permission_classes = [AllowAny]
    serializer_class = CloseSerializer
    pagination_class = None

    @extend_schema(
        request=CloseSerializer,
        responses=inline_serializer(
            "HelpClosed", {"id": serializers.IntegerField(), "status": serializers.CharField()}
        ),
    )
    def post(self, request, request_id: int):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        code = serializer.validated_data.get("code")
        help_request = None
        if code:
            _limit(request, scope="help-lookup", rate=LOOKUP_RATE)
            found = selectors.request_by_code(code=code)
            help_request = found if found is not None and found.pk == request_id else None
        elif request.user.is_authenticated:
            help_request = selectors.request_visible_to(user=request.user, request_id=request_id)
        else:
            raise exceptions.NotAuthenticated
        if help_request is None:
            raise exceptions.NotFound
        services.request_close(help_request=help_request)
        return Response({"id": help_request.pk, "status": help_request.status})


def _psychologist_or_403(request) -> None:
    if not rules.is_psychologist(request.user):
        raise exceptions.PermissionDenied(_("Список тревожных слов ведёт психолог."))


class CrisisWordsView(PrivateApiView):
    """The crisis list the psychologist keeps: words, stems and phrases that mark a request
    urgent."""

    serializer_class = CrisisWordSerializer
    pagination_class = None

    @extend_schema(responses=CrisisWordSerializer(many=True))
    def get(self, request):
        _psychologist_or_403(request)
        return Response(list(CrisisWord.objects.values("id", "word")))

    @extend_schema(request=CrisisWordSerializer, responses={201: CrisisWordSerializer})
    def post(self, request):
        _psychologist_or_403(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            entry = services.crisis_word_add(word=serializer.validated_data["word"])
        except services.HelpError as error:
            raise serializers.ValidationError({"word": [error.message]}) from None
        return Response({"id": entry.pk, "word": entry.word}, status=status.HTTP_201_CREATED)


class CrisisWordView(PrivateApiView):
    pagination_class = None

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, word_id: int):
        _psychologist_or_403(request)
        if not services.crisis_word_delete(word_id=word_id):
            raise exceptions.NotFound
        return Response(status=status.HTTP_204_NO_CONTENT)
