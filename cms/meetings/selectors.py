"""Reads of the meeting rooms: my meetings, one meeting as its people see it, the lobby, the
rooms a person sees, and the join link (`join_url_for`), issued only to the host and the
people who accepted or were admitted, only within the meeting's window, and only while the
safety rule holds.

Lists cost a fixed number of queries however many meetings and people they hold: the
participants, their roles and classes come in with the meetings, and names are worked out from
those rows (`PersonNames`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from cms.users.permissions import is_staff_member
from cms.users.selectors import pupil_public_name

from .calendars import meeting_title_for_outside
from .models import (
    Meeting,
    MeetingParticipant,
    MeetingStatus,
    ParticipantStatus,
    Room,
    RoomKind,
)
from .video import video_settings

__all__ = [
    "JoinRefused",
    "guest_join_url",
    "guest_participant",
    "join_url_for",
    "join_window",
    "lobby",
    "meeting_detail",
    "meetings_for",
    "meetings_page_path",
    "meetings_url",
    "rooms_for",
    "visible_meeting",
]

# The list shows meetings from this long ago.
PAST = timedelta(days=30)
MAX_LISTED = 200
IN = (ParticipantStatus.ACCEPTED, ParticipantStatus.ADMITTED)


class JoinRefused(Exception):
    """The join link is not given now; the message says why, in plain words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = str(reason)


def meetings_page_path(language: str) -> str:
    from .models import MeetingsPage

    page = (
        MeetingsPage.objects.live().filter(locale__language_code=language).first()
        or MeetingsPage.objects.live().first()
    )
    url = page.url if page is not None else ""
    return url or f"/{language}/cabinet/meetings/"


def meetings_url(*, meeting_id: int, language: str) -> str:
    """The meeting in the cabinet's meetings page: `/<lang>/cabinet/meetings/?meeting=<id>`."""
    return f"{meetings_page_path(language)}?meeting={meeting_id}"


class PersonNames:
    """Names as `display_name_for` gives them, for many people at once: a pupil's full name
    only to themselves, their parents and staff; others by the pupil's consent."""

    def __init__(self, viewer):
        self.viewer = viewer
        self.staff = is_staff_member(viewer)
        self.children = set(
            Guardianship.objects.filter(parent=viewer).values_list("child_id", flat=True)
        )

    def __call__(self, person) -> str:
        if RoleChoices.STUDENT not in person.roles:
            return person.full_name
        if self.staff or person.pk == self.viewer.pk or person.pk in self.children:
            return person.full_name
        return pupil_public_name(
            first_name=person.first_name,
            last_name=person.last_name,
            school_class=person.school_class.name if person.school_class_id else "",
            parental_consent=person.parental_consent,
            name_display=person.name_display,
        )


def _meetings():
    people = MeetingParticipant.objects.select_related("person__school_class").prefetch_related(
        "person__role_links"
    )
    return Meeting.objects.select_related(
        "room", "host__school_class", "room__project"
    ).prefetch_related("host__role_links", Prefetch("participants", queryset=people))


def visible_meeting(*, meeting_id: int, user) -> Meeting | None:
    """The meeting if `user` may see it, else None (the API answers 404 either way)."""
    meeting = _meetings().filter(pk=meeting_id).first()
    if meeting is None or not user.has_perm("meetings.view_meeting", meeting):
        return None
    return meeting


def join_window(meeting: Meeting) -> tuple[datetime, datetime]:
    early = timedelta(minutes=getattr(settings, "MEETINGS_JOIN_EARLY_MINUTES", 15))
    return meeting.starts_at - early, meeting.ends_at


def _mine(meeting: Meeting, person) -> MeetingParticipant | None:
    return next((p for p in meeting.participants.all() if p.person_id == person.pk), None)


def _in_window(meeting: Meeting, now: datetime) -> bool:
    if meeting.status == MeetingStatus.STARTED:
        return True
    if meeting.status != MeetingStatus.SCHEDULED:
        return False
    opens, closes = join_window(meeting)
    return opens <= now <= closes


