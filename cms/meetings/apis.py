"""The meetings API: my meetings, one meeting (move, cancel), invitations and answers,
requests to enter and the lobby, start and end, the join link, minutes (and a council's
minutes published as a decision through the editors), the rooms I see, and a guest's link.

Thin views: the rules are in `rules` and `services`, the reads in `selectors`. A meeting the
asker may not see is a 404; an action its people may not take is a 403; a state that refuses
it is a 409 (`code: "safety"` when the safety rule refuses to start). Every answer is private.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cms.api.base import PersonWritesThrottled, PrivateApiView
from cms.api.serializers import ChoiceSerializer, PersonSerializer
from cms.users.choices import RoleChoices

from . import selectors, services
from .models import MeetingParticipant, MeetingStatus, ParticipantStatus, Room, RoomKind


class MeetingConflict(exceptions.APIException):
    """The rules refuse the change now: 409 with the service's code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: services.MeetingError):
        super().__init__(error.message)
        self.default_code = error.code


def _refused(error: services.MeetingError):
    if error.field:
        return serializers.ValidationError({error.field: [error.message]})
    return MeetingConflict(error)


def _forbidden(error: DjangoPermissionDenied):
    return exceptions.PermissionDenied(str(error) or None)


class ParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = PersonSerializer(allow_null=True)
    name = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True, help_text="Only a guest's, only to the host.")
    status = serializers.ChoiceField(choices=ParticipantStatus.choices)
    reason = serializers.CharField(allow_blank=True)


class RoomRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=RoomKind.choices)


class MeetingPermissionsSerializer(serializers.Serializer):
    change = serializers.BooleanField()
    cancel = serializers.BooleanField()
    start = serializers.BooleanField()
    admit = serializers.BooleanField()
    minutes = serializers.BooleanField()
    publish_minutes = serializers.BooleanField()
    request = serializers.BooleanField()


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    confidential = serializers.BooleanField()
    room = RoomRefSerializer()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField()
    status = serializers.ChoiceField(choices=MeetingStatus.choices)
    host = PersonSerializer()
    my_status = serializers.CharField(allow_blank=True)
    participants = ParticipantSerializer(many=True)
    can_join = serializers.BooleanField()
    minutes = serializers.CharField(allow_blank=True)
    permissions = MeetingPermissionsSerializer()


class MeetingInviteSerializer(serializers.Serializer):
    person_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=300
    )
    class_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=50
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=RoleChoices.choices), required=False, max_length=12
    )
    emails = serializers.ListField(
        child=serializers.EmailField(max_length=254), required=False, max_length=50
    )


class CreateSerializer(serializers.Serializer):
    room_id = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=5, max_value=480, default=45)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    invite = MeetingInviteSerializer(required=False)


class MoveSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=5, max_value=480, required=False)


class MeetingAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=["accept", "decline"])


class RequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class AdmitSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=["admit", "refuse"])


class MinutesSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=50000, allow_blank=True, trim_whitespace=False)


class LobbyEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = PersonSerializer(allow_null=True)
    name = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
    since = serializers.DateTimeField()


class JoinSerializer(serializers.Serializer):
    url = serializers.CharField()
    provider = serializers.CharField()


class InvitationResultSerializer(serializers.Serializer):
    invited = serializers.IntegerField()
    already = serializers.IntegerField()
    meeting = MeetingSerializer()


class RoomMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=MeetingStatus.choices)


class RoomSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=RoomKind.choices)
    may_host = serializers.BooleanField()
    link = serializers.URLField(
        allow_null=True,
        help_text="The room's own video link (Telemost, Sferum): to its hosts only, and only "
        "when the school's provider is a plain link.",
    )
    meetings = RoomMeetingSerializer(many=True)


class RoomLinkSerializer(serializers.Serializer):
    link = serializers.URLField(
        max_length=200, allow_blank=True, help_text="https:// address of the video meeting."
    )

    def validate_link(self, value):
        if value and not value.startswith("https://"):
            raise serializers.ValidationError(_("Нужна ссылка, начинающаяся с https://."))
        return value


class MeetingGuestSerializer(serializers.Serializer):
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=MeetingStatus.choices)
    my_status = serializers.ChoiceField(choices=ParticipantStatus.choices)
    host = serializers.CharField()


class PublishedSerializer(serializers.Serializer):
    revision_id = serializers.IntegerField()
    in_moderation = serializers.BooleanField()


