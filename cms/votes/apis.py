"""The voting widget's API: the votes open to me, one vote as I see it, casting my ballot,
checking a receipt, and the results once counted.

Thin views: the rules are in `services` and the reads in `selectors`. An unknown vote is a
404; a person outside the electorate is refused with a 403; what the rules refuse now (voted
already, closed, not open yet, not counted yet) is a 409 with a stable code. Every answer is
private to the asker and never cached. No endpoint says, to anyone, what a person chose.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.api.base import PersonWritesThrottled, PrivateApiView

from . import selectors, services
from .models import Vote, VoteRule

RECEIPT_PATTERN = re.compile(r"^[A-Za-z0-9 -]{4,40}$")


class VoteConflict(exceptions.APIException):
    """The rules refuse now: 409 with the service's code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.default_code = code


def _refused(error: services.VoteError):
    if error.code == "not_in_electorate":
        return exceptions.PermissionDenied(error.message, code=error.code)
    if error.code == "bad_option":
        return serializers.ValidationError({"option_id": [error.message]})
    return VoteConflict(error.code, error.message)


class VotingOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    abstain = serializers.BooleanField()


class VotingMeSerializer(serializers.Serializer):
    in_electorate = serializers.BooleanField()
    can_vote = serializers.BooleanField()
    voted = serializers.BooleanField()


class VotingSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    question = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    options = VotingOptionSerializer(many=True)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    state = serializers.ChoiceField(choices=["not_open", "open", "closed", "counted"])
    audience = serializers.CharField(help_text="Who votes, in words.")
    one_per_family = serializers.BooleanField()
    quorum_percent = serializers.IntegerField()
    rule = serializers.ChoiceField(choices=VoteRule.choices)
    me = VotingMeSerializer()


class VotingBallotSerializer(serializers.Serializer):
    option_id = serializers.IntegerField(min_value=1)


class VotingReceiptSerializer(serializers.Serializer):
    receipt = serializers.CharField(help_text="Shown once: keep it to check your ballot.")


class VotingReceiptCheckSerializer(serializers.Serializer):
    counted = serializers.BooleanField(help_text="A ballot with this receipt is in the count.")


class VotingResultOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    abstain = serializers.BooleanField()
    votes = serializers.IntegerField()
    percent = serializers.FloatField()


class VotingResultsSerializer(serializers.Serializer):
    code = serializers.CharField()
    options = VotingResultOptionSerializer(many=True)
    turnout = serializers.IntegerField()
    electorate_size = serializers.IntegerField()
    quorum_percent = serializers.IntegerField()
    quorum_met = serializers.BooleanField()
    winner = VotingOptionSerializer(allow_null=True)
    counted_at = serializers.DateTimeField()


def _vote_or_404(code: str) -> Vote:
    vote = selectors.vote_by_code(code=code)
    if vote is None:
        raise exceptions.NotFound
    return vote


def _detail(vote: Vote, person) -> dict:
    detail = selectors.vote_detail(vote=vote, person=person)
    return {
        "code": vote.code,
        "title": vote.title,
        "question": vote.question,
        "description": vote.description,
        "options": [
            {"id": o.pk, "label": o.label, "abstain": o.abstain} for o in vote.options.all()
        ],
        "opens_at": vote.opens_at,
        "closes_at": vote.closes_at,
        "state": detail.state,
        "audience": detail.audience,
        "one_per_family": vote.one_per_family,
        "quorum_percent": vote.quorum_percent,
        "rule": vote.rule,
        "me": {
            "in_electorate": detail.in_electorate,
            "can_vote": detail.can_vote,
            "voted": detail.voted,
        },
    }


class VotesView(PrivateApiView):
    """The votes open now in whose electorate I am."""

    pagination_class = None

    @extend_schema(operation_id="votes_open_list", responses=VotingSerializer(many=True))
    def get(self, request):
        votes = selectors.votes_open_to(person=request.user)
        return Response(VotingSerializer([_detail(v, request.user) for v in votes], many=True).data)


class VoteView(PrivateApiView):
    """One vote as I see it: the question, the options, its state and whether I may vote."""

    pagination_class = None

    @extend_schema(operation_id="votes_detail", responses=VotingSerializer)
    def get(self, request, code: str):
        vote = _vote_or_404(code)
        return Response(VotingSerializer(_detail(vote, request.user)).data)


class BallotsView(PersonWritesThrottled, PrivateApiView):
    """Casting my secret ballot: answers my receipt code, once."""

    serializer_class = VotingBallotSerializer
    pagination_class = None

    @extend_schema(
        operation_id="votes_ballot_cast",
        request=VotingBallotSerializer,
        responses={201: VotingReceiptSerializer},
    )
    def post(self, request, code: str):
        vote = _vote_or_404(code)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        option = vote.options.filter(pk=serializer.validated_data["option_id"]).first()
        if option is None:
            raise serializers.ValidationError(
                {"option_id": [_("Такого варианта в этом голосовании нет.")]}
            )
        try:
            receipt = services.ballot_cast(vote=vote, person=request.user, option=option)
        except services.VoteError as error:
            raise _refused(error) from None
        return Response({"receipt": receipt}, status=status.HTTP_201_CREATED)


class ReceiptView(PrivateApiView):
    """Whether a ballot with this receipt code is in the vote's count; nothing else."""

    pagination_class = None

    @extend_schema(operation_id="votes_receipt_check", responses=VotingReceiptCheckSerializer)
    def get(self, request, code: str, receipt: str):
        vote = _vote_or_404(code)
        if not RECEIPT_PATTERN.match(receipt):
            raise serializers.ValidationError(
                {"receipt": [_("Код квитанции — латинские буквы и цифры, как на экране.")]}
            )
        return Response({"counted": selectors.receipt_counted(vote=vote, receipt=receipt)})


class ResultsView(PrivateApiView):
    """The results, after the count only."""

    pagination_class = None

    @extend_schema(operation_id="votes_results", responses=VotingResultsSerializer)
    def get(self, request, code: str):
        vote = _vote_or_404(code)
        results = selectors.vote_results(vote=vote)
        if results is None:
            raise VoteConflict(
                "not_counted", _("Итоги будут после закрытия голосования и подсчёта голосов.")
            )
        winner = vote.winner
        return Response(
            VotingResultsSerializer(
                {
                    "code": vote.code,
                    "options": [
                        {
                            "id": c.option.pk,
                            "label": c.option.label,
                            "abstain": c.option.abstain,
                            "votes": c.votes,
                            "percent": results.percent(c),
                        }
                        for c in results.options
                    ],
                    "turnout": vote.turnout,
                    "electorate_size": vote.electorate_size,
                    "quorum_percent": vote.quorum_percent,
                    "quorum_met": bool(vote.quorum_met),
                    "winner": (
                        {"id": winner.pk, "label": winner.label, "abstain": winner.abstain}
                        if winner
                        else None
                    ),
                    "counted_at": vote.counted_at,
                }
            ).data
        )
