"""The JSON API root that widgets on the static site talk to, and its health check."""

from django.conf import settings
from django.db import connection
from django.utils.cache import patch_cache_control
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from publish.swap import live_dir

from .base import ApiView


class ApiRootView(ApiView):
    """What the API offers; widgets discover their endpoints here."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="api_root",
        responses=inline_serializer(
            "ApiRoot",
            {
                "name": serializers.CharField(),
                "version": serializers.IntegerField(),
                "languages": serializers.ListField(child=serializers.CharField()),
                "endpoints": serializers.DictField(child=serializers.URLField()),
                "schema": serializers.URLField(),
                "docs": serializers.URLField(),
            },
        ),
    )
    def get(self, request):
        url = request.build_absolute_uri
        response = Response(
            {
                "name": settings.WAGTAIL_SITE_NAME,
                "version": 1,
                "languages": [code for code, _ in settings.LANGUAGES],
                "endpoints": {
                    "health": url("/api/health"),
                    "search": url("/api/search"),
                    "autocomplete": url("/api/search/autocomplete"),
                },
                "schema": url("/api/schema/"),
                "docs": url("/api/docs/"),
            }
        )
        patch_cache_control(response, public=True, max_age=60)
        return response


class HealthView(ApiView):
    """Whether the database answers and the static site has been published (503 if not)."""

    permission_classes = [AllowAny]
    # A monitor polls this; it must never be refused for asking too often.
    throttle_classes = []

    @extend_schema(
        operation_id="health",
        responses={
            (200, "application/json"): inline_serializer(
                "Health",
                {
                    "status": serializers.ChoiceField(choices=["ok", "degraded"]),
                    "database": serializers.CharField(),
                    "site_published": serializers.BooleanField(),
                },
            ),
            (503, "application/json"): inline_serializer(
                "HealthDegraded",
                {
                    "status": serializers.ChoiceField(choices=["ok", "degraded"]),
                    "database": serializers.CharField(),
                    "site_published": serializers.BooleanField(),
                },
            ),
        },
    )
    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            database = "ok"
        except Exception as exc:  # any driver error means the same to a monitor: not healthy
            database = f"error: {exc.__class__.__name__}"
        published = live_dir(settings.SITE_DIR) is not None
        healthy = database == "ok" and published
        response = Response(
            {
                "status": "ok" if healthy else "degraded",
                "database": database,
                "site_published": published,
            },
            status=200 if healthy else 503,
        )
        patch_cache_control(response, no_store=True)
        return response
