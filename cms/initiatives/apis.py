"""The initiatives API: a council's initiatives, proposing one, supporting it, the
administration's check and putting it to a vote. Signed-in school people only; a pupil is
named as their consent says."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.api.base import PersonWritesThrottled, PrivateApiView
from cms.api.serializers import ChoiceSerializer, PersonSerializer
from cms.users.selectors import display_name_for

from . import services
from .models import Initiative, InitiativeStatus
from .rules import is_author, is_school_person, is_student, may_check, may_propose, may_support
from .selectors import initiatives_list, supported_ids
from .services import ELECTORATES, InitiativeError, InitiativeRefused


class InitiativeConflict(exceptions.APIException):
    """The rules refuse now (already supported, not waiting for the check): 409 with the code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: InitiativeError):
        super().__init__(error.message)
        self.default_code = error.code


class InitiativeForbidden(exceptions.PermissionDenied):
    """The person may not do this: 403 with the reason and its code."""

    def __init__(self, error: InitiativeError):
        super().__init__(error.message)
        self.default_code = error.code


def _raise(error: InitiativeError):
    if isinstance(error, InitiativeRefused):
        raise InitiativeForbidden(error) from None
    if error.field:
        raise exceptions.ValidationError({error.field: [error.message]}) from None
    raise InitiativeConflict(error) from None


class InitiativeVoteSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The vote's code: data-ref of a voting widget.")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    counted = serializers.BooleanField()


class InitiativeCouncilSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    threshold = serializers.IntegerField()


class InitiativeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    council = InitiativeCouncilSerializer()
    authors = PersonSerializer(many=True)
    status = serializers.ChoiceField(choices=InitiativeStatus.choices)
    status_label = serializers.CharField()
    supports = serializers.IntegerField()
    threshold = serializers.IntegerField()
    supported_by_me = serializers.BooleanField()
    is_author = serializers.BooleanField()
    may_support = serializers.BooleanField()
    may_check = serializers.BooleanField(help_text="The asker checks it now.")
    may_start_vote = serializers.BooleanField()
    check_comment = serializers.CharField(allow_blank=True)
    rejection_reason = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    in_check_at = serializers.DateTimeField(allow_null=True)
    checked_at = serializers.DateTimeField(allow_null=True)
    voting_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    vote = InitiativeVoteSerializer(allow_null=True)
    project_id = serializers.IntegerField(allow_null=True)


class InitiativeListSerializer(serializers.Serializer):
    initiatives = InitiativeSerializer(many=True)
    may_propose = serializers.BooleanField()
    propose_refusal = serializers.CharField(
        allow_blank=True, help_text="Why a pupil may not propose (no parental consent)."
    )
    may_check = serializers.BooleanField()
    electorates = ChoiceSerializer(many=True)


class InitiativeCreateSerializer(serializers.Serializer):
    council_id = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10000)
    co_author_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=20
    )


class InitiativeCheckSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
    comment = serializers.CharField(
        max_length=5000, required=False, allow_blank=True,
        help_text="Comments on acceptance; the reason of a rejection (required then).",
    )  # fmt: skip


class InitiativeVoteStartSerializer(serializers.Serializer):
    electorate = serializers.ChoiceField(choices=[(e, e) for e in ELECTORATES])
    grades = serializers.CharField(max_length=40, required=False, allow_blank=True)
    opens_at = serializers.DateTimeField(required=False, allow_null=True)
    closes_at = serializers.DateTimeField()
    quorum_percent = serializers.IntegerField(min_value=0, max_value=100, required=False)


def _electorates() -> list[dict]:
    labels = {
        "students": _("все ученики"),
        "grades": _("ученики параллелей"),
        "council": _("члены совета"),
    }
    return [{"value": value, "label": str(labels[value])} for value in ELECTORATES]


def _initiative(initiative: Initiative, viewer, supported: set[int]) -> dict:
    vote = initiative.vote
    checker = may_check.test(viewer)
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "description": initiative.description,
        "council": {
            "id": initiative.council_id,
            "title": initiative.council.title,
            "threshold": initiative.council.initiative_threshold,
        },
        "authors": [
            {"id": person.pk, "name": display_name_for(person=person, viewer=viewer)}
            for person in [initiative.author, *initiative.co_authors.all()]
        ],
        "status": initiative.status,
        "status_label": str(initiative.get_status_display()),
        "supports": initiative.supports_count,
        "threshold": initiative.council.initiative_threshold,
        "supported_by_me": initiative.pk in supported,
        "is_author": is_author.test(viewer, initiative),
        "may_support": may_support.test(viewer, initiative),
        "may_check": checker and initiative.status == InitiativeStatus.IN_CHECK,
        "may_start_vote": checker and initiative.status == InitiativeStatus.ACCEPTED,
        "check_comment": initiative.check_comment,
        "rejection_reason": initiative.rejection_reason,
        "created_at": initiative.created_at,
        "in_check_at": initiative.in_check_at,
        "checked_at": initiative.checked_at,
        "voting_at": initiative.voting_at,
        "decided_at": initiative.decided_at,
        "vote": None
        if vote is None
        else {
            "code": vote.code,
            "opens_at": vote.opens_at,
            "closes_at": vote.closes_at,
            "counted": vote.counted_at is not None,
        },
        "project_id": initiative.project_id,
    }


def _require_school_person(request) -> None:
    if not is_school_person.test(request.user):
        raise exceptions.PermissionDenied(
            _("Инициативы учеников видят ученики, родители и сотрудники лицея.")
        )


