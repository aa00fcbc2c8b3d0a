from django.urls import include, path, re_path

from . import errors, schema, views

app_name = "api"
urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("health", views.HealthView.as_view(), name="health"),
    path("schema/", schema.SchemaView.as_view(), name="schema"),
    path("docs/", schema.DocsView.as_view(), name="docs"),
    path("", include("search.urls")),
    path("", include("cms.notifications.urls")),
    path("", include("cms.users.api_urls")),
    path("", include("cms.calendars.urls")),
    path("", include("cms.registrations.teams_urls")),
    path("", include("cms.registrations.urls")),
    # Before any `projects/<id>` route, so `projects/dashboard/…` is never read as a project.
    path("", include("cms.projects.dashboard_urls")),
    path("", include("cms.reviews.urls")),
    path("", include("cms.projects.solution_urls")),
    path("", include("cms.projects.urls")),
    path("", include("cms.courses.urls")),
    path("", include("cms.parent_questions.urls")),
    path("", include("cms.wellbeing.urls")),
    path("", include("cms.meetings.urls")),
    path("", include("cms.consultations.urls")),
    path("", include("cms.comments.urls")),
    path("", include("cms.surveys.urls")),
    path("", include("cms.initiatives.urls")),
    path("", include("cms.votes.urls")),
    # Last: an address no endpoint answers is a JSON 404, not a redirect to an HTML page;
    # [\s\S] so an address with an encoded newline (`/api/events/x/teams/%0A/join`) is one too.
    re_path(r"^[\s\S]*$", errors.not_found, name="not-found"),
]
