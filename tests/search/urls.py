"""The project's URLs with the search API mounted, as cms/api/urls.py mounts it."""

from django.urls import include, path

from cms.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("api/", include("search.urls")), *project_urlpatterns]