def _initiative_or_404(request, initiative_id: int) -> Initiative:
    _require_school_person(request)
    initiative = initiatives_list().filter(pk=initiative_id).first()
    if initiative is None:
        raise exceptions.NotFound(_("Такой инициативы нет."))
    return initiative


def _one(request, initiative_id: int) -> dict:
    initiative = _initiative_or_404(request, initiative_id)
    supported = supported_ids(person=request.user, initiative_ids=[initiative.pk])
    return InitiativeSerializer(_initiative(initiative, request.user, supported)).data


def _refusal(user) -> str:
    if is_student.test(user) and not may_propose.test(user):
        return _(
            "Инициатива публикуется с именем автора, поэтому нужно согласие родителей на "
            "публикацию ваших работ. Попросите родителей дать его в личном кабинете."
        )
    return ""


class InitiativesView(PersonWritesThrottled, PrivateApiView):
    """The initiatives of a council (`?council=<page id>`), and proposing one (a pupil)."""

    serializer_class = InitiativeCreateSerializer
    pagination_class = None

    @extend_schema(
        operation_id="initiatives_list",
        parameters=[OpenApiParameter("council", int, required=False)],
        responses=InitiativeListSerializer,
    )
    def get(self, request):
        _require_school_person(request)
        council = request.query_params.get("council", "")
        if council and not council.isdigit():
            raise exceptions.ValidationError({"council": [_("Укажите номер страницы совета.")]})
        initiatives = list(initiatives_list(council_id=int(council) if council else None)[:200])
        supported = supported_ids(person=request.user, initiative_ids=[i.pk for i in initiatives])
        data = {
            "initiatives": [_initiative(i, request.user, supported) for i in initiatives],
            "may_propose": may_propose.test(request.user),
            "propose_refusal": _refusal(request.user),
            "may_check": may_check.test(request.user),
            "electorates": _electorates(),
        }
        return Response(InitiativeListSerializer(data).data)

    @extend_schema(
        operation_id="initiatives_create",
        request=InitiativeCreateSerializer,
        responses={201: InitiativeSerializer},
    )
    def post(self, request):
        from site_content.governance.models import CouncilPage

        _require_school_person(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        council = CouncilPage.objects.live().filter(pk=data["council_id"]).first()
        if council is None:
            raise exceptions.ValidationError({"council_id": [_("Такого совета нет.")]})
        try:
            initiative = services.initiative_propose(
                by=request.user,
                council=council,
                title=data["title"],
                description=data["description"],
                co_author_ids=data.get("co_author_ids", ()),
            )
        except InitiativeError as error:
            _raise(error)
        return Response(_one(request, initiative.pk), status=status.HTTP_201_CREATED)


class InitiativeView(PrivateApiView):
    """One initiative."""

    pagination_class = None

    @extend_schema(operation_id="initiatives_detail", responses=InitiativeSerializer)
    def get(self, request, initiative_id: int):
        return Response(_one(request, initiative_id))


class SupportView(PersonWritesThrottled, PrivateApiView):
    """A pupil supports the initiative (POST) or takes the support back (DELETE)."""

    pagination_class = None

    @extend_schema(operation_id="initiatives_support", request=None, responses=InitiativeSerializer)
    def post(self, request, initiative_id: int):
        initiative = _initiative_or_404(request, initiative_id)
        try:
            services.initiative_support(initiative=initiative, by=request.user)
        except InitiativeError as error:
            _raise(error)
        return Response(_one(request, initiative_id))

    @extend_schema(
        operation_id="initiatives_support_withdraw", request=None, responses=InitiativeSerializer
    )
    def delete(self, request, initiative_id: int):
        initiative = _initiative_or_404(request, initiative_id)
        try:
            services.initiative_unsupport(initiative=initiative, by=request.user)
        except InitiativeError as error:
            _raise(error)
        return Response(_one(request, initiative_id))


class CheckView(PersonWritesThrottled, PrivateApiView):
    """The administration's feasibility check: accept with comments or reject with a reason."""

    serializer_class = InitiativeCheckSerializer
    pagination_class = None

    @extend_schema(
        operation_id="initiatives_check",
        request=InitiativeCheckSerializer,
        responses=InitiativeSerializer,
    )
    def post(self, request, initiative_id: int):
        initiative = _initiative_or_404(request, initiative_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.initiative_check(
                initiative=initiative,
                by=request.user,
                accept=serializer.validated_data["decision"] == "accept",
                comment=serializer.validated_data.get("comment", ""),
            )
        except InitiativeError as error:
            _raise(error)
        return Response(_one(request, initiative_id))


class VoteStartView(PersonWritesThrottled, PrivateApiView):
    """The checker puts an accepted initiative to a secret-ballot vote."""

    serializer_class = InitiativeVoteStartSerializer
    pagination_class = None

    @extend_schema(
        operation_id="initiatives_vote_start",
        request=InitiativeVoteStartSerializer,
        responses={201: InitiativeSerializer},
    )
    def post(self, request, initiative_id: int):
        initiative = _initiative_or_404(request, initiative_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.initiative_vote_start(
                initiative=initiative,
                by=request.user,
                electorate=data["electorate"],
                grades=data.get("grades", ""),
                opens_at=data.get("opens_at"),
                closes_at=data["closes_at"],
                quorum_percent=data.get("quorum_percent", 50),
            )
        except InitiativeError as error:
            _raise(error)
        return Response(_one(request, initiative_id), status=status.HTTP_201_CREATED)
