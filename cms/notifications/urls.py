from django.urls import path

from . import apis

urlpatterns = [
    path("notifications", apis.NotificationListView.as_view(), name="notifications"),
    path("notifications/read", apis.NotificationsReadView.as_view(), name="notifications-read"),
    path(
        "notifications/preferences",
        apis.NotificationPreferencesView.as_view(),
        name="notification-preferences",
    ),
    path(
        "notifications/preferences/delivery",
        apis.NotificationDeliveryView.as_view(),
        name="notification-delivery",
    ),
]
