"""Writes of the psychologist's help: a request, a reply, a proposed consultation, closing,
the crisis list, and the access log every psychologist's read and action goes into."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cms.users.choices import RoleChoices

from . import crisis, kinds, rules, selectors
from .codes import code_hash, new_code
from .models import (
    AccessAction,
    CrisisWord,
    HelpAccessLog,
    HelpReply,
    HelpRequest,
    HelpStatus,
    RequesterKind,
)

MAX_TEXT = 5000
CONSULTATION_TITLE = "Консультация"


class HelpError(Exception):
    """The state refuses: `code` for programs, `message` in plain words."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Created:
    request: HelpRequest
    code: str | None  # the one-time code of an anonymous request, shown once
    help_lines: str  # where to call right now, when the words sound like a crisis


def _language(language: str) -> str:
    from django.conf import settings

    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def access_log(*, psychologist, help_request: HelpRequest, action: str) -> None:
    HelpAccessLog.objects.create(
        psychologist=psychologist, request_id=help_request.pk, action=action
    )


def help_request_create(
    *, text: str, requester=None, wants_consultation: bool = False, language: str = "ru"
) -> Created:
    """A request by a signed-in pupil or parent (`requester`), or anonymous (`None`): then a
    one-time code is made and only its hash kept. No address or account is stored for an
    anonymous request. Psychologists are told a request came, never what it says."""
    language = _language(language)
    urgent = bool(crisis.matches(text, selectors.crisis_words()))
    if requester is None:
        kind = RequesterKind.ANONYMOUS
    elif requester.has_role(RoleChoices.STUDENT):
        kind = RequesterKind.STUDENT
    else:
        kind = RequesterKind.PARENT
    code = None
    for _attempt in range(5):
        code = new_code() if requester is None else None
        try:
            with transaction.atomic():
                help_request = HelpRequest.objects.create(
                    requester=requester,
                    requester_kind=kind,
                    code_hash=code_hash(code) if code else "",
                    text=text,
                    urgent=urgent,
                    wants_consultation=wants_consultation,
                    language=language,
                )
            break
        except IntegrityError:
            # A code already taken (one chance in 2^79): draw another.
            if requester is not None:
                raise
    else:  # pragma: no cover
        raise HelpError("busy", _("Не удалось создать обращение. Попробуйте ещё раз."))
    request_id, is_urgent = help_request.pk, urgent
    transaction.on_commit(lambda: _tell_psychologists(request_id, is_urgent))
    return Created(
        request=help_request,
        code=code,
        help_lines=selectors.help_lines(language=language) if urgent else "",
    )


def _psychologists():
    from cms.users.models import User

    return User.objects.filter(is_active=True, role_links__role=RoleChoices.PSYCHOLOGIST).distinct()


def _tell_psychologists(request_id: int, urgent: bool) -> None:
    from cms.notifications.services import notification_send

    for person in _psychologists():
        with translation.override(person.language or "ru"):
            title = _("Новое обращение к психологу")
            if urgent:
                title = _("Срочно: новое обращение к психологу")
            notification_send(
                recipient=person,
                kind=kinds.NEW_REQUEST.code,
                title=title,
                body=_("Обращение №%(id)s ждёт ответа в комнате отдыха.") % {"id": request_id},
                url=selectors.relaxation_room_url(language=person.language or "ru"),
            )


def help_request_read(*, help_request: HelpRequest, reader) -> None:
    """Note a psychologist's read of a request's text (an author reading their own is not)."""
    if rules.is_psychologist(reader) and not rules.is_author(reader, help_request):
        access_log(psychologist=reader, help_request=help_request, action=AccessAction.READ)


def _tell_author(help_request: HelpRequest, *, kind, title: str, body: str) -> None:
    from cms.notifications.services import notification_send

    author = help_request.requester
    if author is None:
        return
    with translation.override(author.language or help_request.language):
        notification_send(
            recipient=author,
            kind=kind.code,
            title=_(title),
            body=_(body),
            url=selectors.relaxation_room_url(language=help_request.language),
        )


@transaction.atomic
def reply_create(*, help_request: HelpRequest, psychologist, text: str) -> HelpReply:
    if not rules.is_psychologist(psychologist):
        raise PermissionError
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    reply = HelpReply.objects.create(request=locked, psychologist=psychologist, text=text)
    if locked.status != HelpStatus.CLOSED:
        locked.status = HelpStatus.ANSWERED
    locked.answered_at = reply.created_at
    locked.save(update_fields=["status", "answered_at"])
    access_log(psychologist=psychologist, help_request=locked, action=AccessAction.REPLY)
    transaction.on_commit(
        lambda: _tell_author(
            locked,
            kind=kinds.ANSWERED,
            title=gettext_noop("Психолог ответил на ваше обращение"),
            body=gettext_noop("Ответ можно прочитать в комнате отдыха."),
        )
    )
    return reply


@transaction.atomic
def consultation_propose(
    *, help_request: HelpRequest, psychologist, starts_at: datetime, duration_minutes: int = 45
):
    """A consultation in the psychologist's room with the request's author, admitted at once
    and confidential (its title is «Консультация» to everyone else). An anonymous author has
    no account to invite: the psychologist writes the time in a reply instead."""
    from cms.meetings.services import meeting_create, room_of_person

    if not rules.is_psychologist(psychologist):
        raise PermissionError
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if locked.requester_id is None:
        raise HelpError(
            "anonymous",
            _(
                "Автор обращения анонимен, и пригласить его на встречу нельзя. Напишите время "
                "и место консультации в ответе: он прочитает его по своему коду."
            ),
        )
    if locked.status == HelpStatus.CLOSED:
        raise HelpError("closed", _("Обращение закрыто. Консультацию по нему назначить нельзя."))
    if starts_at <= timezone.now():
        raise HelpError("past", _("Выберите время в будущем."))
    meeting = meeting_create(
        room=room_of_person(person=psychologist),
        host=psychologist,
        title=CONSULTATION_TITLE,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        participants=[locked.requester],
        participant_status="admitted",
        confidential=True,
    )
    locked.meeting = meeting
    locked.save(update_fields=["meeting"])
    access_log(psychologist=psychologist, help_request=locked, action=AccessAction.SCHEDULE)
    transaction.on_commit(
        lambda: _tell_author(
            locked,
            kind=kinds.CONSULTATION,
            title=gettext_noop("Психолог предложил время консультации"),
            body=gettext_noop("Время консультации — в комнате отдыха и в календаре кабинета."),
        )
    )
    return meeting


def request_close(*, help_request: HelpRequest) -> HelpRequest:
    HelpRequest.objects.filter(pk=help_request.pk).update(status=HelpStatus.CLOSED)
    help_request.status = HelpStatus.CLOSED
    return help_request


def crisis_word_add(*, word: str) -> CrisisWord:
    word = " ".join(word.split())
    if not crisis.normalise(word):
        raise HelpError("invalid", _("Напишите слово или фразу из букв."))
    entry, _created = CrisisWord.objects.get_or_create(word=word.lower())
    return entry


def crisis_word_delete(*, word_id: int) -> bool:
    deleted, _ = CrisisWord.objects.filter(pk=word_id).delete()
    return bool(deleted)
