"""The solution-proposal widget's API: the project's road into the solution bank (GET), the
tutor's proposal (POST), and each author's consent (POST, the author or a pupil's parent).

Only the project's school people see any of it; everyone else, a consultant or an expert
included, gets the same 404 as for a project that does not exist.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.api.base import PersonWritesThrottled, PrivateApiView

from . import solution_bank
from .models import Project, SolutionProposal
from .solution_bank import SolutionBankError

__all__ = ["SolutionConsentView", "SolutionProposalView"]


class SolutionConflict(exceptions.APIException):
    """The rules refuse now (not finished, not evaluated, already sent): 409 with the code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: SolutionBankError):
        super().__init__(error.message)
        self.default_code = error.code


class SolutionProposeSerializer(serializers.Serializer):
    licence = serializers.ChoiceField(
        choices=solution_bank.Licence.choices, help_text="The licence the tutor proposes."
    )


@extend_schema_field({"type": "string", "enum": list(solution_bank.NameDisplay.values)})
class NameDisplayField(serializers.ChoiceField):
    """The profile's name-display choices, inline in the schema: the users API already names
    this enum, and one choice set under two names confuses clients."""

    def __init__(self, **kwargs):
        super().__init__(choices=solution_bank.NameDisplay.choices, **kwargs)


class SolutionConsentSerializer(serializers.Serializer):
    display = NameDisplayField(help_text="How the author's name appears.")
    licence = serializers.ChoiceField(
        choices=solution_bank.Licence.choices,
        help_text="The licence accepted; a stricter one than proposed makes the whole "
        "solution's licence stricter.",
    )


class SolutionPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField(required=False)


class SolutionChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class SolutionBlockerSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class SolutionConsentStateSerializer(serializers.Serializer):
    author = SolutionPersonSerializer()
    minor = serializers.BooleanField()
    display = serializers.CharField()
    licence = serializers.CharField()
    chosen = serializers.BooleanField()
    confirmed = serializers.BooleanField()
    confirmed_by = SolutionPersonSerializer(allow_null=True)
    confirmed_at = serializers.DateTimeField(allow_null=True)
    my_action = serializers.ChoiceField(choices=["", "confirm", "suggest"])
    previews = serializers.DictField(child=serializers.CharField())


class SolutionProposalSerializer(serializers.Serializer):
    licence = serializers.CharField()
    licence_label = serializers.CharField()
    proposed_by = SolutionPersonSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    sent_to_editors = serializers.BooleanField()
    sent_at = serializers.DateTimeField(allow_null=True)
    consents = SolutionConsentStateSerializer(many=True)


class SolutionStateSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    may_propose = serializers.BooleanField()
    blockers = SolutionBlockerSerializer(many=True)
    licences = SolutionChoiceSerializer(many=True)
    displays = SolutionChoiceSerializer(many=True)
    proposal = SolutionProposalSerializer(allow_null=True)


def _project_or_404(request, project_id: int) -> Project:
    project = Project.objects.filter(pk=project_id).first()
    if project is None or not solution_bank.may_view_proposal.test(request.user, project):
        raise exceptions.NotFound
    return project


def _state_response(request, project, *, code=status.HTTP_200_OK) -> Response:
    data = SolutionStateSerializer(
        solution_bank.proposal_state(project=project, viewer=request.user)
    ).data
    return Response(data, status=code)


class SolutionProposalView(PersonWritesThrottled, PrivateApiView):
    """The project's road into the solution bank (GET) and the tutor's proposal (POST)."""

    serializer_class = SolutionProposeSerializer
    pagination_class = None

    @extend_schema(responses=SolutionStateSerializer)
    def get(self, request, project_id: int):
        return _state_response(request, _project_or_404(request, project_id))

    @extend_schema(request=SolutionProposeSerializer, responses={201: SolutionStateSerializer})
    def post(self, request, project_id: int):
        project = _project_or_404(request, project_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            solution_bank.solution_propose(
                project=project, by=request.user, licence=serializer.validated_data["licence"]
            )
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied(
                _("Предложить проект в банк решений может только его тьютор.")
            ) from None
        except SolutionBankError as error:
            raise SolutionConflict(error) from None
        return _state_response(request, project, code=status.HTTP_201_CREATED)


class SolutionConsentView(PersonWritesThrottled, PrivateApiView):
    """One author's consent: confirmed by the author (an adult) or a pupil's parent; a pupil
    may propose a choice their parent then confirms."""

    serializer_class = SolutionConsentSerializer
    pagination_class = None

    @extend_schema(request=SolutionConsentSerializer, responses={200: SolutionStateSerializer})
    def post(self, request, project_id: int, author_id: int):
        project = _project_or_404(request, project_id)
        proposal = SolutionProposal.objects.filter(project=project).first()
        if proposal is None:
            raise exceptions.NotFound
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            solution_bank.consent_confirm(
                proposal=proposal,
                author_id=author_id,
                by=request.user,
                **serializer.validated_data,
            )
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied(
                _(
                    "Согласие за автора даёт он сам, а за ученика — его родитель. Вы не можете "
                    "подтвердить его."
                )
            ) from None
        except SolutionBankError as error:
            raise SolutionConflict(error) from None
        return _state_response(request, project)
