"""The consultations API: hosts with hours ahead, publishing and changing hours, booking and
cancelling a slot, and the live queue (my place, join, leave, the host's "next").

Thin views: the rules are in `services` and `rules`, the reads in `selectors`. Hours the asker
may not see are a 404, whatever the reason; an action a viewer of the hours may not take is a
403; a change the rules refuse now (the slot is taken, the queue is empty) is a 409 with a
stable code. Every answer is private to the asker and never cached.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from cms.api.base import PersonWritesThrottled, PrivateApiView
from cms.api.serializers import PersonSerializer

from . import selectors, services
from .models import (
    SLOT_MINUTES_MAX,
    SLOT_MINUTES_MIN,
    ConsultationHours,
    ConsultationSlot,
    QueueStatus,
)
from .rules import may


class ConsultationConflict(exceptions.APIException):
    """The rules refuse the change now: 409 with the service's code."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: services.ConsultationError):
        super().__init__(error.message)
        self.default_code = error.code


def _refused(error: services.ConsultationError):
    if error.code == "forbidden":
        return exceptions.PermissionDenied(error.message)
    if error.field:
        return serializers.ValidationError({error.field: [error.message]})
    return ConsultationConflict(error)


class BookingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    student = PersonSerializer()
    meeting_id = serializers.IntegerField(allow_null=True)


class SlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    taken = serializers.BooleanField()
    mine = serializers.BooleanField()
    booking = BookingSerializer(
        allow_null=True, help_text="Who booked: for the host, and for the person who booked."
    )


class QueueEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = PersonSerializer()
    status = serializers.ChoiceField(choices=QueueStatus.choices)
    joined_at = serializers.DateTimeField()


class QueueSummarySerializer(serializers.Serializer):
    waiting = serializers.IntegerField()
    entries = QueueEntrySerializer(many=True, help_text="The host's alone; empty for others.")


class PositionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=QueueStatus.choices, allow_null=True)
    position = serializers.IntegerField(allow_null=True)
    meeting_id = serializers.IntegerField(allow_null=True)


class HoursPermissionsSerializer(serializers.Serializer):
    change = serializers.BooleanField()
    book = serializers.BooleanField()
    queue = serializers.BooleanField()


class HoursSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    host = PersonSerializer()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    slot_minutes = serializers.IntegerField()
    place = serializers.CharField(allow_blank=True)
    notes = serializers.CharField(allow_blank=True)
    running = serializers.BooleanField()
    live_meeting_id = serializers.IntegerField(allow_null=True)
    slots = SlotSerializer(many=True)
    queue = QueueSummarySerializer()
    me = PositionSerializer(allow_null=True)
    permissions = HoursPermissionsSerializer()


class HoursWriteSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    slot_minutes = serializers.IntegerField(
        min_value=SLOT_MINUTES_MIN, max_value=SLOT_MINUTES_MAX, default=15
    )
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class HoursChangeSerializer(HoursWriteSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class CancelledSerializer(serializers.Serializer):
    cancelled = serializers.IntegerField(help_text="How many bookings were cancelled.")


class CallSerializer(serializers.Serializer):
    person = PersonSerializer()
    meeting_id = serializers.IntegerField()


class LeftSerializer(serializers.Serializer):
    left = serializers.BooleanField()


def _hours_or_404(request, hours_id: int) -> ConsultationHours:
    hours = ConsultationHours.objects.select_related("host", "room").filter(pk=hours_id).first()
    if hours is None or not may(request.user, "consultations.view_hours", hours):
        raise exceptions.NotFound
    return hours


def _state(request, hours, *, code=status.HTTP_200_OK) -> Response:
    hours.refresh_from_db()
    data = HoursSerializer(selectors.hours_state(hours=hours, viewer=request.user)).data
    return Response(data, status=code)


class HostsView(PrivateApiView):
    """Teachers, tutors and the psychologist with consultation hours ahead."""

    pagination_class = None

    @extend_schema(responses=PersonSerializer(many=True))
    def get(self, request):
        user = request.user
        if not (
            may(user, "consultations.publish_hours") or may(user, "consultations.view_hours", None)
        ):
            raise exceptions.PermissionDenied(
                _("Записываться на консультации могут ученики и родители.")
            )
        return Response(PersonSerializer(selectors.hosts_with_hours(viewer=user), many=True).data)


class HoursListView(PersonWritesThrottled, PrivateApiView):
    """A host's hours ahead (`?host=<id>`, for students and parents), or mine; publishing."""

    serializer_class = HoursWriteSerializer
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "host", int, required=False, description="Whose hours (a teacher or tutor)."
            )
        ],
        responses=HoursSerializer(many=True),
    )
    def get(self, request):
        user = request.user
        host = request.query_params.get("host")
        if host:
            try:
                host_id = int(host)
            except ValueError:
                raise serializers.ValidationError({"host": [_("Нужен номер.")]}) from None
            if host_id != user.pk and not may(user, "consultations.view_hours", None):
                raise exceptions.PermissionDenied(
                    _("Записываться на консультации могут ученики и родители.")
                )
            found = selectors.hours_of_host(host_id=host_id)
        else:
            found = selectors.hours_for_viewer(viewer=user)
        data = [selectors.hours_state(hours=hours, viewer=user) for hours in found[:50]]
        return Response(HoursSerializer(data, many=True).data)

    @extend_schema(request=HoursWriteSerializer, responses={201: HoursSerializer})
    def post(self, request):
        if not may(request.user, "consultations.publish_hours"):
            raise exceptions.PermissionDenied(
                _("Часы консультаций публикуют учителя, тьюторы и психолог.")
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            hours = services.hours_publish(host=request.user, **serializer.validated_data)
        except services.ConsultationError as error:
            raise _refused(error) from None
        return _state(request, hours, code=status.HTTP_201_CREATED)


class HoursView(PersonWritesThrottled, PrivateApiView):
    """One host's hours: their slots and queue (GET), changing them (PATCH, the host),
    withdrawing them (DELETE, the host; booked meetings are cancelled)."""

    serializer_class = HoursChangeSerializer
    pagination_class = None

    def _mine(self, request, hours_id):
        hours = _hours_or_404(request, hours_id)
        if not may(request.user, "consultations.change_hours", hours):
            raise exceptions.PermissionDenied(_("Менять часы консультаций может только ведущий."))
        return hours

    @extend_schema(responses=HoursSerializer)
    def get(self, request, hours_id: int):
        return _state(request, _hours_or_404(request, hours_id))

    @extend_schema(request=HoursChangeSerializer, responses=HoursSerializer)
    def patch(self, request, hours_id: int):
        hours = self._mine(request, hours_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            hours = services.hours_update(hours=hours, by=request.user, **serializer.validated_data)
        except services.ConsultationError as error:
            raise _refused(error) from None
        return _state(request, hours)

    @extend_schema(request=None, responses=CancelledSerializer)
    def delete(self, request, hours_id: int):
        hours = self._mine(request, hours_id)
        cancelled = services.hours_delete(hours=hours, by=request.user)
        return Response({"cancelled": cancelled})


class SlotBookingView(PersonWritesThrottled, PrivateApiView):
    """Booking a slot (POST, students and parents) and cancelling it (DELETE, the person who
    booked or the host). The answer is the hours as the asker now sees them."""

    pagination_class = None

    def _slot(self, request, slot_id: int) -> ConsultationSlot:
        slot = (
            ConsultationSlot.objects.select_related("hours__host", "hours__room")
            .filter(pk=slot_id)
            .first()
        )
        if slot is None or not may(request.user, "consultations.view_hours", slot.hours):
            raise exceptions.NotFound
        return slot

    @extend_schema(request=None, responses={201: HoursSerializer})
    def post(self, request, slot_id: int):
        slot = self._slot(request, slot_id)
        if not may(request.user, "consultations.book", slot.hours):
            raise exceptions.PermissionDenied(
                _("Записываться на консультации могут ученики и родители.")
            )
        try:
            services.slot_book(slot=slot, person=request.user)
        except services.ConsultationError as error:
            raise _refused(error) from None
        return _state(request, slot.hours, code=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=HoursSerializer)
    def delete(self, request, slot_id: int):
        slot = self._slot(request, slot_id)
        booking = getattr(slot, "booking", None)
        if booking is None or request.user.pk not in (booking.student_id, slot.hours.host_id):
            raise exceptions.NotFound
        services.booking_cancel(booking=booking, by=request.user)
        return _state(request, slot.hours)


class QueueView(PersonWritesThrottled, PrivateApiView):
    """My place in the hours' live queue (GET), joining it (POST), leaving it (DELETE)."""

    pagination_class = None

    @extend_schema(responses=PositionSerializer)
    def get(self, request, hours_id: int):
        hours = _hours_or_404(request, hours_id)
        return Response(selectors.queue_position(hours=hours, person=request.user))

    @extend_schema(request=None, responses={201: PositionSerializer})
    def post(self, request, hours_id: int):
        hours = _hours_or_404(request, hours_id)
        if not may(request.user, "consultations.queue", hours):
            raise exceptions.PermissionDenied(
                _("В очередь на консультацию встают ученики и родители.")
            )
        try:
            services.queue_join(hours=hours, person=request.user)
        except services.ConsultationError as error:
            raise _refused(error) from None
        return Response(
            selectors.queue_position(hours=hours, person=request.user),
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=LeftSerializer)
    def delete(self, request, hours_id: int):
        hours = _hours_or_404(request, hours_id)
        return Response({"left": services.queue_leave(hours=hours, person=request.user)})


class QueueNextView(PersonWritesThrottled, PrivateApiView):
    """The host calls the first person waiting into the hours' live meeting."""

    pagination_class = None

    @extend_schema(request=None, responses=CallSerializer)
    def post(self, request, hours_id: int):
        hours = _hours_or_404(request, hours_id)
        if not may(request.user, "consultations.change_hours", hours):
            raise exceptions.PermissionDenied(_("Вызывать из очереди может только ведущий."))
        try:
            call = services.queue_take_next(hours=hours, by=request.user)
        except services.ConsultationError as error:
            raise _refused(error) from None
        person = selectors.person_json(call.person, request.user)
        return Response({"person": person, "meeting_id": call.meeting_id})
