"""Reads of notifications: only ever the asking person's own."""

from __future__ import annotations

from django.db.models import QuerySet

from .kinds import all_kinds
from .models import Notification, NotificationPreference


def notifications_for(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(recipient=user)
    return notifications.filter(read_at__isnull=True) if unread_only else notifications


def notification_preferences_for(*, user) -> list[dict]:
    """Every kind with the person's choice (or the kind's default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "by_email"))
    return [
        {
            "kind": kind.code,
            "label": str(kind.label),
            "by_email": chosen.get(kind.code, kind.email_default),
        }
        for kind in all_kinds()
    ]
