"""The calendar feed (`/api/calendar/<token>.ics`, opened by calendar apps with no session) and
the cabinet's control of it (`/api/me/calendar`)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cms.api.base import ApiView, FirstRendererNegotiation
from cms.api.errors import error_response
from cms.api.throttling import AddressRateThrottle

from .selectors import calendar_feed_for, calendar_feed_owner, calendar_ics
from .services import calendar_feed_create, calendar_feed_revoke


class CalendarFeedView(ApiView):
    """A person's events as an iCalendar feed; the secret token in the address is the only key.

    Calendar apps cannot sign in, so no session is read. An unknown, replaced or revoked token
    is a 404 that does not say which. The feed is never kept by a shared cache.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AddressRateThrottle]
    content_negotiation_class = FirstRendererNegotiation
    pagination_class = None

    @extend_schema(
        operation_id="calendar_feed",
        auth=[],
        responses={
            (200, "text/calendar"): OpenApiResponse(
                OpenApiTypes.STR, description="The person's events, an iCalendar (RFC 5545) file."
            )
        },
    )
    def get(self, request, token: str):
        person = calendar_feed_owner(raw_token=token)
        if person is None:
            return error_response(
                "not_found",
                _("Такого календаря нет: ссылка неверна или отозвана."),
                status=status.HTTP_404_NOT_FOUND,
            )
        response = HttpResponse(
            calendar_ics(person=person), content_type="text/calendar; charset=utf-8"
        )
        response["Cache-Control"] = "private, no-store"
        response["Content-Disposition"] = 'inline; filename="coworking.ics"'
        return response


class CalendarFeedSerializer(serializers.Serializer):
    exists = serializers.BooleanField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True, allow_null=True)
    url = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The feed's address: only in the answer that made it (only a hash is kept).",
    )


def _answer(feed, url=None, *, status_code=status.HTTP_200_OK) -> Response:
    body = {"exists": feed is not None, "created_at": feed.created_at if feed else None, "url": url}
    response = Response(CalendarFeedSerializer(body).data, status=status_code)
    response["Cache-Control"] = "private, no-store"
    return response


class MyCalendarFeedView(ApiView):
    """My calendar feed: whether there is one (GET), a new address replacing any old one
    (POST; the address is in this answer only), or none any more (DELETE)."""

    serializer_class = CalendarFeedSerializer
    pagination_class = None

    @extend_schema(responses=CalendarFeedSerializer)
    def get(self, request):
        return _answer(calendar_feed_for(user=request.user))

    @extend_schema(request=None, responses={201: CalendarFeedSerializer})
    def post(self, request):
        feed, raw_token = calendar_feed_create(user=request.user)
        path = reverse("api:calendar-feed", kwargs={"token": raw_token})
        return _answer(feed, f"{settings.PUBLIC_BASE_URL}{path}", status_code=201)

    @extend_schema(responses={204: None})
    def delete(self, request):
        calendar_feed_revoke(user=request.user)
        response = Response(status=status.HTTP_204_NO_CONTENT)
        response["Cache-Control"] = "private, no-store"
        return response
