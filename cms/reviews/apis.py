"""The expert evaluation endpoints: an expert's queue and scoring form, the coordinator's
overview, assignments and release, and the released result for the project's people.

Views are thin: `selectors` decide who sees what, `services` what may change. A person who
may not see an evaluation gets the same 404 whether or not it exists.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.api.base import PrivateApiView
from cms.projects.models import Project
from cms.projects.rules import is_coordinator
from cms.users.models import User
from cms.users.selectors import display_name_for

from . import selectors, services
from .models import Evaluation, Rubric
from .services import MAX_TEXT, ReviewError

STATE = OpenApiParameter(
    "state",
    str,
    enum=[selectors.PENDING, selectors.SUBMITTED],
    required=False,
    description="Expert: pending (not yet evaluated) or submitted (evaluated). "
    "Coordinator: pending (not released) or submitted (released).",
)
AS = OpenApiParameter(
    "as",
    str,
    enum=["expert", "coordinator"],
    required=False,
    description="Whose list: the asker's queue as an expert, or every evaluation for a "
    "coordinator (the default for coordinators).",
)
REFUSED = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Refused by a rule, in the error shape; `code`: already_open, already_assigned, "
    "already_submitted, conflict_tutor, conflict_member, conflict_parent, not_expert, "
    "nothing_to_evaluate, nothing_submitted, released, empty_rubric.",
)


class Refused(exceptions.APIException):
    """What the rules refuse now: 409 with the service's code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: ReviewError):
        super().__init__(error.message)
        self.default_code = error.code


def _raise(error: ReviewError):
    if error.code in ("invalid", "incomplete"):
        raise serializers.ValidationError({"non_field_errors": [error.message], **error.fields})
    if error.code in ("not_coordinator", "not_assigned"):
        raise exceptions.PermissionDenied(error.message)
    raise Refused(error)


def _coordinator_only(request) -> None:
    if not is_coordinator(request.user):
        raise exceptions.PermissionDenied(_("Это может сделать только координатор экспертизы."))


def _evaluation(request, evaluation_id: int) -> Evaluation:
    evaluation = selectors.evaluation_for(evaluation_id=evaluation_id, viewer=request.user)
    if evaluation is None:
        raise exceptions.NotFound
    return evaluation


def _detail(request, evaluation: Evaluation, code=status.HTTP_200_OK) -> Response:
    evaluation.refresh_from_db()
    body = selectors.evaluation_body(evaluation, viewer=request.user)
    return Response(body, status=code)


class ProjectRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ProgressSerializer(serializers.Serializer):
    assigned = serializers.IntegerField()
    submitted = serializers.IntegerField()


class QueueItemSerializer(serializers.Serializer):
    """One evaluation in a list: an expert's assignment, or a coordinator's overview row."""

    id = serializers.IntegerField()
    project = ProjectRefSerializer()
    state = serializers.ChoiceField(choices=[selectors.PENDING, selectors.SUBMITTED])
    assigned_at = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    released_at = serializers.DateTimeField(allow_null=True)
    progress = ProgressSerializer(allow_null=True)


class EvaluationsView(PrivateApiView):
    """An expert's queue (`?state=pending` not yet evaluated, `submitted` evaluated) or, for a
    coordinator, every evaluation with its progress."""

    serializer_class = QueueItemSerializer
    pagination_class = None

    @extend_schema(parameters=[STATE, AS], responses=QueueItemSerializer(many=True))
    def get(self, request):
        state = request.query_params.get("state", "")
        if state not in ("", selectors.PENDING, selectors.SUBMITTED):
            raise serializers.ValidationError(
                {"state": [_("Выберите pending (не оценены) или submitted (оценены).")]}
            )
        as_coordinator = request.query_params.get("as", "") != "expert" and is_coordinator(
            request.user
        )
        if request.query_params.get("as") == "coordinator" and not as_coordinator:
            _coordinator_only(request)
        if as_coordinator:
            rows = [
                {
                    "id": e.pk,
                    "project": {"id": e.project_id, "title": e.project.title},
                    "state": selectors.SUBMITTED if e.released_at else selectors.PENDING,
                    "assigned_at": None,
                    "submitted_at": None,
                    "released_at": e.released_at,
                    "progress": {"assigned": e.assigned, "submitted": e.submitted},
                }
                for e in selectors.evaluations_for_coordinator(state=state)[: selectors.MAX_LISTED]
            ]
        else:
            rows = [
                {
                    "id": a.evaluation_id,
                    "project": {
                        "id": a.evaluation.project_id,
                        "title": a.evaluation.project.title,
                    },
                    "state": selectors.SUBMITTED if a.submitted_at else selectors.PENDING,
                    "assigned_at": a.assigned_at,
                    "submitted_at": a.submitted_at,
                    "released_at": a.evaluation.released_at,
                    "progress": None,
                }
                for a in selectors.expert_queue(expert=request.user, state=state)[
                    : selectors.MAX_LISTED
                ]
            ]
        return Response(QueueItemSerializer(rows, many=True).data)


class RubricRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    is_default = serializers.BooleanField()


class CandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    evaluation = serializers.IntegerField(allow_null=True)


class CandidatesSerializer(serializers.Serializer):
    projects = CandidateSerializer(many=True)
    rubrics = RubricRefSerializer(many=True)


class EvaluationProjectsView(PrivateApiView):
    """Coordinator: projects to evaluate (finished, or with a stage handed in), each with its
    evaluation if one is open, and the rubrics to open one with."""

    serializer_class = CandidatesSerializer
    pagination_class = None

    @extend_schema(responses=CandidatesSerializer)
    def get(self, request):
        _coordinator_only(request)
        projects = []
        for project in selectors.projects_to_evaluate()[: selectors.MAX_LISTED]:
            evaluation = getattr(project, "evaluation", None)
            projects.append(
                {
                    "id": project.pk,
                    "title": project.title,
                    "status": project.status,
                    "evaluation": evaluation.pk if evaluation else None,
                }
            )
        rubrics = [
            {"id": r.pk, "name": r.name, "is_default": r.is_default} for r in selectors.rubrics()
        ]
        return Response({"projects": projects, "rubrics": rubrics})


class ExpertSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField(allow_blank=True)
    external = serializers.BooleanField()


class EvaluationExpertsListView(PrivateApiView):
    """Coordinator: the people with the expert role, to assign (`?q=` filters by name)."""

    serializer_class = ExpertSerializer
    pagination_class = None

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=False)],
        responses=ExpertSerializer(many=True),
    )
    def get(self, request):
        _coordinator_only(request)
        q = request.query_params.get("q", "")[:100]
        rows = [
            {
                "id": person.pk,
                "name": display_name_for(person=person, viewer=request.user),
                "organisation": person.organisation or "",
                "external": person.is_external,
            }
            for person in selectors.experts_to_assign(q=q).prefetch_related("role_links")[
                : selectors.MAX_LISTED
            ]
        ]
        return Response(rows)


class OpenSerializer(serializers.Serializer):
    rubric_id = serializers.IntegerField(
        min_value=1, required=False, help_text="The rubric; the default one when left out."
    )


class EvaluationSerializer(serializers.Serializer):
    """An evaluation as the asker may see it (see `selectors.evaluation_body`)."""

    id = serializers.IntegerField()
    project = serializers.JSONField(
        help_text="title, problem, goal, result, product_url, handed-in stages' latest "
        "versions with file urls (no names of people)."
    )
    criteria = serializers.JSONField(help_text="id, title, description, weight, levels.")
    released = serializers.BooleanField()
    released_at = serializers.DateTimeField(allow_null=True)
    progress = ProgressSerializer()
    my_review = serializers.JSONField(allow_null=True)
    reviews = serializers.JSONField(
        help_text="Others' submitted reviews: for an expert only once theirs is submitted."
    )
    result = serializers.JSONField(allow_null=True, help_text="The coordinator's alone.")
    coordinator = serializers.BooleanField()


class ProjectEvaluationView(PrivateApiView):
    """Coordinator: open the evaluation of a project with a rubric."""

    serializer_class = OpenSerializer

    @extend_schema(request=OpenSerializer, responses={201: EvaluationSerializer, 409: REFUSED})
    def post(self, request, project_id: int):
        _coordinator_only(request)
        project = Project.objects.filter(pk=project_id).first()
        if project is None:
            raise exceptions.NotFound
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rubric_id = serializer.validated_data.get("rubric_id")
        rubrics = Rubric.objects.all()
        rubric = (
            rubrics.filter(pk=rubric_id).first()
            if rubric_id
            else rubrics.filter(is_default=True).first()
        )
        if rubric is None:
            raise serializers.ValidationError({"rubric_id": [_("Таких критериев оценки нет.")]})
        try:
            evaluation = services.evaluation_open(project=project, rubric=rubric, by=request.user)
        except ReviewError as error:
            _raise(error)
        return _detail(request, evaluation, code=status.HTTP_201_CREATED)


class EvaluationView(PrivateApiView):
    """One evaluation: for an assigned expert the material, criteria and their review (the
    others' only after theirs is submitted); for a coordinator everything and the result."""

    serializer_class = EvaluationSerializer
    pagination_class = None

    @extend_schema(responses=EvaluationSerializer)
    def get(self, request, evaluation_id: int):
        return _detail(request, _evaluation(request, evaluation_id))


class AssignSerializer(serializers.Serializer):
    expert_id = serializers.IntegerField(min_value=1)


