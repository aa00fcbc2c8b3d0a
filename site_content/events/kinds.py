"""Notification kinds of the events zone."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register

EVENT_PUBLISHED = register(
    NotificationKind("event_published", _("Моё событие из генератора опубликовано"))
)