def _join_refusal(meeting: Meeting, participant, *, is_host: bool, now: datetime) -> str | None:
    if meeting.status == MeetingStatus.CANCELLED:
        return _("Встреча отменена.")
    if meeting.status == MeetingStatus.ENDED:
        return _("Встреча уже закончилась.")
    if not is_host:
        if participant is None or participant.status not in IN:
            if participant is not None and participant.status == ParticipantStatus.REQUESTED:
                return _("Вы в зале ожидания: ведущий скоро впустит вас.")
            return _("Войти могут только участники, которых пригласили или впустили.")
    if not _in_window(meeting, now):
        opens, closes = join_window(meeting)
        if now < opens:
            return _("Войти можно за %(minutes)s минут до начала.") % {
                "minutes": getattr(settings, "MEETINGS_JOIN_EARLY_MINUTES", 15)
            }
        return _("Время встречи прошло.")
    from .safety import safety_refusal

    return safety_refusal(meeting)


def _join_request(meeting: Meeting, *, display_name: str, user_id: str, email: str,
                  moderator: bool, lobby: bool):  # fmt: skip
    from cms.meetings import video

    opens, closes = join_window(meeting)
    return video.JoinRequest(
        room_name=meeting.room.video_name,
        meeting_title=meeting_title_for_outside(meeting),
        display_name=display_name,
        user_id=user_id,
        email=email,
        moderator=moderator,
        lobby=lobby,
        not_before=min(opens, timezone.now()),
        expires_at=closes
        if meeting.status != MeetingStatus.STARTED
        else max(closes, timezone.now() + timedelta(hours=1)),
        external_url=meeting.room.external_url,
    )


def _open(request) -> str:
    from cms.meetings import video

    return video.open_join_url(request)


def provider_name() -> str:
    from cms.meetings import video

    return video.video_provider().name


def join_url_for(*, meeting: Meeting, person) -> str:
    """The provider's join link for `person`, or `JoinRefused(reason)`."""
    is_host = meeting.host_id == person.pk
    participant = (
        None
        if is_host
        else (MeetingParticipant.objects.filter(meeting=meeting, person=person).first())
    )
    reason = _join_refusal(meeting, participant, is_host=is_host, now=timezone.now())
    if reason:
        raise JoinRefused(reason)
    # A pupil who came in by asking goes through the provider's lobby too; an invited one not.
    lobby = (not is_host) and person.is_student and participant.invited_by_id is None
    request = _join_request(
        meeting,
        display_name=person.full_name or person.get_username(),
        user_id=f"user-{person.pk}",
        email="" if person.is_student else person.email,
        moderator=is_host,
        lobby=lobby,
    )
    return _open(request)


def guest_participant(*, raw_token: str) -> MeetingParticipant | None:
    from .services import guest_token_hash

    if not raw_token or len(raw_token) > 100:
        return None
    return (
        MeetingParticipant.objects.select_related("meeting__room", "meeting__host")
        .filter(person__isnull=True, token_hash=guest_token_hash(raw_token))
        .exclude(token_hash="")
        .first()
    )


def guest_join_url(*, participant: MeetingParticipant) -> str:
    meeting = participant.meeting
    reason = _join_refusal(meeting, participant, is_host=False, now=timezone.now())
    if reason:
        raise JoinRefused(reason)
    return _open(
        _join_request(
            meeting,
            display_name=participant.name or participant.email.split("@")[0],
            user_id=f"guest-{participant.pk}",
            email=participant.email,
            moderator=False,
            lobby=True,
        )
    )


def _person(person, names) -> dict:
    return {"id": person.pk, "name": names(person)}


