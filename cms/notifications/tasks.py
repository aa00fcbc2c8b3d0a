"""Background work of notifications: sending their emails and daily digests, with retries.

The tasks framework runs a task once; a failed delivery (the mail server is down or refuses
for now) re-enqueues the same task for later, up to `EMAIL_ATTEMPTS` times in all, with growing
pauses. Sending is idempotent: a notification whose email went out is never sent again, so a
task run twice (a worker killed after sending) sends one email.

A person who chose the daily digest gets one email a day with every notification that waits for
it: the first of the day sets a task for the digest hour (`next_digest_at`), and the task takes
the waiting notifications under their locked rows and marks them emailed in the same transaction
as it sends, so two runs (a retry, `manage.py send_digests` from cron at the same moment) never
send one twice.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .email import email_send, recipient_language

logger = logging.getLogger(__name__)

EMAIL_ATTEMPTS = 5
# The hour digests go out, in St. Petersburg: after lessons, before the evening.
DIGEST_TIME_ZONE = ZoneInfo("Europe/Moscow")
DIGEST_HOUR = 17
# One digest lists at most this many notifications; the rest are counted and wait in the cabinet.
DIGEST_MAX_LISTED = 50
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


def next_digest_at(now: datetime | None = None) -> datetime:
    """The next digest moment: today at the digest hour in St. Petersburg, or tomorrow's."""
    hour = getattr(settings, "NOTIFICATION_DIGEST_HOUR", DIGEST_HOUR)
    local = (now or timezone.now()).astimezone(DIGEST_TIME_ZONE)
    moment = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if moment <= local:
        moment += timedelta(days=1)
    return moment


@task(backend="background", queue_name="email")
def notification_digest_send(recipient_id: int, attempt: int = 1) -> str:
    """One email with every notification waiting for `recipient_id`'s digest."""
    from .models import Notification

    with transaction.atomic():
        # Another run holding these rows is sending them: skip rather than wait and resend.
        waiting = list(
            Notification.objects.select_for_update(skip_locked=True)
            .select_related("recipient")
            .filter(recipient_id=recipient_id, in_digest=True, emailed_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not waiting:
            return "nothing to send"
        recipient = waiting[0].recipient
        if not recipient.email:
            return "no email address"
        try:
            email_send(
                template="notifications/email/digest",
                context={
                    "notifications": waiting[:DIGEST_MAX_LISTED],
                    "more": max(len(waiting) - DIGEST_MAX_LISTED, 0),
                    "count": len(waiting),
                    "recipient": recipient,
                },
                to=recipient.email,
                language=recipient_language(recipient),
            )
        except (smtplib.SMTPException, OSError) as exc:
            _retry_digest_later(recipient_id, attempt, exc)
            return f"attempt {attempt} failed: {exc}"
        Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(
            emailed_at=timezone.now()
        )
    return f"sent {len(waiting)}"


def digests_send_all() -> int:
    """Send every digest that waits now (`manage.py send_digests`); how many people got one."""
    from .models import Notification

    recipients = (
        Notification.objects.filter(in_digest=True, emailed_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in list(recipients):
        sent += notification_digest_send.call(recipient_id).startswith("sent")
    return sent


def _retry_digest_later(recipient_id: int, attempt: int, exc: Exception) -> None:
    if attempt >= EMAIL_ATTEMPTS:
        logger.error(
            "digest of person %s: not delivered after %s attempts (%s); it goes out with the "
            "next digest",
            recipient_id,
            attempt,
            exc,
        )
        return
    pause = RETRY_PAUSES[min(attempt, len(RETRY_PAUSES)) - 1]
    logger.warning("digest of person %s: attempt %s failed (%s)", recipient_id, attempt, exc)
    transaction.on_commit(
        lambda: notification_digest_send.using(run_after=timezone.now() + pause).enqueue(
            recipient_id, attempt + 1
        )
    )
