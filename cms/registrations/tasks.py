"""What people hear about their registrations, in their own language.

People with an account get a notification per change (`kinds.py`), in the cabinet and, as they
choose, by email; a confirmation carries the event as a calendar file with a reminder and the
check-in code. Guests have only their address: a link to confirm it (double opt-in), then each
change by email, sent by the task worker with retries and never twice (`RegistrationEmail`).
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cms.notifications.email import email_send

from .calendars import ICS_MIMETYPE, registration_ics
from .services import on_registration_change, token_hash

logger = logging.getLogger(__name__)

EMAIL_ATTEMPTS = 5
RETRY_PAUSES = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
]


def _language(code: str | None) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def register_url(*, event_id: int, language: str) -> str:
    """The no-JavaScript page of an event's registration, in `language`."""
    with translation.override(language):
        return reverse("registrations:register", kwargs={"event_id": event_id})


def confirm_url(*, event_id: int, raw_token: str, language: str) -> str:
    with translation.override(language):
        return reverse("registrations:confirm", kwargs={"event_id": event_id, "token": raw_token})


def change_text(*, what: str, registration, event, position: int | None) -> tuple[str, str]:
    """Title and body of the message about a change, in the active language."""
    from .selectors import moscow_time

    title = event.title
    when = moscow_time(event.start)
    texts = {
        "confirmed": (
            _("Вы зарегистрированы: %(title)s"),
            _(
                "Ждём вас %(when)s (МСК). Код для входа: %(code)s. "
                "Событие в календарь — во вложении."
            ),
        ),
        "promoted": (
            _("Место освободилось: %(title)s"),
            _(
                "Вы были в листе ожидания, и теперь место ваше. Ждём вас %(when)s (МСК). "
                "Код для входа: %(code)s."
            ),
        ),
        "approved": (
            _("Заявка одобрена: %(title)s"),
            _("Организатор одобрил заявку. Ждём вас %(when)s (МСК). Код для входа: %(code)s."),
        ),
        "pending": (
            _("Заявка принята: %(title)s"),
            _("Место за вами; организатор скоро рассмотрит заявку."),
        ),
        "waiting": (
            _("Лист ожидания: %(title)s"),
            _(
                "Мест пока нет, вы в листе ожидания под номером %(position)s. Если место "
                "освободится, оно сразу станет вашим, и мы напишем."
            ),
        ),
        "declined": (
            _("Заявка отклонена: %(title)s"),
            _("К сожалению, организатор отклонил заявку."),
        ),
        "cancelled": (
            _("Регистрация отменена: %(title)s"),
            _("Регистрация на событие %(when)s (МСК) отменена."),
        ),
    }
    subject, body = texts[what]
    if what in ("promoted",) and registration.status != "confirmed":
        body = _("Вы были в листе ожидания, и теперь место за вами; организатор скоро "
                 "рассмотрит заявку.")  # fmt: skip
    values = {"title": title, "when": when, "code": registration.code, "position": position or ""}
    return subject % values, body % values


@on_registration_change
def registration_changed(registration, what: str) -> None:
    """Tell the registrant (and the parent who registered them) what changed."""
    if what not in ("confirmed", "pending", "waiting", "promoted", "approved", "declined",
                    "cancelled"):  # fmt: skip
        return
    if registration.person_id is None:
        if registration.guest_email:
            guest_email_send.enqueue(registration.pk, what)
        return
    _notify_people(registration, what)


def _notify_people(registration, what: str) -> None:
    from cms.notifications.email import recipient_language
    from cms.notifications.services import notification_send
    from cms.users.permissions import is_parent_of

    from .kinds import KIND_OF
    from .selectors import registrable_event, waiting_position

    event = registrable_event(event_id=registration.event_id)
    if event is None:
        return
    person = registration.person
    recipients = [person]
    by = registration.registered_by
    if by is not None and by.pk != person.pk and is_parent_of(by, person):
        recipients.append(by)
    position = waiting_position(registration) if what == "waiting" else None
    for recipient in recipients:
        language = recipient_language(recipient)
        with translation.override(language):
            title, body = change_text(
                what=what, registration=registration, event=event, position=position
            )
            if recipient.pk != person.pk:
                from cms.users.selectors import display_name_for

                body = f"{display_name_for(person=person, viewer=recipient)}. {body}"
        notification_send(
            recipient=recipient,
            kind=KIND_OF[what].code,
            title=title,
            body=body,
            url=register_url(event_id=event.pk, language=language),
        )