def _meeting_json(meeting: Meeting, *, viewer, names, now: datetime) -> dict:
    is_host = meeting.host_id == viewer.pk
    mine = None if is_host else _mine(meeting, viewer)
    insider = is_host or mine is not None
    title = meeting.title if insider or not meeting.confidential else _("Консультация")
    if is_host:
        participants = [
            {
                "id": p.pk,
                "person": _person(p.person, names) if p.person else None,
                "name": names(p.person) if p.person else (p.name or p.email),
                "email": "" if p.person else p.email,
                "status": p.status,
                "reason": p.reason,
            }
            for p in meeting.participants.all()
        ]
    elif insider:
        participants = [
            {
                "id": p.pk,
                "person": _person(p.person, names) if p.person else None,
                "name": names(p.person) if p.person else _("гость"),
                "email": "",
                "status": p.status,
                "reason": "",
            }
            for p in meeting.participants.all()
            if p.status in IN
        ]
    else:
        participants = []
    open_ = meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.STARTED)
    can_join = (
        open_ and (is_host or (mine is not None and mine.status in IN)) and _in_window(meeting, now)
    )
    in_minutes = is_host or (mine is not None and mine.status in IN)
    return {
        "id": meeting.pk,
        "title": title,
        "description": meeting.description if insider else "",
        "confidential": meeting.confidential,
        "room": {"id": meeting.room.pk, "title": meeting.room.title, "kind": meeting.room.kind},
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "duration_minutes": meeting.duration_minutes,
        "status": meeting.status,
        "host": _person(meeting.host, names),
        "my_status": "host" if is_host else (mine.status if mine else ""),
        "participants": participants,
        "can_join": can_join,
        "minutes": meeting.minutes if in_minutes else "",
        "permissions": {
            "change": is_host and meeting.status == MeetingStatus.SCHEDULED,
            "cancel": is_host and open_,
            "start": is_host and meeting.status == MeetingStatus.SCHEDULED,
            "admit": is_host and open_,
            "minutes": is_host,
            "publish_minutes": is_host
            and meeting.room.kind == RoomKind.COUNCIL
            and not meeting.confidential,
            "request": not is_host
            and (mine is None or mine.status == ParticipantStatus.DECLINED)
            and open_
            and not meeting.confidential,
        },
    }


def meeting_detail(*, meeting: Meeting, viewer) -> dict:
    return _meeting_json(meeting, viewer=viewer, names=PersonNames(viewer), now=timezone.now())


def meetings_for(*, person) -> list[dict]:
    """My meetings (hosted or taking part in any way), upcoming and of the last 30 days."""
    since = timezone.now() - PAST
    ids = (
        Meeting.objects.filter(Q(host=person) | Q(participants__person=person))
        .filter(starts_at__gte=since)
        .values("pk")
    )
    meetings = _meetings().filter(pk__in=ids).order_by("starts_at", "pk")[:MAX_LISTED]
    names, now = PersonNames(person), timezone.now()
    return [_meeting_json(m, viewer=person, names=names, now=now) for m in meetings]


def lobby(*, meeting: Meeting, viewer) -> list[dict]:
    """Who asks to enter (before the meeting) or waits in the lobby (during it), first first."""
    names = PersonNames(viewer)
    waiting = (
        MeetingParticipant.objects.filter(meeting=meeting, status=ParticipantStatus.REQUESTED)
        .select_related("person__school_class")
        .prefetch_related("person__role_links")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": p.pk,
            "person": _person(p.person, names) if p.person else None,
            "name": names(p.person) if p.person else (p.name or p.email),
            "reason": p.reason,
            "since": p.created_at,
        }
        for p in waiting
    ]


def rooms_for(*, person) -> list[dict]:
    """The rooms `person` sees, whether they may host in each, and their upcoming meetings that
    are not confidential (to ask to enter)."""
    from cms.projects.models import MemberStatus, Project

    from .rules import can_host_in_room, is_school_person

    q = Q(owner=person)
    if is_school_person(person):
        q |= Q(kind__in=[RoomKind.PERSONAL, RoomKind.SCHOOL])
    if is_staff_member(person) or person.has_role(RoleChoices.COUNCIL_MEMBER):
        q |= Q(kind=RoomKind.COUNCIL)
    if is_staff_member(person) or person.has_role(RoleChoices.COORDINATOR):
        q |= Q(kind=RoomKind.PROJECT)
    else:
        projects = Project.objects.filter(
            Q(tutor=person)
            | Q(members__person=person, members__status=MemberStatus.ACCEPTED)
            | Q(
                members__person__parent_links__parent=person,
                members__status=MemberStatus.ACCEPTED,
                members__role="author",
            )  # fmt: skip
        ).values("pk")
        q |= Q(kind=RoomKind.PROJECT, project__in=projects)
    now = timezone.now()
    upcoming = Meeting.objects.filter(
        confidential=False,
        status__in=(MeetingStatus.SCHEDULED, MeetingStatus.STARTED),
        starts_at__gte=now - timedelta(hours=8),
    ).order_by("starts_at", "pk")
    rooms = (
        Room.objects.filter(q)
        .select_related("project", "owner")
        .prefetch_related(Prefetch("meetings", queryset=upcoming, to_attr="upcoming"))
        .distinct()
        .order_by("kind", "title", "pk")[:MAX_LISTED]
    )
    uses_links = video_settings().get("PROVIDER", "external") == "external"
    listed = []
    for room in rooms:
        may_host = bool(can_host_in_room(person, room))
        listed.append(
            {
                "id": room.pk,
                "title": room.title,
                "kind": room.kind,
                "may_host": may_host,
                # The room's own Telemost/Sferum link, for its hosts to set (the school's
                # provider is a plain link); nobody else is handed it outside a meeting.
                "link": room.external_url if may_host and uses_links else None,
                "meetings": [
                    {"id": m.pk, "title": m.title, "starts_at": m.starts_at, "status": m.status}
                    for m in room.upcoming[:20]
                    if m.ends_at >= now
                ],
            }
        )
    return listed


