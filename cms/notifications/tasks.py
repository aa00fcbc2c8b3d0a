"""Background work of notifications: sending their emails, with retries.

The tasks framework runs a task once; a failed delivery (the mail server is down or refuses
for now) re-enqueues the same task for later, up to `EMAIL_ATTEMPTS` times in all, with growing
pauses. Sending is idempotent: a notification whose email went out is never sent again, so a
task run twice (a worker killed after sending) sends one email.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .email import email_send, recipient_language

logger = logging.getLogger(__name__)

EMAIL_ATTEMPTS = 5
RETRY_PAUSES = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
]


@task(backend="background", queue_name="email")
def notification_email_send(notification_id: int, attempt: int = 1) -> str:
    from .models import Notification

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return "nothing to send"
        recipient = notification.recipient
        if not recipient.email:
            return "no email address"
        try:
            email_send(
                template="notifications/email/notification",
                context={"notification": notification, "recipient": recipient},
                to=recipient.email,
                language=recipient_language(recipient),
                attachments=_attachments(notification),
            )
        except (smtplib.SMTPException, OSError) as exc:
            notification.email_failures += 1
            notification.save(update_fields=["email_failures"])
            _retry_later(notification_id, attempt, exc)
            return f"attempt {attempt} failed: {exc}"
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return "sent"


def _attachments(notification) -> list:
    from .kinds import _KINDS

    kind = _KINDS.get(notification.kind)
    return kind.attachments(notification) if kind and kind.attachments else []


def _retry_later(notification_id: int, attempt: int, exc: Exception) -> None:
    if attempt >= EMAIL_ATTEMPTS:
        logger.error(
            "notification %s: email not delivered after %s attempts (%s); check EMAIL_HOST "
            "and the mail server's log",
            notification_id,
            attempt,
            exc,
        )
        return
    pause = RETRY_PAUSES[min(attempt, len(RETRY_PAUSES)) - 1]
    logger.warning(
        "notification %s: email attempt %s failed (%s); trying again in %s",
        notification_id,
        attempt,
        exc,
        pause,
    )
    transaction.on_commit(
        lambda: notification_email_send.using(run_after=timezone.now() + pause).enqueue(
            notification_id, attempt + 1
        )
    )
