"""Who may see a room, host in it, and see a meeting: `rules` predicates, one place for the
API, the services and the calendar alike.

- A person's room (a teacher's, tutor's, psychologist's): the school's signed-in people, not
  visitors who signed up from outside nor partners.
- A project's room: the project's people (the projects app's own predicates).
- A council's room: the council's members (the council member role) and staff.
- The school's room: the school's own people.

Hosting: the owner of a personal room, the tutor or an accepted consultant of a project, staff
in council and school rooms. A meeting is seen by its host and participants; a meeting that is
not confidential is also seen (to ask to enter) by whoever sees its room. A confidential
meeting (the psychologist's) is seen by its host and its participants and nobody else, staff
included.
"""

from __future__ import annotations

import rules

from cms.users.choices import INTERNAL_ROLES, RoleChoices
from cms.users.permissions import is_signed_in, is_staff_member

from .models import MeetingParticipant, RoomKind

__all__ = [
    "SCHOOL_ADULT_ROLES",
    "can_host_in_room",
    "can_see_meeting",
    "can_see_room",
    "is_host",
    "is_meeting_person",
    "is_participant",
    "is_school_person",
]

# The school's adults who make a meeting with a minor and an outsider safe.
SCHOOL_ADULT_ROLES = (
    RoleChoices.TEACHER,
    RoleChoices.TUTOR,
    RoleChoices.PSYCHOLOGIST,
    RoleChoices.COORDINATOR,
    RoleChoices.STAFF,
    RoleChoices.ADMINISTRATOR,
)
# Who may own a personal room and host meetings in it.
ROOM_OWNER_ROLES = (RoleChoices.TEACHER, RoleChoices.TUTOR, RoleChoices.PSYCHOLOGIST)


@rules.predicate
def is_school_person(user) -> bool:
    """Signed in and holding a role inside the school (not only a partner or a visitor)."""
    return is_signed_in(user) and (user.is_superuser or bool(user.roles & INTERNAL_ROLES))


@rules.predicate
def can_see_room(user, room) -> bool:
    if not is_signed_in(user) or room is None:
        return False
    if room.kind == RoomKind.PERSONAL:
        return room.owner_id == user.pk or is_school_person(user)
    if room.kind == RoomKind.PROJECT:
        from cms.projects.rules import is_project_person

        return is_project_person(user, room.project)
    if room.kind == RoomKind.COUNCIL:
        return is_staff_member(user) or user.has_role(RoleChoices.COUNCIL_MEMBER)
    return is_school_person(user)


@rules.predicate
def can_host_in_room(user, room) -> bool:
    if not is_signed_in(user) or room is None:
        return False
    if room.kind == RoomKind.PERSONAL:
        return room.owner_id == user.pk
    if room.kind == RoomKind.PROJECT:
        # The tutor, and a consultant the project accepted (the safety rule then asks for an
        # adult of the school whenever a pupil takes part).
        from cms.projects.rules import is_consultant

        project = room.project
        return project is not None and (
            project.tutor_id == user.pk or bool(is_consultant(user, project))
        )
    return is_staff_member(user)


@rules.predicate
def is_host(user, meeting) -> bool:
    return is_signed_in(user) and meeting is not None and meeting.host_id == user.pk


@rules.predicate
def is_participant(user, meeting) -> bool:
    """Any place in the meeting: invited, answered, asked, admitted or refused."""
    if not is_signed_in(user) or meeting is None:
        return False
    return MeetingParticipant.objects.filter(meeting=meeting, person=user).exists()


is_meeting_person = is_host | is_participant


@rules.predicate
def can_see_meeting(user, meeting) -> bool:
    if meeting is None or not is_signed_in(user):
        return False
    if is_meeting_person(user, meeting):
        return True
    return not meeting.confidential and can_see_room(user, meeting.room)


rules.add_perm("meetings.view_room", can_see_room)
rules.add_perm("meetings.host_in_room", can_host_in_room)
rules.add_perm("meetings.view_meeting", can_see_meeting)
rules.add_perm("meetings.change_meeting", is_host)
# Asking to enter: whoever sees the room, for a meeting that is not confidential.
rules.add_perm(
    "meetings.request_meeting",
    rules.predicate(
        lambda user, meeting: (
            meeting is not None
            and not meeting.confidential
            and not is_host(user, meeting)
            and can_see_room(user, meeting.room)
        ),
        name="can_request_meeting",
    ),
)
