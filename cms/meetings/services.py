"""Writes of the meeting rooms: rooms, meetings and the people in them.

Other apps (consultations, the psychologist's help) make meetings through these functions,
never by creating rows themselves, so every meeting gets the same invitations, calendar
entries and safety checks.

Every change of a status happens under the changed row's lock (`select_for_update`), so two
answers at once (the host admits while the pupil withdraws, two hosts' tabs press "start")
are decided one after the other. One participation per person (or outside address) and
meeting is a database constraint.

People hear about changes through `notify` (notifications, in the cabinet and by email with
the meeting as a calendar file); guests by email through a task queued after the commit.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.moderation import submit_for_moderation
from cms.users.selectors import display_name_for

from .models import (
    Meeting,
    MeetingParticipant,
    MeetingStatus,
    ParticipantStatus,
    Room,
    RoomKind,
)

__all__ = [
    "InvitationResult",
    "MeetingError",
    "guest_token_hash",
    "meeting_answer",
    "meeting_cancel",
    "meeting_create",
    "meeting_end",
    "meeting_invite",
    "meeting_move",
    "meeting_request",
    "meeting_start",
    "minutes_publish",
    "minutes_set",
    "participant_admit",
    "person_admit",
    "participant_refuse",
    "room_of_council",
    "room_of_person",
    "room_of_project",
    "room_of_school",
]

MAX_INVITEES = 300
MAX_REASON = 300
# Statuses an answer to an invitation may change.
ANSWERABLE = (
    ParticipantStatus.INVITED,
    ParticipantStatus.ACCEPTED,
    ParticipantStatus.DECLINED,
    ParticipantStatus.ADMITTED,
)
OPEN = (MeetingStatus.SCHEDULED, MeetingStatus.STARTED)


class MeetingError(Exception):
    """The rules refuse the change now; `message` says why in plain words, `code` is for
    programs (`safety` when the safety rule refuses to start a meeting)."""

    def __init__(self, code: str, message: str, field: str = ""):
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.field = field


def guest_token_hash(raw_token: str) -> str:
    """The stored form of a guest's token; the token itself is only in their email."""
    return hashlib.sha256(raw_token.encode()).hexdigest()


def room_of_person(*, person) -> Room:
    """The person's own room, made the first time it is asked for (one per person: a
    constraint, so two first requests at once still make one room)."""
    room = Room.objects.filter(kind=RoomKind.PERSONAL, owner=person).first()
    if room is not None:
        return room
    try:
        with transaction.atomic():
            return Room.objects.create(
                kind=RoomKind.PERSONAL,
                owner=person,
                title=_("Комната: %(name)s") % {"name": display_name_for(person=person)},
            )
    except IntegrityError:
        return Room.objects.get(kind=RoomKind.PERSONAL, owner=person)


def _room_of(kind: str, title: str, **lookup) -> Room:
    room = Room.objects.filter(kind=kind, **lookup).first()
    if room is not None:
        return room
    try:
        with transaction.atomic():
            return Room.objects.create(kind=kind, title=title, **lookup)
    except IntegrityError:
        return Room.objects.get(kind=kind, **lookup)


def room_of_project(*, project) -> Room:
    """The project's room (one per project: a constraint)."""
    return _room_of(
        RoomKind.PROJECT, _("Проект: %(title)s") % {"title": project.title}, project=project
    )


def room_of_council(*, council) -> Room:
    """The council page's room (one per council: a constraint)."""
    return _room_of(RoomKind.COUNCIL, council.title, council=council)


def room_of_school() -> Room:
    """The school's common room: the oldest one, made when first asked for."""
    room = Room.objects.filter(kind=RoomKind.SCHOOL).order_by("pk").first()
    return room or Room.objects.create(kind=RoomKind.SCHOOL, title=_("Общая комната лицея"))


def _notify(meeting: Meeting, what: str, people: Iterable, *, skip=None) -> None:
    from .tasks import meeting_notify

    meeting_notify(meeting=meeting, what=what, people=people, skip=skip)


