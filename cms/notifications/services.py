"""Writes of notifications: send one, mark read, choose email or cabinet per kind."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .kinds import kind_for
from .models import Notification, NotificationPreference
from .tasks import notification_email_send


def notification_send(
    *, recipient, kind: str, title: str, body: str = "", url: str = ""
) -> Notification:
    """Put a notification in `recipient`'s cabinet; email it too if they (or the kind) want."""
    notification_kind = kind_for(kind)
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=title[:200], body=body, url=url[:500]
    )
    if recipient.email and _wants_email(recipient, notification_kind):
        transaction.on_commit(lambda: notification_email_send.enqueue(notification.pk))
    return notification


def _wants_email(user, kind) -> bool:
    choice = (
        NotificationPreference.objects.filter(user=user, kind=kind.code)
        .values_list("by_email", flat=True)
        .first()
    )
    return kind.email_default if choice is None else choice


def notification_mark_read(*, user, notification_ids: list[int] | None = None) -> int:
    """Mark the given (or all) unread notifications of `user` read; returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


def notification_preference_set(*, user, kind: str, by_email: bool) -> NotificationPreference:
    kind_for(kind)
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"by_email": by_email}
    )
    return preference
