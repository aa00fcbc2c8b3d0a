"""The API's OpenAPI 3 schema (`/api/schema/`) and its readable documentation (`/api/docs/`)."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView


class SchemaView(SpectacularAPIView):
    """The schema as JSON, generated from the endpoints' serializers."""


# Redoc lays itself out with generated <style> elements; scripts stay 'self' only.
@method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}), name="dispatch")
class DocsView(View):
    """Redoc, served from our own static files (no third-party host), reading /api/schema/."""

    def get(self, request):
        return render(request, "api/docs.html", {"schema_url": "/api/schema/"})


def only_public_api(endpoints):
    """drf-spectacular preprocessing hook: the schema documents /api/ and nothing else."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


class SiteSessionScheme(OpenApiAuthenticationExtension):
    """The session cookie set by signing in on the site."""

    target_class = "cms.api.authentication.SiteSessionAuthentication"
    name = "sessionCookie"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}
ERROR_STATUSES = {
    "400": "Bad input: `fields` says which and why.",
    "401": "Not signed in.",
    "403": "Signed in, but not allowed.",
    "404": "No such thing, or not yours to see.",
    "409": "Not now: the state refuses it (for example, registration has not opened yet).",
    "429": "Too many requests: wait for `Retry-After` seconds.",
    "500": "Something went wrong on the server.",
}


def error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation may answer with the error shape."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
            # The web server, not the API, refuses an address longer than it reads (gunicorn:
            # a request line of 4094 bytes), with a page of its own.
            responses.setdefault(
                "414", {"description": "The address is longer than the server accepts."}
            )
    return result
