"""Mounted under /api/ by cms/api/urls.py: consultation hours, bookings and the live queue."""

from django.urls import path

from . import apis

urlpatterns = [
    path("consultations/hosts", apis.HostsView.as_view(), name="consultation-hosts"),
    path("consultations/hours", apis.HoursListView.as_view(), name="consultation-hours"),
    path(
        "consultations/hours/<int:hours_id>",
        apis.HoursView.as_view(),
        name="consultation-hours-detail",
    ),
    path(
        "consultations/hours/<int:hours_id>/queue",
        apis.QueueView.as_view(),
        name="consultation-queue",
    ),
    path(
        "consultations/hours/<int:hours_id>/queue/next",
        apis.QueueNextView.as_view(),
        name="consultation-queue-next",
    ),
    path(
        "consultations/slots/<int:slot_id>/booking",
        apis.SlotBookingView.as_view(),
        name="consultation-booking",
    ),
]
