"""Teams of team events: form one, join one, leave one; and the reads the widget and the
organisers need.

A team's size holds under contention because joining locks the team's row first; "one team per
registration and event" is a unique constraint. Only confirmed registrants are in teams: a
cancelled or declined registration leaves its team at once.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from .events import RegistrableEvent
from .models import Registration, RegistrationStatus, Team, TeamMembership
from .services import RegistrationError, on_registration_change

__all__ = [
    "team_create",
    "team_join",
    "team_leave",
    "teams_for_event",
    "team_of",
]

MAX_TEAM_NAME = 80


def _team_limits(event: RegistrableEvent) -> tuple[int, int]:
    low, high = getattr(event, "team_size_min", None), getattr(event, "team_size_max", None)
    if high is None:
        raise RegistrationError("no_teams", _("На этом событии участвуют без команд."))
    return low or 1, high


def _confirmed_registration(event: RegistrableEvent, person) -> Registration:
    registration = Registration.objects.filter(
        event_id=event.pk, person=person, status=RegistrationStatus.CONFIRMED
    ).first()
    if registration is None:
        raise RegistrationError(
            "not_registered",
            _("В команду может вступить только участник с подтверждённой регистрацией."),
        )
    return registration


def _already_in_team() -> RegistrationError:
    return RegistrationError(
        "already_in_team", _("Вы уже в команде этого события: сначала выйдите из неё.")
    )


def team_create(*, event: RegistrableEvent, person, name: str) -> Team:
    """A confirmed registrant forms a team and is its first member."""
    _team_limits(event)
    name = " ".join(name.split())[:MAX_TEAM_NAME]
    if not name:
        raise RegistrationError("invalid_name", _("Назовите команду."))
    registration = _confirmed_registration(event, person)
    if TeamMembership.objects.filter(event_id=event.pk, registration=registration).exists():
        raise _already_in_team()
    if Team.objects.filter(event_id=event.pk, name__iexact=name).exists():
        raise RegistrationError("name_taken", _("Команда с таким названием уже есть."))
    try:
        with transaction.atomic():
            team = Team.objects.create(event_id=event.pk, name=name, created_by=person)
            TeamMembership.objects.create(team=team, event_id=event.pk, registration=registration)
    except IntegrityError:
        # Someone took the name, or this person joined a team, a moment ago.
        if TeamMembership.objects.filter(event_id=event.pk, registration=registration).exists():
            raise _already_in_team() from None
        raise RegistrationError("name_taken", _("Команда с таким названием уже есть.")) from None
    return team


def team_join(*, event: RegistrableEvent, person, team_id: int) -> Team:
    """A confirmed registrant joins a team that has room."""
    _low, high = _team_limits(event)
    registration = _confirmed_registration(event, person)
    try:
        with transaction.atomic():
            team = Team.objects.select_for_update().filter(pk=team_id, event_id=event.pk).first()
            if team is None:
                raise RegistrationError("no_such_team", _("Такой команды на этом событии нет."))
            if TeamMembership.objects.filter(event_id=event.pk, registration=registration).exists():
                raise _already_in_team()
            if team.memberships.count() >= high:
                raise RegistrationError(
                    "team_full",
                    _("В команде уже %(count)s человек — больше нельзя.") % {"count": high},
                )
            TeamMembership.objects.create(team=team, event_id=event.pk, registration=registration)
    except IntegrityError:
        raise _already_in_team() from None
    return team


def team_leave(*, event: RegistrableEvent, person) -> bool:
    """The person leaves their team of this event; an empty team is removed. Whether they
    were in one."""
    with transaction.atomic():
        membership = (
            TeamMembership.objects.select_related("team")
            .filter(event_id=event.pk, registration__person=person)
            .first()
        )
        if membership is None:
            return False
        _leave(membership)
    return True


def _leave(membership: TeamMembership) -> None:
    team = Team.objects.select_for_update().get(pk=membership.team_id)
    membership.delete()
    if not team.memberships.exists():
        team.delete()


@on_registration_change
def _leave_when_cancelled(registration: Registration, what: str) -> None:
    if what not in ("cancelled", "declined", "moved"):
        return
    with transaction.atomic():
        for membership in TeamMembership.objects.filter(registration=registration):
            _leave(membership)


def teams_for_event(*, event: RegistrableEvent):
    """The event's teams with their member counts, in order of forming."""
    return Team.objects.filter(event_id=event.pk).annotate(size=Count("memberships"))


def team_of(*, event: RegistrableEvent, person) -> Team | None:
    """The person's team on this event, if any."""
    membership = (
        TeamMembership.objects.select_related("team")
        .filter(event_id=event.pk, registration__person=person)
        .first()
    )
    return membership.team if membership else None
