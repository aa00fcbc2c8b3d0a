from django.urls import include, path

from . import views

app_name = "api"
urlpatterns = [
    path("", views.api_root, name="root"),
    path("health", views.health, name="health"),
    path("", include("search.urls")),
]
