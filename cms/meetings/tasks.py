"""What people hear about meetings, in their own language.

People with an account get a notification per change (`kinds.py`), in the cabinet and, as
they choose, by email; an invitation, a move and a cancellation carry the meeting as a
calendar file. Guests invited by address get an email from the task worker after the change
commits, with the same calendar file and (the first time) the link with their token. A
confidential meeting is «Консультация» in every message.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cms.notifications.email import email_send, recipient_language
from cms.notifications.services import notification_send

from .calendars import ICS_MIMETYPE, meeting_ics, meeting_title_for_outside

logger = logging.getLogger(__name__)

MOSCOW = ZoneInfo("Europe/Moscow")
EMAIL_ATTEMPTS = 5
RETRY_PAUSES = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
]


def moscow_time(moment) -> str:
    return moment.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M")


def change_text(*, what: str, meeting) -> tuple[str, str]:
    """Title and body of the message about a change, in the active language."""
    texts = {
        "invited": (
            _("Приглашение на встречу: %(title)s"),
            _(
                "Встреча %(when)s (МСК), %(minutes)s мин. Примите или отклоните приглашение "
                "в личном кабинете. Встреча в календарь — во вложении."
            ),  # fmt: skip
        ),
        "moved": (
            _("Встреча перенесена: %(title)s"),
            _("Новое время: %(when)s (МСК), %(minutes)s мин. Обновлённая встреча — во вложении."),
        ),
        "cancelled": (
            _("Встреча отменена: %(title)s"),
            _("Встреча %(when)s (МСК) не состоится."),
        ),
        "answered": (
            _("Ответ на приглашение: %(title)s"),
            _("Один из приглашённых ответил на приглашение на встречу %(when)s (МСК)."),
        ),
        "requested": (
            _("Просят войти: %(title)s"),
            _("Кто-то просит войти во встречу %(when)s (МСК). Ответьте в личном кабинете."),
        ),
        "admitted": (
            _("Вас впустили: %(title)s"),
            _("Ведущий разрешил вам войти во встречу %(when)s (МСК)."),
        ),
        "refused": (
            _("Просьба отклонена: %(title)s"),
            _("Ведущий не разрешил войти во встречу %(when)s (МСК)."),
        ),
    }
    subject, body = texts[what]
    values = {
        "title": meeting_title_for_outside(meeting),
        "when": moscow_time(meeting.starts_at),
        "minutes": meeting.duration_minutes,
    }
    return subject % values, body % values


def meeting_notify(*, meeting, what: str, people: Iterable, skip=None) -> int:
    """Tell each person (once; never `skip`, who acted) about `what` happened to `meeting`."""
    from .kinds import KIND_OF
    from .selectors import meetings_url

    sent = set()
    for person in people:
        if person is None or person.pk in sent or not person.is_active:
            continue
        if skip is not None and person.pk == skip.pk:
            continue
        sent.add(person.pk)
        language = recipient_language(person)
        with translation.override(language):
            title, body = change_text(what=what, meeting=meeting)
        notification_send(
            recipient=person,
            kind=KIND_OF[what].code,
            title=title,
            body=body,
            url=meetings_url(meeting_id=meeting.pk, language=language),
        )
    return len(sent)


def guest_url(*, raw_token: str, language: str) -> str:
    """The guest's page: the meetings page reads the token from the address's fragment, so it
    never reaches a server log."""
    from .selectors import meetings_page_path

    return f"{settings.PUBLIC_BASE_URL}{meetings_page_path(language)}#guest={raw_token}"


@task(backend="background", queue_name="email")
def guest_email_send(meeting_id: int, participant_id: int, what: str, raw_token: str = "",
                     attempt: int = 1) -> str:  # fmt: skip
    """An invitation, move or cancellation to a guest's address, with the calendar file."""
    from .models import Meeting, MeetingParticipant

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    participant = MeetingParticipant.objects.filter(
        pk=participant_id, meeting_id=meeting_id
    ).first()
    if meeting is None or participant is None or not participant.email:
        return "nothing to send"
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        title, body = change_text(what=what, meeting=meeting)
        link = guest_url(raw_token=raw_token, language=language) if raw_token else ""
        calendar = meeting_ics(
            meeting=meeting, cancel=what == "cancelled", attendee=participant.email, url=link
        )
    try:
        email_send(
            template="meetings/email/guest",
            context={"title": title, "body": body, "link": link},
            to=participant.email,
            language=language,
            attachments=[(f"meeting-{meeting.pk}.ics", calendar, ICS_MIMETYPE)],
        )
    except (smtplib.SMTPException, OSError) as exc:
        if attempt >= EMAIL_ATTEMPTS:
            logger.error("meeting guest email %s not delivered (%s)", participant_id, exc)
            return f"gave up: {exc}"
        pause = RETRY_PAUSES[min(attempt, len(RETRY_PAUSES)) - 1]
        guest_email_send.using(run_after=timezone.now() + pause).enqueue(
            meeting_id, participant_id, what, raw_token, attempt + 1
        )
        return f"attempt {attempt} failed: {exc}"
    return "sent"
