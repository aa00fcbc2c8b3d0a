"""Mounted under /api/ by cms/api/urls.py: the teachers' course."""

from django.urls import path

from . import apis

urlpatterns = [
    path("courses/<int:course_id>", apis.CourseProgressView.as_view(), name="course"),
    path(
        "courses/<int:course_id>/enrolment",
        apis.CourseEnrolmentView.as_view(),
        name="course-enrolment",
    ),
    path(
        "courses/<int:course_id>/modules/<int:module_id>/completion",
        apis.ModuleCompletionView.as_view(),
        name="course-module-completion",
    ),
    path(
        "courses/<int:course_id>/certificate",
        apis.CertificateView.as_view(),
        name="course-certificate",
    ),
    path("courses/<int:course_id>/cohort", apis.CohortView.as_view(), name="course-cohort"),
]
