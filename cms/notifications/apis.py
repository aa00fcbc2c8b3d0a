"""The cabinet's notification widget: my notifications, mark read, email or cabinet per kind,
and how emails come (at once, a daily digest, or none)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from cms.api.base import ApiPolicy, ApiView

from . import selectors, services
from .kinds import all_kinds
from .models import Delivery


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    read = serializers.SerializerMethodField()

    def get_read(self, notification) -> bool:
        return notification.read_at is not None


class NotificationListView(ApiPolicy, ListAPIView):
    """My notifications, newest first (`?unread=1` for unread only)."""

    serializer_class = NotificationSerializer

    def get_queryset(self):
        unread = self.request.query_params.get("unread") in ("1", "true")
        return selectors.notifications_for(user=self.request.user, unread_only=unread)

    @extend_schema(
        parameters=[
            OpenApiParameter("unread", bool, description="Only the unread ones."),
        ]
    )
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), max_length=500, required=False
    )


class NotificationsReadView(ApiView):
    """Mark some (`ids`) or all of my notifications read."""

    serializer_class = MarkReadSerializer

    @extend_schema(
        responses=inline_serializer("MarkedRead", {"marked": serializers.IntegerField()})
    )
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marked = services.notification_mark_read(
            user=request.user, notification_ids=serializer.validated_data.get("ids")
        )
        return Response({"marked": marked})


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[])
    label = serializers.CharField(read_only=True)
    by_email = serializers.BooleanField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.code, kind.label) for kind in all_kinds()]


class NotificationPreferencesView(ApiView):
    """For each kind of notification: also by email, or in the cabinet only."""

    serializer_class = PreferenceSerializer
    pagination_class = None

    @extend_schema(responses=PreferenceSerializer(many=True))
    def get(self, request):
        data = selectors.notification_preferences_for(user=request.user)
        response = Response(PreferenceSerializer(data, many=True).data)
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(responses=PreferenceSerializer(many=True))
    def put(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.notification_preference_set(user=request.user, **serializer.validated_data)
        return self.get(request)


class DeliveryChoiceSerializer(serializers.Serializer):
    value = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)


class DeliverySerializer(serializers.Serializer):
    delivery = serializers.ChoiceField(
        choices=Delivery.choices,
        help_text="at_once: an email per notification; daily_digest: one email a day with "
        "them all; cabinet_only: no emails.",
    )
    choices = DeliveryChoiceSerializer(many=True, read_only=True)


class NotificationDeliveryView(ApiView):
    """How the notifications chosen for email come: at once, in a daily digest, or not at all."""

    serializer_class = DeliverySerializer
    pagination_class = None

    def _answer(self, user):
        response = Response(
            {
                "delivery": services.delivery_for(user),
                "choices": [
                    {"value": value, "label": str(label)} for value, label in Delivery.choices
                ],
            }
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(responses=DeliverySerializer)
    def get(self, request):
        return self._answer(request.user)

    @extend_schema(request=DeliverySerializer, responses=DeliverySerializer)
    def put(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.notification_delivery_set(
            user=request.user, delivery=serializer.validated_data["delivery"]
        )
        return self._answer(request.user)