# The groups a host may invite at once (everyone with the role).
INVITABLE_ROLES = (
    RoleChoices.TEACHER,
    RoleChoices.TUTOR,
    RoleChoices.PSYCHOLOGIST,
    RoleChoices.COORDINATOR,
    RoleChoices.COUNCIL_MEMBER,
    RoleChoices.EXPERT,
)
PEOPLE_FOUND_LIMIT = 20


def invitable_people(*, meeting: Meeting, viewer):
    """Whom `viewer`, the host, may invite: an adult of the school anyone active at the
    school; a host from outside (a project's consultant) only the school's adults and the
    people of the room's project, so an outsider cannot reach pupils they do not work with."""
    from cms.users.models import User

    from .rules import SCHOOL_ADULT_ROLES

    people = User.objects.filter(is_active=True).exclude(role_links__isnull=True)
    if viewer.has_role(*SCHOOL_ADULT_ROLES):
        return people
    allowed = Q(role_links__role__in=SCHOOL_ADULT_ROLES)
    project = meeting.room.project if meeting.room.kind == RoomKind.PROJECT else None
    if project is not None:
        allowed |= Q(
            project_memberships__project=project,
            project_memberships__status="accepted",
        )
    return people.filter(allowed).distinct()


def invite_options(*, meeting: Meeting, viewer, q: str = "") -> dict:
    """What the host's invitation form offers: people found by name or class (named as the
    host may see them, never with an address), and, for an adult of the school, the classes
    and groups to invite at once."""
    from cms.users.models import SchoolClass
    from cms.users.selectors import display_name_for

    from .rules import SCHOOL_ADULT_ROLES

    found = []
    words = q.split()[:3]
    if words:
        people = (
            invitable_people(meeting=meeting, viewer=viewer)
            .exclude(pk=meeting.host_id)
            .exclude(meeting_participations__meeting=meeting)
            .select_related("school_class")
            .prefetch_related("role_links")
        )
        for word in words:
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(patronymic__icontains=word)
                | Q(school_class__name__iexact=word)
            )
        found = [
            {"id": person.pk, "name": _invitee_name(person, viewer, display_name_for)}
            for person in people.distinct().order_by("last_name", "first_name", "pk")[
                :PEOPLE_FOUND_LIMIT
            ]
        ]
    groups = viewer.has_role(*SCHOOL_ADULT_ROLES)
    return {
        "people": found,
        "classes": [{"id": c.pk, "name": c.name} for c in SchoolClass.objects.all()]
        if groups
        else [],
        "roles": [{"value": r.value, "label": str(r.label)} for r in INVITABLE_ROLES]
        if groups
        else [],
    }


def _invitee_name(person, viewer, display_name_for) -> str:
    """A pupil's teachers know their pupils: an adult of the school finds a pupil by full name
    and class; anyone else sees the name the pupil's consent allows."""
    from .rules import SCHOOL_ADULT_ROLES

    if person.is_student and viewer.has_role(*SCHOOL_ADULT_ROLES):
        name = person.full_name
        return f"{name}, {person.school_class.name}" if person.school_class_id else name
    return display_name_for(person=person, viewer=viewer)