class MeetingApiView(PersonWritesThrottled, PrivateApiView):
    """A meetings endpoint: private answers, whole lists, the meeting looked up or 404."""

    pagination_class = None

    def meeting_or_404(self, meeting_id: int):
        meeting = selectors.visible_meeting(meeting_id=meeting_id, user=self.request.user)
        if meeting is None:
            raise exceptions.NotFound
        return meeting

    def hosted_or_403(self, meeting_id: int):
        meeting = self.meeting_or_404(meeting_id)
        if meeting.host_id != self.request.user.pk:
            raise exceptions.PermissionDenied(_("Это может сделать только ведущий встречи."))
        return meeting

    def detail(self, meeting_id: int, *, code=status.HTTP_200_OK) -> Response:
        meeting = self.meeting_or_404(meeting_id)
        return Response(
            selectors.meeting_detail(meeting=meeting, viewer=self.request.user), status=code
        )

    def valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class MeetingsView(MeetingApiView):
    """My meetings (GET); a new meeting in a room I may host in (POST)."""

    serializer_class = CreateSerializer

    @extend_schema(responses=MeetingSerializer(many=True))
    def get(self, request):
        return Response(selectors.meetings_for(person=request.user))

    @extend_schema(request=CreateSerializer, responses={201: MeetingSerializer})
    def post(self, request):
        data = self.valid(CreateSerializer)
        room = Room.objects.select_related("project").filter(pk=data["room_id"]).first()
        if room is None or not request.user.has_perm("meetings.view_room", room):
            raise serializers.ValidationError({"room_id": [_("Такой комнаты нет.")]})
        if not request.user.has_perm("meetings.host_in_room", room):
            raise exceptions.PermissionDenied(_("В этой комнате вы не можете вести встречи."))
        meeting = services.meeting_create(
            room=room,
            host=request.user,
            title=data["title"],
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            description=data.get("description", ""),
        )
        invite = data.get("invite") or {}
        if any(invite.get(key) for key in ("person_ids", "class_ids", "roles", "emails")):
            try:
                services.meeting_invite(meeting=meeting, by=request.user, **invite)
            except services.MeetingError as error:
                raise _refused(error) from None
        return self.detail(meeting.pk, code=status.HTTP_201_CREATED)


class MeetingView(MeetingApiView):
    """One meeting (GET); move it (PATCH, a new calendar entry); cancel it (DELETE)."""

    serializer_class = MoveSerializer

    @extend_schema(responses=MeetingSerializer)
    def get(self, request, meeting_id: int):
        return self.detail(meeting_id)

    @extend_schema(request=MoveSerializer, responses=MeetingSerializer)
    def patch(self, request, meeting_id: int):
        meeting = self.hosted_or_403(meeting_id)
        data = self.valid(MoveSerializer)
        try:
            services.meeting_move(
                meeting=meeting,
                by=request.user,
                starts_at=data["starts_at"],
                duration_minutes=data.get("duration_minutes"),
            )
        except services.MeetingError as error:
            raise _refused(error) from None
        return self.detail(meeting_id)

    @extend_schema(responses=MeetingSerializer)
    def delete(self, request, meeting_id: int):
        meeting = self.hosted_or_403(meeting_id)
        try:
            services.meeting_cancel(meeting=meeting, by=request.user)
        except services.MeetingError as error:
            raise _refused(error) from None
        return self.detail(meeting_id)


class InviteClassSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class InviteOptionsSerializer(serializers.Serializer):
    people = PersonSerializer(many=True)
    classes = InviteClassSerializer(many=True)
    roles = ChoiceSerializer(many=True)


class InvitationsView(MeetingApiView):
    """The host finds people to invite by name or class (GET `?q=`), and invites people, a
    class, a group, and guests by address (POST)."""

    serializer_class = MeetingInviteSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Part of a name, or a class such as 7А.")
        ],
        responses=InviteOptionsSerializer,
    )
    def get(self, request, meeting_id: int):
        meeting = self.hosted_or_403(meeting_id)
        q = request.query_params.get("q", "")[:100]
        return Response(selectors.invite_options(meeting=meeting, viewer=request.user, q=q))

    @extend_schema(request=MeetingInviteSerializer, responses={201: InvitationResultSerializer})
    def post(self, request, meeting_id: int):
        meeting = self.hosted_or_403(meeting_id)
        data = self.valid(MeetingInviteSerializer)
        try:
            result = services.meeting_invite(meeting=meeting, by=request.user, **data)
        except services.MeetingError as error:
            raise _refused(error) from None
        meeting = self.meeting_or_404(meeting_id)
        return Response(
            {
                "invited": len(result.invited),
                "already": result.already,
                "meeting": selectors.meeting_detail(meeting=meeting, viewer=request.user),
            },
            status=status.HTTP_201_CREATED,
        )


