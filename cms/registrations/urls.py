"""Mounted under /api/ by cms/api/urls.py: event registration and the cabinet's "my events"."""

from django.urls import path

from . import apis

urlpatterns = [
    path(
        "events/<int:event_id>/registration",
        apis.EventRegistrationView.as_view(),
        name="registration",
    ),
    path(
        "events/<int:event_id>/guest-registration",
        apis.GuestRegistrationView.as_view(),
        name="guest-registration",
    ),
    path("me/registrations", apis.MyRegistrationsView.as_view(), name="my-registrations"),
]
