"""Writes of notifications: send one, mark read, choose email or cabinet per kind, and how
emails come (at once, a daily digest, or none)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .kinds import kind_for
from .models import Delivery, DeliveryPreference, Notification, NotificationPreference
from .tasks import next_digest_at, notification_digest_send, notification_email_send


def notification_send(
    *, recipient, kind: str, title: str, body: str = "", url: str = ""
) -> Notification:
    """Put a notification in `recipient`'s cabinet; email it too if they (or the kind) want,
    at once or in their daily digest, as they chose."""
    notification_kind = kind_for(kind)
    delivery = delivery_for(recipient)
    emailed = (
        bool(recipient.email)
        and delivery != Delivery.CABINET_ONLY
        and _wants_email(recipient, notification_kind)
    )
    in_digest = emailed and delivery == Delivery.DAILY_DIGEST
    # The first notification of the day sets the digest's task; the others join it.
    digest_due = in_digest and not _digest_waiting(recipient)
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=title[:200],
        body=body,
        url=url[:500],
        in_digest=in_digest,
    )
    if digest_due:
        recipient_id = recipient.pk
        transaction.on_commit(
            lambda: notification_digest_send.using(run_after=next_digest_at()).enqueue(recipient_id)
        )
    elif emailed and not in_digest:
        transaction.on_commit(lambda: notification_email_send.enqueue(notification.pk))
    return notification


def delivery_for(user) -> str:
    choice = DeliveryPreference.objects.filter(user=user).values_list("delivery", flat=True).first()
    return choice or Delivery.AT_ONCE


def _digest_waiting(user) -> bool:
    return Notification.objects.filter(
        recipient=user, in_digest=True, emailed_at__isnull=True
    ).exists()


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


def notification_delivery_set(*, user, delivery: str) -> DeliveryPreference:
    """Choose how emails come. Leaving the digest sends what waits for it now, so nothing
    promised by email is lost; choosing the cabinet only drops it (it stays in the cabinet)."""
    preference, _ = DeliveryPreference.objects.update_or_create(
        user=user, defaults={"delivery": Delivery(delivery)}
    )
    if delivery == Delivery.CABINET_ONLY:
        Notification.objects.filter(recipient=user, in_digest=True, emailed_at__isnull=True).update(
            in_digest=False
        )
    elif delivery == Delivery.AT_ONCE and _digest_waiting(user):
        user_id = user.pk
        transaction.on_commit(lambda: notification_digest_send.enqueue(user_id))
    return preference