class AnswerView(MeetingApiView):
    """An invitee accepts or declines."""

    serializer_class = MeetingAnswerSerializer

    @extend_schema(request=MeetingAnswerSerializer, responses=MeetingSerializer)
    def post(self, request, meeting_id: int):
        meeting = self.meeting_or_404(meeting_id)
        data = self.valid(MeetingAnswerSerializer)
        try:
            services.meeting_answer(
                meeting=meeting, person=request.user, accept=data["answer"] == "accept"
            )
        except services.MeetingError as error:
            if error.code == "not_invited":
                raise exceptions.PermissionDenied(error.message) from None
            raise _refused(error) from None
        return self.detail(meeting_id)


class RequestsView(MeetingApiView):
    """Ask to enter, with a short reason; during the meeting the asker waits in the lobby."""

    serializer_class = RequestSerializer

    @extend_schema(request=RequestSerializer, responses={201: MeetingSerializer})
    def post(self, request, meeting_id: int):
        meeting = self.meeting_or_404(meeting_id)
        data = self.valid(RequestSerializer)
        try:
            services.meeting_request(
                meeting=meeting, person=request.user, reason=data.get("reason", "")
            )
        except DjangoPermissionDenied as error:
            raise _forbidden(error) from None
        except services.MeetingError as error:
            raise _refused(error) from None
        return self.detail(meeting_id, code=status.HTTP_201_CREATED)


class LobbyView(MeetingApiView):
    """The host: who asks to enter or waits in the lobby."""

    @extend_schema(responses=LobbyEntrySerializer(many=True))
    def get(self, request, meeting_id: int):
        meeting = self.hosted_or_403(meeting_id)
        return Response(selectors.lobby(meeting=meeting, viewer=request.user))


class ParticipantView(MeetingApiView):
    """The host admits or refuses a person who asked."""

    serializer_class = AdmitSerializer

    @extend_schema(request=AdmitSerializer, responses=MeetingSerializer)
    def post(self, request, meeting_id: int, participant_id: int):
        meeting = self.hosted_or_403(meeting_id)
        data = self.valid(AdmitSerializer)
        participant = MeetingParticipant.objects.filter(pk=participant_id, meeting=meeting).first()
        if participant is None:
            raise exceptions.NotFound
        action = (
            services.participant_admit
            if data["answer"] == "admit"
            else (services.participant_refuse)
        )
        try:
            action(participant=participant, by=request.user)
        except services.MeetingError as error:
            raise _refused(error) from None
        return self.detail(meeting_id)


class StartView(MeetingApiView):
    """The host starts the meeting; 409 `safety` with the reason when the rule refuses."""

    @extend_schema(request=None, responses=MeetingSerializer)
    def post(self, request, meeting_id: int):
        meeting = self.hosted_or_403(meeting_id)
        try:
            services.meeting_start(meeting=meeting, by=request.user)
        except services.MeetingError as error:
            raise _refused(error) from None
        return self.detail(meeting_id)


class EndView(MeetingApiView):
    """The host ends the meeting."""

    @extend_schema(request=None, responses=MeetingSerializer)
    def post(self, request, meeting_id: int):
        meeting = self.hosted_or_403(meeting_id)
        try:
            services.meeting_end(meeting=meeting, by=request.user)
        except services.MeetingError as error:
            raise _refused(error) from None
        return self.detail(meeting_id)


class JoinView(MeetingApiView):
    """The video link, for the host and admitted participants within the meeting's window."""

    @extend_schema(responses=JoinSerializer)
    def get(self, request, meeting_id: int):
        meeting = self.meeting_or_404(meeting_id)
        try:
            url = selectors.join_url_for(meeting=meeting, person=request.user)
        except selectors.JoinRefused as refused:
            raise exceptions.PermissionDenied(refused.reason) from None
        return Response({"url": url, "provider": selectors.provider_name()})


class MinutesView(MeetingApiView):
    """The minutes: the host writes them (PUT); the host and participants read them (GET)."""

    serializer_class = MinutesSerializer

    def _readable(self, meeting_id: int):
        meeting = self.meeting_or_404(meeting_id)
        data = selectors.meeting_detail(meeting=meeting, viewer=self.request.user)
        if data["my_status"] not in (
            "host",
            ParticipantStatus.ACCEPTED,
            ParticipantStatus.ADMITTED,
        ):
            raise exceptions.PermissionDenied(_("Протокол видят только участники встречи."))
        return meeting

    @extend_schema(responses=MinutesSerializer)
    def get(self, request, meeting_id: int):
        meeting = self._readable(meeting_id)
        return Response({"text": meeting.minutes})

    @extend_schema(request=MinutesSerializer, responses=MinutesSerializer)
    def put(self, request, meeting_id: int):
        meeting = self.hosted_or_403(meeting_id)
        data = self.valid(MinutesSerializer)
        meeting = services.minutes_set(meeting=meeting, by=request.user, text=data["text"])
        return Response({"text": meeting.minutes})