def _guests_notify(meeting: Meeting, what: str, participant_ids: list[int]) -> None:
    from .tasks import guest_email_send

    meeting_id = meeting.pk
    for participant_id in participant_ids:
        transaction.on_commit(
            lambda pid=participant_id: guest_email_send.enqueue(meeting_id, pid, what, "")
        )


@transaction.atomic
def meeting_create(
    *,
    room: Room,
    host,
    title: str,
    starts_at: datetime,
    duration_minutes: int = 45,
    description: str = "",
    participants: Iterable = (),
    participant_status: str = ParticipantStatus.INVITED,
    confidential: bool = False,
) -> Meeting:
    """A meeting in `room` hosted by `host`, with `participants` (people) in
    `participant_status` (invited by default; a booked consultation admits them at once).
    Invited people hear of it with the meeting as a calendar file."""
    meeting = Meeting.objects.create(
        room=room,
        host=host,
        title=title,
        description=description,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        confidential=confidential,
    )
    people = list({p.pk: p for p in participants if p.pk != host.pk}.values())
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(
            meeting=meeting, person=person, status=participant_status, invited_by=host
        )
        for person in people
    )
    if people:
        _notify(meeting, "invited", people)
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("room", "host")
        .get(pk=meeting.pk)
    )


def _host_only(meeting: Meeting, by) -> None:
    if by is None or meeting.host_id != by.pk:
        raise PermissionDenied(_("Это может сделать только ведущий встречи."))


def _still_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise MeetingError("cancelled", _("Встреча отменена."))
    if meeting.status == MeetingStatus.ENDED:
        raise MeetingError("ended", _("Встреча уже закончилась."))


@dataclass
class InvitationResult:
    """Who was invited now, and who was already in the meeting (left as they were)."""

    invited: list[MeetingParticipant]
    already: int = 0


def _invitees(person_ids=(), class_ids=(), roles=(), *, meeting=None, by=None) -> list:
    from cms.users.models import User

    from .selectors import invitable_people

    ids = set(person_ids or ())
    people = (
        invitable_people(meeting=meeting, viewer=by)
        if meeting is not None
        else User.objects.filter(is_active=True)
    )
    found = []
    if ids:
        found += list(people.filter(pk__in=ids))
    if class_ids:
        found += list(people.filter(school_class_id__in=class_ids, role_links__role="student"))
    if roles:
        found += list(people.filter(role_links__role__in=roles))
    return list({p.pk: p for p in found}.values())


