"""Mounted under /api/ by cms/api/urls.py: the calendar feed and the cabinet's control of it."""

from django.urls import path

from . import apis

urlpatterns = [
    path("calendar/<str:token>.ics", apis.CalendarFeedView.as_view(), name="calendar-feed"),
    path("me/calendar", apis.MyCalendarFeedView.as_view(), name="me-calendar"),
]