class MinutesPublishView(MeetingApiView):
    """A council meeting's minutes, as a decision on the council page, sent to the editors."""

    @extend_schema(request=None, responses={201: PublishedSerializer})
    def post(self, request, meeting_id: int):
        meeting = self.hosted_or_403(meeting_id)
        try:
            revision = services.minutes_publish(meeting=meeting, by=request.user)
        except services.MeetingError as error:
            raise _refused(error) from None
        page = revision.content_object
        return Response(
            {"revision_id": revision.pk, "in_moderation": bool(page.workflow_in_progress)},
            status=status.HTTP_201_CREATED,
        )


class RoomsView(MeetingApiView):
    """The rooms I see, whether I may host in each, and their upcoming open meetings."""

    @extend_schema(responses=RoomSerializer(many=True))
    def get(self, request):
        _ensure_my_rooms(request.user)
        return Response(selectors.rooms_for(person=request.user))


class RoomView(MeetingApiView):
    """A host sets the room's own video link (the school's provider is Telemost or Sferum)."""

    serializer_class = RoomLinkSerializer

    @extend_schema(request=RoomLinkSerializer, responses=RoomSerializer)
    def patch(self, request, room_id: int):
        room = Room.objects.filter(pk=room_id).select_related("project").first()
        if room is None or not request.user.has_perm("meetings.view_room", room):
            raise exceptions.NotFound(_("Такой комнаты нет."))
        if not request.user.has_perm("meetings.host_in_room", room):
            raise exceptions.PermissionDenied(_("Ссылку комнаты меняют её ведущие."))
        data = self.valid(RoomLinkSerializer)
        services.room_link_set(room=room, by=request.user, link=data["link"])
        listed = [r for r in selectors.rooms_for(person=request.user) if r["id"] == room.pk]
        return Response(listed[0] if listed else {})


def _ensure_my_rooms(person) -> None:
    """The rooms a person may host in exist once they look: their own, their projects'."""
    from cms.projects.models import MemberRole, MemberStatus, Project

    from .rules import ROOM_OWNER_ROLES

    if person.has_role(*ROOM_OWNER_ROLES):
        services.room_of_person(person=person)
    hosted = Project.objects.filter(
        Q(tutor=person)
        | Q(
            members__person=person,
            members__role=MemberRole.CONSULTANT,
            members__status=MemberStatus.ACCEPTED,
        )
    )
    for project in hosted.exclude(meeting_room__isnull=False).distinct()[:50]:
        services.room_of_project(project=project)


class GuestBase(MeetingApiView):
    """A guest's endpoint: no account, the token in their email says who they are."""

    permission_classes = [AllowAny]

    def participant_or_404(self, token: str) -> MeetingParticipant:
        participant = selectors.guest_participant(raw_token=token)
        if participant is None:
            raise exceptions.NotFound
        return participant

    def info(self, participant) -> Response:
        meeting = participant.meeting
        return Response(
            {
                "title": services_title(meeting),
                "starts_at": meeting.starts_at,
                "ends_at": meeting.ends_at,
                "status": meeting.status,
                "my_status": participant.status,
                "host": meeting.host.full_name,
            }
        )


class GuestView(GuestBase):
    """A guest's invitation, by the token in their email: what it is (GET), the answer (POST)."""

    serializer_class = MeetingAnswerSerializer

    @extend_schema(responses=MeetingGuestSerializer)
    def get(self, request, token: str):
        return self.info(self.participant_or_404(token))

    @extend_schema(request=MeetingAnswerSerializer, responses=MeetingGuestSerializer)
    def post(self, request, token: str):
        participant = self.participant_or_404(token)
        data = self.valid(MeetingAnswerSerializer)
        try:
            participant = services.guest_answer(
                participant=participant, accept=data["answer"] == "accept"
            )
        except services.MeetingError as error:
            raise _refused(error) from None
        return self.info(self.participant_or_404(token))


def services_title(meeting) -> str:
    from .calendars import meeting_title_for_outside

    return meeting_title_for_outside(meeting)


class GuestJoinView(GuestBase):
    """A guest's video link, within the window, once they accepted."""

    @extend_schema(responses=JoinSerializer)
    def get(self, request, token: str):
        participant = self.participant_or_404(token)
        try:
            url = selectors.guest_join_url(participant=participant)
        except selectors.JoinRefused as refused:
            raise exceptions.PermissionDenied(refused.reason) from None
        return Response({"url": url, "provider": selectors.provider_name()})
