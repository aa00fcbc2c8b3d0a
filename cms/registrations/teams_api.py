"""The teams endpoints of a team event: list and form teams, join one, leave one."""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from wagtail.models import Page

from cms.api.base import ApiView
from cms.api.errors import error_response

from . import teams
from .models import TeamMembership
from .rules import is_organiser_of
from .services import RegistrationError


class Refused(exceptions.APIException):
    """A team change the rules refuse, with the rule's stable code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: RegistrationError):
        super().__init__(error.message)
        self.default_code = error.code


REFUSED = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Refused by a rule, in the error shape; `code`: no_teams, not_registered, "
    "already_in_team, name_taken, no_such_team, team_full.",
)


def _event(event_id: int):
    page = Page.objects.live().public().filter(pk=event_id).first()
    event = page.specific if page is not None else None
    if event is None or not hasattr(event, "team_size_max"):
        raise Http404
    return event


class TeamSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=teams.MAX_TEAM_NAME)
    size = serializers.IntegerField(read_only=True)
    full = serializers.BooleanField(read_only=True)
    complete = serializers.BooleanField(
        read_only=True, help_text="The team has at least the event's minimum size."
    )
    mine = serializers.BooleanField(read_only=True)
    members = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="First names of the members; only for the team one is in.",
    )


class TeamsSerializer(serializers.Serializer):
    team_size_min = serializers.IntegerField(allow_null=True)
    team_size_max = serializers.IntegerField(allow_null=True)
    my_team = serializers.IntegerField(allow_null=True)
    teams = TeamSerializer(many=True)


def _teams_body(event, person) -> dict:
    mine = teams.team_of(event=event, person=person)
    low, high = event.team_size_min or 1, event.team_size_max
    rows = []
    for team in teams.teams_for_event(event=event):
        members = []
        if mine is not None and team.pk == mine.pk:
            members = [
                m.registration.person.first_name or m.registration.person.get_username()
                for m in team.memberships.select_related("registration__person")
            ]
        rows.append(
            {
                "id": team.pk,
                "name": team.name,
                "size": team.size,
                "full": high is not None and team.size >= high,
                "complete": team.size >= low,
                "mine": mine is not None and team.pk == mine.pk,
                "members": members,
            }
        )
    return {
        "team_size_min": event.team_size_min,
        "team_size_max": event.team_size_max,
        "my_team": mine.pk if mine else None,
        "teams": rows,
    }


def _private(response: Response) -> Response:
    response["Cache-Control"] = "private, no-store"
    return response


class EventTeamsView(ApiView):
    """The teams of a team event (`GET`), or form a new one and join it (`POST`)."""

    serializer_class = TeamSerializer
    pagination_class = None

    @extend_schema(responses=TeamsSerializer)
    def get(self, request, event_id: int):
        event = _event(event_id)
        return _private(Response(_teams_body(event, request.user)))

    @extend_schema(request=TeamSerializer, responses={201: TeamsSerializer, 409: REFUSED})
    def post(self, request, event_id: int):
        event = _event(event_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            teams.team_create(
                event=event, person=request.user, name=serializer.validated_data["name"]
            )
        except RegistrationError as error:
            raise Refused(error) from None
        return _private(Response(_teams_body(event, request.user), status=201))


class TeamJoinView(ApiView):
    """Join a team that has room (a confirmed registrant, in no other team of the event)."""

    serializer_class = TeamsSerializer

    @extend_schema(request=None, responses={200: TeamsSerializer, 409: REFUSED})
    def post(self, request, event_id: int, team_id: int):
        event = _event(event_id)
        try:
            teams.team_join(event=event, person=request.user, team_id=team_id)
        except RegistrationError as error:
            raise Refused(error) from None
        return _private(Response(_teams_body(event, request.user)))


class TeamMembershipView(ApiView):
    """Leave one's team of this event."""

    serializer_class = TeamsSerializer

    @extend_schema(
        request=None,
        responses=inline_serializer("TeamLeft", {"left": serializers.BooleanField()}),
    )
    def delete(self, request, event_id: int):
        event = _event(event_id)
        left = teams.team_leave(event=event, person=request.user)
        return _private(Response({"left": left}))


def teams_export_view(request, event_id: int):
    """The event's teams and their members as CSV, for its organisers."""
    try:
        event = _event(event_id)
    except Http404:
        return error_response("not_found", _("Не найдено."), status=404)
    if not request.user.is_authenticated:
        return error_response("not_authenticated", _("Войдите, чтобы продолжить."), status=401)
    if not is_organiser_of(request.user, event):
        return error_response(
            "permission_denied", _("Состав команд видят только организаторы события."), status=403
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="teams-{event.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so spreadsheet programs read the Cyrillic as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Команда"), _("Участник"), _("Класс"), _("Почта"), _("Вступил")])
    memberships = (
        TeamMembership.objects.filter(event_id=event.pk)
        .select_related("team", "registration__person__school_class")
        .order_by("team__created_at", "team__pk", "joined_at", "pk")
    )
    for membership in memberships:
        person = membership.registration.person
        writer.writerow(
            [
                membership.team.name,
                person.full_name or person.get_username(),
                str(person.school_class) if person.school_class_id else "",
                person.email,
                membership.joined_at.isoformat(timespec="minutes"),
            ]
        )
    return response
