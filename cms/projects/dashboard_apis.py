"""The dashboards' API: a tutor's queue, and the school's progress (JSON or a CSV download)."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cms.api.base import CsvRenderer, PrivateApiView, PrivateDownloadView
from cms.users.models import SchoolClass

from . import dashboards
from .models import ProjectKind, StageStatus
from .rules import is_coordinator


class StageCountsSerializer(serializers.Serializer):
    not_started = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    submitted = serializers.IntegerField()
    returned = serializers.IntegerField()
    accepted = serializers.IntegerField()


class DashboardPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class StageRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=StageStatus.choices)
    due_date = serializers.DateField(allow_null=True)


class WaitingSerializer(serializers.Serializer):
    stage_id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)


class OverdueSerializer(serializers.Serializer):
    stage_id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=StageStatus.choices)
    due_date = serializers.DateField()


class TutorProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProjectKind.choices)
    status = serializers.CharField()
    authors = DashboardPersonSerializer(many=True)
    current_stage = StageRefSerializer(allow_null=True)
    stage_counts = StageCountsSerializer()
    waiting = WaitingSerializer(many=True, help_text="Submitted stages awaiting the tutor.")
    overdue = OverdueSerializer(many=True, help_text="Stages not accepted and past their date.")


class RequestProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProjectKind.choices)


class DashboardTutorRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = RequestProjectSerializer()
    requested_by = DashboardPersonSerializer(allow_null=True)
    message = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()


class TutorTotalsSerializer(serializers.Serializer):
    projects = serializers.IntegerField()
    waiting = serializers.IntegerField()
    overdue = serializers.IntegerField()
    tutor_requests = serializers.IntegerField()


class TutorDashboardSerializer(serializers.Serializer):
    projects = TutorProjectSerializer(many=True)
    tutor_requests = DashboardTutorRequestSerializer(many=True)
    totals = TutorTotalsSerializer()


class TutorDashboardView(PrivateApiView):
    """The tutor's projects, what waits for them first (submitted stages, then overdue ones),
    and the students' pending requests to accompany a project."""

    serializer_class = TutorDashboardSerializer
    pagination_class = None

    @extend_schema(responses=TutorDashboardSerializer)
    def get(self, request):
        if not dashboards.may_see_tutor_dashboard(request.user):
            raise exceptions.PermissionDenied(_("Эта сводка — для тьюторов и учителей."))
        # The selector's answer already has the documented shape; running 200 projects through
        # the serializer would only cost time.
        return Response(dashboards.tutor_dashboard(tutor=request.user))


class ClassRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class StageRowSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    title = serializers.CharField()
    counts = StageCountsSerializer()
    total = serializers.IntegerField()


class ClassRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="null: pupils without a class.")
    name = serializers.CharField(allow_blank=True)
    projects = serializers.IntegerField()
    counts = StageCountsSerializer(help_text="Projects by the status of their current stage.")
    overdue_projects = serializers.IntegerField()
    overdue_stages = serializers.IntegerField()


class OverdueTotalsSerializer(serializers.Serializer):
    projects = serializers.IntegerField()
    stages = serializers.IntegerField()


class SchoolDashboardSerializer(serializers.Serializer):
    school_class = ClassRefSerializer(allow_null=True)
    classes = ClassRefSerializer(many=True, help_text="Classes with projects, for the filter.")
    projects = serializers.IntegerField()
    by_status = StageCountsSerializer(help_text="Projects by the status of their current stage.")
    by_stage = StageRowSerializer(many=True, help_text="Projects by their current stage.")
    per_class = ClassRowSerializer(many=True)
    overdue = OverdueTotalsSerializer()


class SchoolQuerySerializer(serializers.Serializer):
    school_class = serializers.IntegerField(min_value=1, required=False)


class SchoolDashboardView(PrivateDownloadView):
    """Projects of the whole school or one class: how many are at which stage, with what
    status, and how many stages are overdue; `?format=csv` downloads one row per project."""

    serializer_class = SchoolDashboardSerializer
    renderer_classes = [JSONRenderer, CsvRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("school_class", int, description="Only this class's projects."),
            OpenApiParameter(
                "format", str, enum=["json", "csv"], description="`csv`: a spreadsheet."
            ),
        ],
        responses={
            (200, "application/json"): SchoolDashboardSerializer,
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="One row per project, UTF-8 with a BOM."
            ),
        },
    )
    def get(self, request):
        if not dashboards.may_see_school_dashboard(request.user):
            raise exceptions.PermissionDenied(
                _("Эта сводка — для учителей, администрации и координаторов проектов.")
            )
        query = SchoolQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        school_class = None
        if "school_class" in query.validated_data:
            school_class = SchoolClass.objects.filter(
                pk=query.validated_data["school_class"]
            ).first()
            if school_class is None:
                raise exceptions.ValidationError({"school_class": [_("Такого класса нет.")]})
        if request.accepted_renderer.format == "csv":
            return _csv_response(request.user, school_class)
        data = dashboards.school_dashboard(school_class=school_class)
        return Response(SchoolDashboardSerializer(data).data)


def _csv_response(viewer, school_class) -> HttpResponse:
    names = dashboards.PeopleNames(viewer, colleagues=is_coordinator(viewer))
    kinds = dict(ProjectKind.choices)
    statuses = dict(StageStatus.choices)
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read the Cyrillic as UTF-8
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Класс"),
            _("Тема"),
            _("Форма работы"),
            _("Авторы"),
            _("Тьютор"),
            _("Текущий этап"),
            _("Состояние этапа"),
            _("Просрочено этапов"),
            _("Обновлён"),
        ]
    )
    rows = dashboards.school_dashboard_rows(school_class=school_class)
    rows.sort(key=lambda row: (", ".join(c.name for c in row.classes), row.project.title))
    for row in rows:
        project, current = row.project, row.current
        writer.writerow(
            [
                ", ".join(c.name for c in row.classes),
                _csv_safe(project.title),
                str(kinds.get(project.kind, project.kind)),
                _csv_safe("; ".join(names.name(author) for author in row.authors)),
                _csv_safe(names.name(project.tutor)) if project.tutor else "",
                _csv_safe(f"{current.position}. {current.title}") if current else "",
                str(statuses.get(current.status, current.status)) if current else "",
                len(row.overdue),
                timezone.localtime(project.updated_at, dashboards.SCHOOL_TIME_ZONE).strftime(
                    "%Y-%m-%d %H:%M"
                ),
            ]
        )
    suffix = f"-{school_class.name}" if school_class else ""
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"projects{suffix}.csv"
    response["Content-Disposition"] = (
        f"attachment; filename=\"projects.csv\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    return response


def _csv_safe(value: str) -> str:
    """Text a pupil typed never starts a spreadsheet formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
