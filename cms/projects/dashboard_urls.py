"""The dashboards' addresses, mounted under /api/ before any `projects/<id>` route."""

from django.urls import path

from . import dashboard_apis

urlpatterns = [
    path(
        "projects/dashboard/tutor",
        dashboard_apis.TutorDashboardView.as_view(),
        name="tutor-dashboard",
    ),
    path(
        "projects/dashboard/school",
        dashboard_apis.SchoolDashboardView.as_view(),
        name="school-dashboard",
    ),
]
