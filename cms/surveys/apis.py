"""The survey widget's API: surveys open to me, one survey's state, my response (read, give,
edit), the results, and staff's CSV / XLSX export."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.api.base import LenientNegotiation, PersonWritesThrottled, PrivateApiView

from . import exports, selectors, services
from .questions import TEXT_LIMITS, AnswersInvalid
from .rules import may_export, may_read_results, may_read_texts

MAX_ANSWERS = 200


class SurveyConflict(exceptions.APIException):
    """The rules refuse now (closed, already answered, not for you): the service's code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: services.SurveyError):
        super().__init__(error.message)
        self.default_code = error.code
        self.status_code = error.status


class SurveyQuestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=["section", "single_choice", "multiple_choice", "scale", "short_text", "long_text"]
    )
    label = serializers.CharField()
    help_text = serializers.CharField(allow_blank=True)
    required = serializers.BooleanField()
    options = serializers.ListField(child=serializers.CharField())
    size = serializers.IntegerField(help_text="Scale: answers are 1..size.")
    low_label = serializers.CharField(allow_blank=True)
    high_label = serializers.CharField(allow_blank=True)
    max_length = serializers.IntegerField(help_text="Text questions: the longest answer.")


class SurveyStateSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    intro = serializers.CharField(allow_blank=True)
    anonymous = serializers.BooleanField()
    editable = serializers.BooleanField(help_text="A response may be changed until the close.")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    state = serializers.ChoiceField(choices=["not_open", "open", "closed"])
    audience = serializers.CharField(allow_blank=True)
    questions = SurveyQuestionSerializer(many=True)
    eligible = serializers.BooleanField()
    can_answer = serializers.BooleanField()
    reason = serializers.ChoiceField(
        choices=["", "not_in_audience", "not_open", "closed", "already_answered"],
        help_text="Why the asker may not answer now; empty when they may.",
    )
    answered = serializers.BooleanField()
    my_answers = serializers.DictField(allow_null=True)
    results_available = serializers.BooleanField()


class SurveyListItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    closes_at = serializers.DateTimeField()
    answered = serializers.BooleanField()