@transaction.atomic
def meeting_invite(
    *,
    meeting: Meeting,
    by,
    person_ids: Iterable[int] = (),
    class_ids: Iterable[int] = (),
    roles: Iterable[str] = (),
    emails: Iterable[str] = (),
) -> InvitationResult:
    """Invite people (by id, every pupil of a class, everyone with a role) and guests by
    email address. Someone who declined is invited again; everyone else already in the
    meeting stays as they are. Guests get a link with a token (only its hash is kept)."""
    from .rules import SCHOOL_ADULT_ROLES

    meeting = _locked(meeting)
    _host_only(meeting, by)
    _still_open(meeting)
    if (class_ids or roles) and not by.has_role(*SCHOOL_ADULT_ROLES):
        raise MeetingError(
            "forbidden",
            _("Приглашать целый класс или группу могут только взрослые лицея."),
        )
    people = [
        p
        for p in _invitees(person_ids, class_ids, roles, meeting=meeting, by=by)
        if p.pk != meeting.host_id
    ]
    addresses = list(dict.fromkeys(e.strip().lower() for e in emails if e and e.strip()))
    if len(people) + len(addresses) > MAX_INVITEES:
        raise MeetingError(
            "too_many",
            _("Слишком много приглашённых сразу: не больше %(n)s.") % {"n": MAX_INVITEES},
        )
    existing = {
        p.person_id: p
        for p in MeetingParticipant.objects.select_for_update(of=("self",)).filter(
            meeting=meeting, person__in=people
        )
    }
    invited, already, notify = [], 0, []
    now = timezone.now()
    for person in people:
        participant = existing.get(person.pk)
        if participant is not None:
            if participant.status in (ParticipantStatus.DECLINED, ParticipantStatus.REQUESTED,
                                      ParticipantStatus.REFUSED):  # fmt: skip
                # Asking to enter and then being invited is being let in.
                participant.status = (
                    ParticipantStatus.ADMITTED
                    if participant.status == ParticipantStatus.REQUESTED
                    else ParticipantStatus.INVITED
                )
                participant.invited_by = by
                participant.responded_at = now
                participant.save(update_fields=["status", "invited_by", "responded_at"])
                invited.append(participant)
                notify.append(person)
            else:
                already += 1
            continue
        try:
            with transaction.atomic():
                participant = MeetingParticipant.objects.create(
                    meeting=meeting, person=person, invited_by=by
                )
        except IntegrityError:
            already += 1
            continue
        invited.append(participant)
        notify.append(person)
    guest_tokens = []
    for address in addresses:
        raw = secrets.token_urlsafe(32)
        try:
            with transaction.atomic():
                participant = MeetingParticipant.objects.create(
                    meeting=meeting,
                    email=address,
                    invited_by=by,
                    token_hash=guest_token_hash(raw),
                )
        except IntegrityError:
            already += 1
            continue
        invited.append(participant)
        guest_tokens.append((participant.pk, raw))
    if notify:
        _notify(meeting, "invited", notify)
    from .tasks import guest_email_send

    meeting_id = meeting.pk
    for participant_id, raw in guest_tokens:
        transaction.on_commit(
            lambda pid=participant_id, token=raw: guest_email_send.enqueue(
                meeting_id, pid, "invited", token
            )
        )
    return InvitationResult(invited=invited, already=already)


def _participation(meeting: Meeting, person) -> MeetingParticipant | None:
    return (
        MeetingParticipant.objects.select_for_update(of=("self",))
        .filter(meeting=meeting, person=person)
        .first()
    )


@transaction.atomic
def meeting_answer(*, meeting: Meeting, person, accept: bool) -> MeetingParticipant:
    """An invitee accepts or declines (and may change their mind until the meeting ends)."""
    meeting = _locked(meeting)
    _still_open(meeting)
    participant = _participation(meeting, person)
    if participant is None or participant.status not in ANSWERABLE:
        raise MeetingError("not_invited", _("Вас не приглашали на эту встречу."))
    participant.status = ParticipantStatus.ACCEPTED if accept else ParticipantStatus.DECLINED
    participant.responded_at = timezone.now()
    participant.save(update_fields=["status", "responded_at"])
    _notify(meeting, "answered", [meeting.host], skip=person)
    return participant


def guest_answer(*, participant: MeetingParticipant, accept: bool) -> MeetingParticipant:
    """A guest (by the link in their email) accepts or declines."""
    with transaction.atomic():
        meeting = _locked(participant.meeting)
        _still_open(meeting)
        participant = MeetingParticipant.objects.select_for_update(of=("self",)).get(
            pk=participant.pk
        )
        if participant.status not in ANSWERABLE:
            raise MeetingError("not_invited", _("Приглашение больше не действует."))
        participant.status = ParticipantStatus.ACCEPTED if accept else ParticipantStatus.DECLINED
        participant.responded_at = timezone.now()
        participant.save(update_fields=["status", "responded_at"])
        _notify(meeting, "answered", [meeting.host])
    return participant