class EvaluationExpertsView(PrivateApiView):
    """Coordinator: assign an expert to the evaluation."""

    serializer_class = AssignSerializer

    @extend_schema(request=AssignSerializer, responses={201: EvaluationSerializer, 409: REFUSED})
    def post(self, request, evaluation_id: int):
        evaluation = _evaluation(request, evaluation_id)
        _coordinator_only(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        expert = User.objects.filter(pk=serializer.validated_data["expert_id"]).first()
        if expert is None:
            raise serializers.ValidationError({"expert_id": [_("Такого человека нет.")]})
        try:
            services.expert_assign(evaluation=evaluation, expert=expert, by=request.user)
        except ReviewError as error:
            _raise(error)
        return _detail(request, evaluation, code=status.HTTP_201_CREATED)


class EvaluationExpertView(PrivateApiView):
    """Coordinator: take an expert off the evaluation, before they submitted."""

    serializer_class = EvaluationSerializer

    @extend_schema(request=None, responses={200: EvaluationSerializer, 409: REFUSED})
    def delete(self, request, evaluation_id: int, expert_id: int):
        evaluation = _evaluation(request, evaluation_id)
        _coordinator_only(request)
        expert = User.objects.filter(pk=expert_id).first()
        if expert is None:
            raise exceptions.NotFound
        try:
            services.expert_unassign(evaluation=evaluation, expert=expert, by=request.user)
        except ReviewError as error:
            if error.code == "not_assigned":
                raise exceptions.NotFound from None
            _raise(error)
        return _detail(request, evaluation)


class ScoresField(serializers.DictField):
    """Criterion id → the chosen level's score."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.JSONField(), required=False, **kwargs)

    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        if len(data) > 100 or any(len(key) > 64 for key in data):
            raise serializers.ValidationError(_("Таких критериев в этой экспертизе нет."))
        return data


class ReviewSerializer(serializers.Serializer):
    scores = ScoresField(help_text="Criterion id → one of that criterion's level scores.")
    comment = serializers.CharField(
        max_length=MAX_TEXT, required=False, allow_blank=True, trim_whitespace=True
    )
    private_note = serializers.CharField(
        max_length=MAX_TEXT, required=False, allow_blank=True, trim_whitespace=True
    )


def _review_args(request, serializer_class) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    return {
        "scores": data.get("scores"),
        "comment": data.get("comment"),
        "private_note": data.get("private_note"),
    }


class ReviewView(PrivateApiView):
    """The assigned expert saves a draft of their review (any part of it, any number of
    times until they submit)."""

    serializer_class = ReviewSerializer

    @extend_schema(request=ReviewSerializer, responses={200: EvaluationSerializer, 409: REFUSED})
    def put(self, request, evaluation_id: int):
        evaluation = _evaluation(request, evaluation_id)
        args = _review_args(request, ReviewSerializer)
        try:
            services.review_save(evaluation=evaluation, expert=request.user, **args)
        except ReviewError as error:
            _raise(error)
        return _detail(request, evaluation)


class ReviewSubmitView(PrivateApiView):
    """The assigned expert submits their review: every criterion scored and a comment for the
    authors. Final; the body may carry the last changes."""

    serializer_class = ReviewSerializer

    @extend_schema(request=ReviewSerializer, responses={200: EvaluationSerializer, 409: REFUSED})
    def post(self, request, evaluation_id: int):
        evaluation = _evaluation(request, evaluation_id)
        args = _review_args(request, ReviewSerializer)
        try:
            services.review_submit(evaluation=evaluation, expert=request.user, **args)
        except ReviewError as error:
            _raise(error)
        return _detail(request, evaluation)


class ReleaseView(PrivateApiView):
    """Coordinator: release the result to the authors, their parents and the tutor."""

    serializer_class = EvaluationSerializer

    @extend_schema(request=None, responses={200: EvaluationSerializer, 409: REFUSED})
    def post(self, request, evaluation_id: int):
        evaluation = _evaluation(request, evaluation_id)
        _coordinator_only(request)
        try:
            services.evaluation_release(evaluation=evaluation, by=request.user)
        except ReviewError as error:
            _raise(error)
        return _detail(request, evaluation)


class CriterionResultSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    weight = serializers.FloatField()
    min_score = serializers.IntegerField()
    max_score = serializers.IntegerField()
    scores = serializers.ListField(child=serializers.IntegerField())
    mean = serializers.FloatField(allow_null=True)
    spread = serializers.IntegerField(allow_null=True)
    disagreement = serializers.BooleanField(
        required=False, help_text="Coordinators only: the experts disagree on it."
    )


class ResultSerializer(serializers.Serializer):
    evaluation = serializers.IntegerField()
    project = serializers.IntegerField()
    released = serializers.BooleanField()
    released_at = serializers.DateTimeField(allow_null=True)
    criteria = CriterionResultSerializer(many=True)
    reviews = serializers.IntegerField()
    total = serializers.FloatField(allow_null=True)
    max_total = serializers.FloatField()
    share = serializers.FloatField(allow_null=True)
    disagreement = serializers.BooleanField(required=False)
    comments = serializers.ListField(child=serializers.CharField())


class ResultView(PrivateApiView):
    """The result of a project's evaluation: scores per criterion with mean and spread, the
    weighted total and the experts' comments. The authors, their parents and the tutor once
    released; coordinators at any time, with the disagreement flags."""

    serializer_class = ResultSerializer
    pagination_class = None

    @extend_schema(responses=ResultSerializer)
    def get(self, request, project_id: int):
        project = Project.objects.filter(pk=project_id).first()
        body = None
        if project is not None:
            body = selectors.result_for(project=project, viewer=request.user)
        if body is None:
            raise exceptions.NotFound
        return Response(body)
