"""Reminders before an event: the day before and an hour before (each event sets its hours).

When a registration gets a place, one task per reminder is set for its moment. The task checks
again when it runs, because the event may have moved or the registration been cancelled, and a
`RegistrationReminder` row, written in the same transaction as the message, makes sure nobody
is reminded twice, whether a task is retried or the event moved and new tasks were set.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cms.notifications.kinds import NotificationKind, register

from .events import reminder_offsets
from .models import Registration, RegistrationReminder, RegistrationStatus

logger = logging.getLogger(__name__)

__all__ = ["REMINDER", "registration_remind", "reminders_schedule"]

REMINDER = register(NotificationKind("event_reminder", _("Напоминания о событиях")))
# A reminder that comes this much earlier than its moment (the worker's clock, a task run
# early) still counts as on time; earlier than that means the event moved later.
EARLY_TOLERANCE = timedelta(minutes=5)
# The school's events happen in St. Petersburg; reminders say the time as people there read it.
EVENT_TIME_ZONE = ZoneInfo("Europe/Moscow")


def _event(registration: Registration):
    return registration.event.specific


def reminders_schedule(*, registration: Registration, event=None) -> int:
    """Set the reminder tasks of a registration that holds a place; how many were set."""
    event = event or _event(registration)
    now = timezone.now()
    count = 0
    for hours in reminder_offsets(event.reminder_hours):
        due = event.start - timedelta(hours=hours)
        if (
            due <= now
            or RegistrationReminder.objects.filter(
                registration=registration, hours_before=hours
            ).exists()
        ):
            continue
        registration_remind.using(run_after=due).enqueue(registration.pk, hours)
        count += 1
    return count


@task(backend="background", queue_name="email")
def registration_remind(registration_id: int, hours_before: int, attempt: int = 1) -> str:
    registration = (
        Registration.objects.select_related("person", "event").filter(pk=registration_id).first()
    )
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return "no longer registered"
    event = _event(registration)
    if hours_before not in reminder_offsets(event.reminder_hours):
        return "this reminder is no longer wanted"
    now = timezone.now()
    due = event.start - timedelta(hours=hours_before)
    if now >= event.start:
        return "the event has started"
    if now < due - EARLY_TOLERANCE:
        # The event moved later: come back at the new moment.
        registration_remind.using(run_after=due).enqueue(registration_id, hours_before, attempt)
        return "moved"
    try:
        with transaction.atomic():
            RegistrationReminder.objects.create(
                registration=registration, hours_before=hours_before
            )
            _send(registration, event)
    except IntegrityError:
        return "already reminded"
    except (smtplib.SMTPException, OSError) as exc:
        if attempt < 3 and now + timedelta(minutes=10) < event.start:
            logger.warning("reminder %s: email failed (%s); trying again", registration_id, exc)
            registration_remind.using(run_after=now + timedelta(minutes=5)).enqueue(
                registration_id, hours_before, attempt + 1
            )
        else:
            logger.error("reminder %s: email not delivered (%s)", registration_id, exc)
        return f"attempt {attempt} failed: {exc}"
    return "sent"


def _send(registration: Registration, event) -> None:
    from django.utils import translation

    from cms.notifications.email import email_send
    from cms.notifications.services import notification_send

    context = {"event": event, "registration": registration, "url": _public_url(event)}
    if registration.person is not None:
        language = registration.person.language or "ru"
        with translation.override(language):
            title = _("Напоминание: «%(title)s» начнётся %(when)s") % {
                "title": event.title,
                "when": _when(event.start, language),
            }
        notification_send(
            recipient=registration.person,
            kind=REMINDER.code,
            title=str(title),
            body=str(_place_line(event, language)),
            url=context["url"],
        )
    else:
        email_send(
            template="registrations/email/reminder",
            context={**context, "when": _when(event.start, registration.language)},
            to=registration.guest_email,
            language=registration.language,
        )


def _when(moment: datetime, language: str) -> str:
    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override(language):
        return date_format(moment.astimezone(EVENT_TIME_ZONE), "j E, H:i") + (
            " (МСК)" if language == "ru" else " (Moscow time)"
        )


def _place_line(event, language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        where = event.place or event.online_url
        return str(_("Где: %(where)s") % {"where": where}) if where else ""


def _public_url(event) -> str:
    return settings.PUBLIC_BASE_URL + (event.get_url() or "")
