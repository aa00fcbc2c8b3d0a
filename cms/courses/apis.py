"""The teachers' course API: my progress, enrolment, modules marked done, the certificate, and
the coordinator's cohort (JSON or a CSV download)."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cms.api.base import (
    CsvRenderer,
    PdfRenderer,
    PersonWritesThrottled,
    PrivateApiView,
    PrivateDownloadView,
)
from cms.users.selectors import display_name_for

from . import selectors, services
from .certificate import CertificateFontMissing, certificate_pdf, school_name
from .models import CourseEnrolment
from .rules import is_course_coordinator, may_enrol
from .services import CourseError

MOSCOW = ZoneInfo("Europe/Moscow")


class CourseConflict(exceptions.APIException):
    """The course refuses now (not enrolled, not completed): 409 with the code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.default_code = code


class ModuleStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    number = serializers.IntegerField()
    hours = serializers.IntegerField(allow_null=True)
    done = serializers.BooleanField()
    completed_at = serializers.DateTimeField(allow_null=True)


class CourseProgressSerializer(serializers.Serializer):
    course = serializers.IntegerField()
    title = serializers.CharField()
    hours = serializers.IntegerField(allow_null=True)
    may_enrol = serializers.BooleanField(help_text="Teachers, tutors and staff may enrol.")
    enrolled = serializers.BooleanField()
    enrolled_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    modules = ModuleStateSerializer(many=True)
    certificate_url = serializers.CharField(
        allow_blank=True, help_text="The PDF once every module is done, else empty."
    )
    coordinator = serializers.BooleanField(help_text="The asker follows the cohort.")
    cohort_url = serializers.CharField(allow_blank=True)


class CohortPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CohortRowSerializer(serializers.Serializer):
    teacher = CohortPersonSerializer()
    enrolled_at = serializers.DateTimeField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    last_activity = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)


class CohortSerializer(serializers.Serializer):
    course = serializers.IntegerField()
    title = serializers.CharField()
    total = serializers.IntegerField(help_text="Published modules.")
    teachers = CohortRowSerializer(many=True)


def _course_or_404(course_id: int):
    course = selectors.published_course(course_id)
    if course is None:
        raise exceptions.NotFound(_("Такого курса нет."))
    return course


def _progress(request, course) -> dict:
    user = request.user
    progress = selectors.course_progress(course=course, person=user)
    enrolment = progress.enrolment
    coordinator = is_course_coordinator.test(user, course)
    return {
        "course": course.pk,
        "title": course.title,
        "hours": course.duration_hours,
        "may_enrol": may_enrol.test(user),
        "enrolled": enrolment is not None,
        "enrolled_at": enrolment.enrolled_at if enrolment else None,
        "completed_at": enrolment.completed_at if enrolment else None,
        "done": progress.done,
        "total": progress.total,
        "modules": [module.__dict__ for module in progress.modules],
        "certificate_url": (
            reverse("api:course-certificate", args=[course.pk])
            if enrolment is not None and enrolment.completed_at
            else ""
        ),
        "coordinator": coordinator,
        "cohort_url": reverse("api:course-cohort", args=[course.pk]) if coordinator else "",
    }


class CourseProgressView(PrivateApiView):
    """My progress in the course: enrolled or not, each published module done or not."""

    serializer_class = CourseProgressSerializer
    pagination_class = None

    @extend_schema(responses=CourseProgressSerializer)
    def get(self, request, course_id: int):
        return Response(
            CourseProgressSerializer(_progress(request, _course_or_404(course_id))).data
        )


class CourseEnrolmentView(PersonWritesThrottled, PrivateApiView):
    """Enrol in the course (teachers, tutors, staff)."""

    serializer_class = CourseProgressSerializer
    pagination_class = None

    @extend_schema(request=None, responses={201: CourseProgressSerializer})
    def post(self, request, course_id: int):
        course = _course_or_404(course_id)
        try:
            services.enrolment_create(course=course, person=request.user)
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied(
                _(
                    "Курс — для учителей и тьюторов лицея. Если вы учитель, попросите "
                    "администратора добавить вам роль."
                )
            ) from None
        data = CourseProgressSerializer(_progress(request, course)).data
        return Response(data, status=status.HTTP_201_CREATED)


