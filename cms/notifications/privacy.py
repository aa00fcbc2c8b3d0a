"""Notifications in "download my data" and "delete my account" (`cms/users/personal_data.py`)."""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import DeliveryPreference, Notification, NotificationPreference


def notifications_export(person) -> dict:
    return {
        "notifications": list(
            Notification.objects.filter(recipient=person)
            .order_by("created_at", "pk")
            .values("kind", "title", "body", "url", "created_at", "read_at", "emailed_at")
        ),
        "preferences": list(
            NotificationPreference.objects.filter(user=person)
            .order_by("kind")
            .values("kind", "by_email")
        ),
        "delivery": list(DeliveryPreference.objects.filter(user=person).values("delivery")),
    }


def notifications_erase(person) -> None:
    Notification.objects.filter(recipient=person).delete()
    NotificationPreference.objects.filter(user=person).delete()
    DeliveryPreference.objects.filter(user=person).delete()


MODELS = [
    "notifications.Notification",
    "notifications.NotificationPreference",
    "notifications.DeliveryPreference",
]
register_exporter("notifications", notifications_export, models=MODELS)
register_eraser("notifications", notifications_erase, models=MODELS)
