"""The generator's pages, under the language prefix: /<lang>/accounts/events/new/…"""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("new/", views.event_generator_view, name="generator"),
    path("new/<int:page_id>/", views.event_generated_view, name="generated"),
]