class ModuleCompletionView(PersonWritesThrottled, PrivateApiView):
    """Mark a module done (PUT) or not done (DELETE)."""

    serializer_class = CourseProgressSerializer
    pagination_class = None

    def _mark(self, request, course_id: int, module_id: int, done: bool):
        course = _course_or_404(course_id)
        try:
            services.module_mark(course=course, person=request.user, module_id=module_id, done=done)
        except CourseError as error:
            if error.code == "no_module":
                raise exceptions.NotFound(error.message) from None
            raise CourseConflict(error.code, error.message) from None
        return Response(CourseProgressSerializer(_progress(request, course)).data)

    @extend_schema(request=None, responses=CourseProgressSerializer)
    def put(self, request, course_id: int, module_id: int):
        return self._mark(request, course_id, module_id, True)

    @extend_schema(request=None, responses=CourseProgressSerializer)
    def delete(self, request, course_id: int, module_id: int):
        return self._mark(request, course_id, module_id, False)


class CertificateView(PrivateDownloadView):
    """The completion certificate (PDF) of the enrolled teacher; the coordinator may download
    a teacher's with `?teacher=<id>`."""

    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("teacher", int, description="Coordinator: that teacher's certificate.")
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="One A4 page."
            ),
        },
    )
    def get(self, request, course_id: int):
        course = _course_or_404(course_id)
        teacher_id = request.query_params.get("teacher", "")
        enrolments = CourseEnrolment.objects.select_related("teacher", "course")
        if teacher_id and is_course_coordinator.test(request.user, course):
            enrolment = (
                enrolments.filter(course=course, teacher_id=teacher_id).first()
                if teacher_id.isdigit()
                else None
            )
        else:
            enrolment = enrolments.filter(course=course, teacher=request.user).first()
        if enrolment is None:
            raise exceptions.NotFound(_("Сертификата нет: вы не записаны на этот курс."))
        if enrolment.completed_at is None:
            raise CourseConflict(
                "not_completed",
                _("Сертификат будет готов, когда все модули курса будут отмечены пройденными."),
            )
        try:
            pdf = certificate_pdf(enrolment=enrolment, school=school_name())
        except CertificateFontMissing as error:
            raise exceptions.APIException(str(error)) from None
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"certificate-{enrolment.certificate_number}.pdf"
        response["Content-Disposition"] = (
            f"attachment; filename=\"certificate.pdf\"; filename*=UTF-8''{quote(filename)}"
        )
        return response


class CohortView(PrivateDownloadView):
    """The course's cohort for its coordinator: each enrolled teacher's progress;
    `?format=csv` downloads it."""

    serializer_class = CohortSerializer
    renderer_classes = [JSONRenderer, CsvRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format", str, enum=["json", "csv"], description="`csv`: a spreadsheet."
            ),
        ],
        responses={
            (200, "application/json"): CohortSerializer,
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="One row per teacher, UTF-8 with a BOM."
            ),
        },
    )
    def get(self, request, course_id: int):
        course = _course_or_404(course_id)
        if not is_course_coordinator.test(request.user, course):
            raise exceptions.PermissionDenied(
                _("Сводку по слушателям видят координатор курса и администрация.")
            )
        rows = selectors.course_cohort(course=course)
        if request.accepted_renderer.format == "csv":
            return _csv_response(request.user, course, rows)
        data = {
            "course": course.pk,
            "title": course.title,
            "total": len(selectors.course_modules(course=course)),
            "teachers": [
                {
                    "teacher": {
                        "id": row.enrolment.teacher_id,
                        "name": display_name_for(person=row.enrolment.teacher, viewer=request.user),
                    },
                    "enrolled_at": row.enrolment.enrolled_at,
                    "done": row.done,
                    "total": row.total,
                    "last_activity": row.last_activity,
                    "completed_at": row.enrolment.completed_at,
                }
                for row in rows
            ],
        }
        return Response(CohortSerializer(data).data)


def _when(moment) -> str:
    return timezone.localtime(moment, MOSCOW).strftime("%Y-%m-%d %H:%M") if moment else ""


def _csv_response(viewer, course, rows) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read the Cyrillic as UTF-8
    writer = csv.writer(out)
    writer.writerow(
        [_("Слушатель"), _("Пройдено модулей"), _("Всего модулей"), _("Записан"),
         _("Последняя активность"), _("Курс пройден")]
    )  # fmt: skip
    for row in rows:
        writer.writerow(
            [
                _csv_safe(display_name_for(person=row.enrolment.teacher, viewer=viewer)),
                row.done,
                row.total,
                _when(row.enrolment.enrolled_at),
                _when(row.last_activity),
                _when(row.enrolment.completed_at),
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"course-{course.pk}-cohort.csv"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


def _csv_safe(value: str) -> str:
    """A name never starts a spreadsheet formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