def _claim(registration_id: int, what: str) -> bool:
    """Record that this email goes out; False when it already went."""
    from .models import RegistrationEmail

    try:
        with transaction.atomic():
            RegistrationEmail.objects.create(registration_id=registration_id, what=what)
    except IntegrityError:
        return False
    return True


def _unclaim(registration_id: int, what: str) -> None:
    from .models import RegistrationEmail

    RegistrationEmail.objects.filter(registration_id=registration_id, what=what).delete()


def _retry(task_function, args: tuple, attempt: int, exc: Exception) -> None:
    if attempt >= EMAIL_ATTEMPTS:
        logger.error(
            "registration email %s not delivered after %s attempts (%s)", args, attempt, exc
        )
        return
    pause = RETRY_PAUSES[min(attempt, len(RETRY_PAUSES)) - 1]
    logger.warning("registration email %s: attempt %s failed (%s); again in %s", args, attempt,
                   exc, pause)  # fmt: skip
    task_function.using(run_after=timezone.now() + pause).enqueue(*args, attempt + 1)


def _send_once(*, registration, what: str, template: str, context: dict, attachments=(),
               task_function, args: tuple, attempt: int) -> str:  # fmt: skip
    if not _claim(registration.pk, what):
        return "already sent"
    try:
        email_send(
            template=template,
            context=context,
            to=registration.guest_email,
            language=_language(registration.language),
            attachments=attachments,
        )
    except (smtplib.SMTPException, OSError) as exc:
        _unclaim(registration.pk, what)
        _retry(task_function, args, attempt, exc)
        return f"attempt {attempt} failed: {exc}"
    return "sent"


@task(backend="background", queue_name="email")
def guest_link_send(registration_id: int, raw_token: str, attempt: int = 1) -> str:
    """The guest's link to confirm their address (and their place)."""
    from .models import Registration, RegistrationStatus
    from .selectors import registrable_event

    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None or registration.status != RegistrationStatus.UNCONFIRMED:
        return "nothing to send"
    hashed = token_hash(raw_token)
    if registration.confirmation_token_hash != hashed:
        return "a newer link was sent"
    event = registrable_event(event_id=registration.event_id)
    if event is None:
        return "no such event"
    language = _language(registration.language)
    return _send_once(
        registration=registration,
        what=f"link:{hashed[:16]}",
        template="registrations/email/guest_link",
        context={
            "registration": registration,
            "event": event,
            "confirm_url": settings.PUBLIC_BASE_URL
            + confirm_url(event_id=event.pk, raw_token=raw_token, language=language),
        },
        task_function=guest_link_send,
        args=(registration_id, raw_token),
        attempt=attempt,
    )


@task(backend="background", queue_name="email")
def guest_email_send(registration_id: int, what: str, attempt: int = 1) -> str:
    """A change to a guest's registration, by email; a confirmation carries the calendar file."""
    from .models import Registration, RegistrationStatus
    from .selectors import registrable_event, waiting_position

    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        return "nothing to send"
    event = registrable_event(event_id=registration.event_id)
    if event is None:
        return "no such event"
    language = _language(registration.language)
    attachments = []
    with translation.override(language):
        title, body = change_text(
            what=what,
            registration=registration,
            event=event,
            position=waiting_position(registration) if what == "waiting" else None,
        )
        if registration.status == RegistrationStatus.CONFIRMED and what in (
            "confirmed", "promoted", "approved"
        ):  # fmt: skip
            attachments.append((
                f"event-{registration.code}.ics",
                registration_ics(registration=registration, event=event, now=timezone.now()),
                ICS_MIMETYPE,
            ))  # fmt: skip
    return _send_once(
        registration=registration,
        what=what,
        template="registrations/email/guest_change",
        context={
            "registration": registration,
            "event": event,
            "title": title,
            "body": body,
            "event_url": settings.PUBLIC_BASE_URL + (event.get_url() or ""),
        },
        attachments=attachments,
        task_function=guest_email_send,
        args=(registration_id, what),
        attempt=attempt,
    )