@transaction.atomic
def meeting_request(*, meeting: Meeting, person, reason: str = "") -> MeetingParticipant:
    """Ask to enter: before the meeting the host answers the request; during it the asker
    waits in the lobby until admitted. Nobody enters by asking alone (a pupil who was not
    invited always waits)."""
    if not person.has_perm("meetings.request_meeting", meeting):
        raise PermissionDenied(_("В эту встречу нельзя попроситься."))
    meeting = _locked(meeting)
    _still_open(meeting)
    reason = " ".join((reason or "").split())[:MAX_REASON]
    participant = _participation(meeting, person)
    if participant is not None:
        if participant.status in (ParticipantStatus.INVITED, ParticipantStatus.ACCEPTED,
                                  ParticipantStatus.ADMITTED):  # fmt: skip
            raise MeetingError("already_in", _("Вы уже участник этой встречи."))
        if participant.status == ParticipantStatus.REFUSED:
            raise MeetingError("refused", _("Ведущий уже ответил отказом на вашу просьбу."))
        participant.status = ParticipantStatus.REQUESTED
        participant.reason = reason
        participant.save(update_fields=["status", "reason"])
    else:
        participant = MeetingParticipant.objects.create(
            meeting=meeting, person=person, status=ParticipantStatus.REQUESTED, reason=reason
        )
    _notify(meeting, "requested", [meeting.host])
    return participant


def _answer_request(*, participant: MeetingParticipant, by, admit: bool) -> MeetingParticipant:
    with transaction.atomic():
        meeting = _locked(participant.meeting)
        _host_only(meeting, by)
        _still_open(meeting)
        participant = (
            MeetingParticipant.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=participant.pk)
        )
        if participant.status != ParticipantStatus.REQUESTED:
            raise MeetingError("not_waiting", _("Этот человек не просит войти."))
        participant.status = ParticipantStatus.ADMITTED if admit else ParticipantStatus.REFUSED
        participant.responded_at = timezone.now()
        participant.save(update_fields=["status", "responded_at"])
        if participant.person is not None:
            _notify(meeting, "admitted" if admit else "refused", [participant.person])
    return participant


@transaction.atomic
def person_admit(*, meeting: Meeting, person, by) -> MeetingParticipant:
    """The host lets `person` in at once, whatever their place was (as when a consultation's
    host calls the next one from the queue): admitted, past the lobby. The caller tells them."""
    meeting = _locked(meeting)
    _host_only(meeting, by)
    _still_open(meeting)
    participant, _ = MeetingParticipant.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={
            "status": ParticipantStatus.ADMITTED,
            "invited_by": by,
            "responded_at": timezone.now(),
        },
    )
    return participant


def participant_admit(*, participant: MeetingParticipant, by) -> MeetingParticipant:
    """The host lets a person who asked in (from the lobby during the meeting)."""
    return _answer_request(participant=participant, by=by, admit=True)


def participant_refuse(*, participant: MeetingParticipant, by) -> MeetingParticipant:
    """The host answers a request with no."""
    return _answer_request(participant=participant, by=by, admit=False)


@transaction.atomic
def meeting_start(*, meeting: Meeting, by) -> Meeting:
    """The host starts the meeting, unless the safety rule refuses (`MeetingError` with code
    `safety` and the reason)."""
    from .safety import safety_refusal

    meeting = _locked(meeting)
    _host_only(meeting, by)
    _still_open(meeting)
    if meeting.status == MeetingStatus.STARTED:
        return meeting
    reason = safety_refusal(meeting)
    if reason:
        raise MeetingError("safety", reason)
    meeting.status = MeetingStatus.STARTED
    meeting.started_at = timezone.now()
    meeting.save(update_fields=["status", "started_at", "updated_at"])
    return meeting


@transaction.atomic
def meeting_end(*, meeting: Meeting, by) -> Meeting:
    meeting = _locked(meeting)
    _host_only(meeting, by)
    _still_open(meeting)
    meeting.status = MeetingStatus.ENDED
    meeting.ended_at = timezone.now()
    meeting.save(update_fields=["status", "ended_at", "updated_at"])
    return meeting