class SurveyAnswersField(serializers.DictField):
    """Answers keyed by question id: a choice, a list of choices, a number or text."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.JSONField(allow_null=True), **kwargs)

    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        if len(data) > MAX_ANSWERS:
            raise serializers.ValidationError(_("Слишком много ответов."))
        longest = max(TEXT_LIMITS.values()) * 2
        for key, value in data.items():
            items = value if isinstance(value, list) else [value]
            if len(key) > 64 or len(items) > 50:
                raise serializers.ValidationError(_("Ответы не подходят к вопросам опроса."))
            for item in items:
                if isinstance(item, dict | list) or (isinstance(item, str) and len(item) > longest):
                    raise serializers.ValidationError(_("Ответы не подходят к вопросам опроса."))
        return data


class SurveyResponseWriteSerializer(serializers.Serializer):
    answers = SurveyAnswersField()


class SurveyMyResponseSerializer(serializers.Serializer):
    answers = serializers.DictField(allow_null=True, help_text="null: not answered yet.")
    edited = serializers.BooleanField(help_text="This write changed an earlier response.")


class SurveyOptionResultSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField()


class SurveyQuestionResultSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.CharField()
    label = serializers.CharField()
    answered = serializers.IntegerField()
    options = SurveyOptionResultSerializer(many=True)
    mean = serializers.FloatField(allow_null=True)
    texts = serializers.ListField(
        child=serializers.CharField(), allow_null=True, help_text="Free text: staff only."
    )


class SurveyCutGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    answers = serializers.IntegerField()
    questions = SurveyQuestionResultSerializer(many=True)


class SurveyCutSerializer(serializers.Serializer):
    by = serializers.ChoiceField(choices=["role", "grade"])
    label = serializers.CharField()
    groups = SurveyCutGroupSerializer(many=True)
    hidden_groups = serializers.IntegerField(help_text="Groups too small to show.")


class SurveyResultsSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    closed = serializers.BooleanField()
    responses = serializers.IntegerField()
    audience_size = serializers.IntegerField()
    min_cut = serializers.IntegerField()
    withheld = serializers.BooleanField(
        help_text="Fewer answers than min_cut: only the number of answers is shown."
    )
    questions = SurveyQuestionResultSerializer(many=True)
    cuts = SurveyCutSerializer(many=True)


def _survey_or_404(code: str):
    survey = selectors.survey_by_code(code)
    if survey is None:
        raise exceptions.NotFound(_("Такого опроса нет."))
    return survey


class SurveysView(PrivateApiView):
    """The surveys open to me now."""

    serializer_class = SurveyListItemSerializer
    pagination_class = None

    @extend_schema(operation_id="surveys_list", responses=SurveyListItemSerializer(many=True))
    def get(self, request):
        items = [
            {
                "code": survey.code,
                "title": survey.title,
                "closes_at": survey.closes_at,
                "answered": selectors.my_response(survey=survey, person=request.user) is not None,
            }
            for survey in selectors.surveys_open_to(request.user)
        ]
        return Response(SurveyListItemSerializer(items, many=True).data)


class SurveyView(PrivateApiView):
    """One survey as its widget shows it to me."""

    serializer_class = SurveyStateSerializer
    pagination_class = None

    @extend_schema(operation_id="survey_detail", responses=SurveyStateSerializer)
    def get(self, request, code: str):
        survey = _survey_or_404(code)
        state = selectors.survey_state(survey=survey, person=request.user)
        return Response(SurveyStateSerializer(state).data)


class SurveyResponseView(PersonWritesThrottled, PrivateApiView):
    """My response: read it, give it, or change it (when the survey allows, until the close)."""

    serializer_class = SurveyResponseWriteSerializer
    pagination_class = None

    @extend_schema(operation_id="survey_response_read", responses=SurveyMyResponseSerializer)
    def get(self, request, code: str):
        survey = _survey_or_404(code)
        mine = selectors.my_response(survey=survey, person=request.user)
        return Response({"answers": mine.answers if mine else None, "edited": False})

    @extend_schema(
        operation_id="survey_response_save",
        request=SurveyResponseWriteSerializer,
        responses={200: SurveyMyResponseSerializer, 201: SurveyMyResponseSerializer},
    )
    def put(self, request, code: str):
        survey = _survey_or_404(code)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            response, created = services.response_save(
                survey=survey, person=request.user, answers=serializer.validated_data["answers"]
            )
        except services.SurveyError as error:
            raise SurveyConflict(error) from error
        except AnswersInvalid as error:
            raise serializers.ValidationError(
                {key: [message] for key, message in error.fields.items()}
            ) from error
        return Response(
            {"answers": response.answers, "edited": not created},
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class SurveyResultsView(PrivateApiView):
    """The results: staff at any time (with free-text answers); everyone signed in after the
    close when the editor published them."""

    serializer_class = SurveyResultsSerializer
    pagination_class = None

    @extend_schema(operation_id="survey_results", responses=SurveyResultsSerializer)
    def get(self, request, code: str):
        survey = _survey_or_404(code)
        if not may_read_results.test(request.user, survey):
            raise exceptions.PermissionDenied(
                _(
                    "Итоги этого опроса появятся после его закрытия, если организаторы их "
                    "опубликуют."
                )
            )
        results = selectors.survey_results(
            survey=survey, texts=may_read_texts.test(request.user, survey)
        )
        return Response(SurveyResultsSerializer(results).data)


class _SurveyExportView(PrivateApiView):
    """One row per response; an anonymous survey's rows say nothing of who answered."""

    pagination_class = None
    content_negotiation_class = LenientNegotiation
    file_format = ""

    def get(self, request, code: str):
        survey = _survey_or_404(code)
        if not may_export.test(request.user, survey):
            raise exceptions.PermissionDenied(_("Выгружать ответы могут сотрудники лицея."))
        return exports.export_response(survey=survey, viewer=request.user, fmt=self.file_format)


class SurveyCsvView(_SurveyExportView):
    file_format = "csv"

    @extend_schema(
        operation_id="survey_export_csv",
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="One row per response, UTF-8 with a BOM."
            )
        },
    )
    def get(self, request, code: str):
        return super().get(request, code)


class SurveyXlsxView(_SurveyExportView):
    file_format = "xlsx"

    @extend_schema(
        operation_id="survey_export_xlsx",
        responses={
            (200, exports.XLSX_TYPE): OpenApiResponse(
                OpenApiTypes.BINARY, description="One row per response."
            )
        },
    )
    def get(self, request, code: str):
        return super().get(request, code)