def _told(meeting: Meeting) -> tuple[list, list[int]]:
    """Who hears of a move or a cancellation: people invited or in, and guests."""
    people, guests = [], []
    for participant in meeting.participants.select_related("person").exclude(
        status__in=(ParticipantStatus.DECLINED, ParticipantStatus.REFUSED)
    ):
        if participant.person is None:
            guests.append(participant.pk)
        else:
            people.append(participant.person)
    return people, guests


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    """Cancel: everyone invited hears, with a calendar cancellation (the next sequence)."""
    meeting = _locked(meeting)
    _host_only(meeting, by)
    _still_open(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    people, guests = _told(meeting)
    _notify(meeting, "cancelled", people, skip=by)
    _guests_notify(meeting, "cancelled", guests)
    return meeting


@transaction.atomic
def meeting_move(
    *, meeting: Meeting, by, starts_at: datetime, duration_minutes: int | None = None
) -> Meeting:
    """Move the meeting: everyone invited gets the updated calendar entry (sequence + 1)."""
    meeting = _locked(meeting)
    _host_only(meeting, by)
    _still_open(meeting)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise MeetingError("started", _("Встреча уже идёт: её нельзя перенести."))
    if duration_minutes is not None and not 5 <= duration_minutes <= 480:
        raise MeetingError(
            "invalid", _("Длительность — от 5 до 480 минут."), field="duration_minutes"
        )
    meeting.starts_at = starts_at
    if duration_minutes is not None:
        meeting.duration_minutes = duration_minutes
    meeting.sequence += 1
    meeting.save(update_fields=["starts_at", "duration_minutes", "sequence", "updated_at"])
    people, guests = _told(meeting)
    _notify(meeting, "moved", people, skip=by)
    _guests_notify(meeting, "moved", guests)
    return meeting


def may_keep_minutes(meeting: Meeting, person) -> bool:
    return person is not None and meeting.host_id == person.pk


@transaction.atomic
def minutes_set(*, meeting: Meeting, by, text: str) -> Meeting:
    """The host keeps the minutes; the participants read them."""
    meeting = _locked(meeting)
    _host_only(meeting, by)
    meeting.minutes = (text or "").strip()
    meeting.save(update_fields=["minutes", "updated_at"])
    return meeting


@transaction.atomic
def minutes_publish(*, meeting: Meeting, by):
    """A council meeting's minutes become a decision on the council page: a new revision of
    the page with one more `CouncilDecision`, submitted to the page's moderation workflow
    (never published here; an editor publishes it). Returns the revision."""
    from site_content.governance.models import CouncilDecision, CouncilPage

    meeting = _locked(meeting)
    _host_only(meeting, by)
    if meeting.room.kind != RoomKind.COUNCIL or meeting.room.council_id is None:
        raise MeetingError("not_council", _("Публиковать можно только протокол заседания совета."))
    if not meeting.minutes.strip():
        raise MeetingError("no_minutes", _("Протокол пуст: сначала запишите его."))
    if meeting.confidential:
        raise MeetingError("confidential", _("Протокол конфиденциальной встречи не публикуется."))
    page = CouncilPage.objects.filter(pk=meeting.room.council_id).first()
    if page is None:
        raise MeetingError("no_council", _("Страницы совета больше нет."))
    draft = page.get_latest_revision_as_object()
    draft.decisions.add(
        CouncilDecision(
            date=meeting.starts_at.astimezone(_moscow()).date(),
            title=meeting.title,
            text=meeting.minutes,
        )
    )
    revision = draft.save_revision(user=by, log_action=True)
    page.refresh_from_db()
    submit_for_moderation(page=page, by=by)
    return revision


def _moscow():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Moscow")


def person_by_id(person_id: int):
    return get_user_model().objects.filter(pk=person_id, is_active=True).first()


def room_link_set(*, room: Room, by, link: str) -> Room:
    """A host pastes the room's own video link (Telemost, Sferum); admitted participants are
    handed it at the meeting's time, nobody else."""
    from .rules import can_host_in_room

    if not can_host_in_room(by, room):
        raise PermissionDenied(_("Ссылку комнаты меняют её ведущие."))
    room.external_url = link
    room.save(update_fields=["external_url"])
    return room
