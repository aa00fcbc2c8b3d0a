"""One error shape for every endpoint: `{"error": {"code", "message", "fields"}}`.

`code` is stable and meant for programs, `message` is for people, in the request's language,
and `fields` maps each bad input field to its messages (empty when the error is not about one
field). DRF views get it from `exception_handler`; plain Django views use `error_response`, and
`ApiErrorMiddleware` answers anything unexpected under /api/ in the same shape.
"""

from __future__ import annotations

import logging
import math

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def error_response(code: str, message: str, *, status: int, fields=None, headers=None):
    """A JSON error for plain Django views, never cached."""
    response = JsonResponse(
        error_body(code, message, fields),
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _messages(detail) -> list[str]:
    if isinstance(detail, list):
        return [m for item in detail for m in _messages(item)]
    if isinstance(detail, dict):
        return [m for item in detail.values() for m in _messages(item)]
    return [str(detail)]


def _fields(detail, prefix: str = "") -> dict[str, list[str]]:
    """Field name to messages; errors inside a list or an object are named `ids.1`, `a.b`."""
    if not isinstance(detail, dict):
        return {}
    fields: dict[str, list[str]] = {}
    for name, messages in detail.items():
        if name == "non_field_errors" and not prefix:
            continue
        key = f"{prefix}{name}"
        if isinstance(messages, dict):
            fields.update(_fields(messages, prefix=f"{key}."))
        else:
            fields[key] = _messages(messages)
    return fields


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: DRF's own status and headers, our body."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        code, message = "invalid", _("Проверьте отмеченные поля.")
        non_field = exc.detail.get("non_field_errors") if isinstance(exc.detail, dict) else None
        if non_field or not isinstance(exc.detail, dict):
            message = " ".join(_messages(non_field or exc.detail))
        response.data = error_body(code, message, _fields(exc.detail))
    elif isinstance(exc, exceptions.Throttled):
        wait = math.ceil(exc.wait or 1)
        response["Retry-After"] = str(wait)
        response.data = error_body(
            "throttled",
            _("Слишком много запросов. Повторите через %(seconds)s с.") % {"seconds": wait},
        )
    else:
        code = exc.default_code if isinstance(exc, exceptions.APIException) else "error"
        detail = getattr(exc, "detail", str(exc))
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            code, detail = "not_authenticated", _("Войдите, чтобы продолжить.")
        elif response.status_code == status.HTTP_404_NOT_FOUND:
            code, detail = "not_found", _("Не найдено.")
        elif response.status_code == status.HTTP_403_FORBIDDEN:
            # A refusal that names its reason keeps it ("not_in_electorate",
            # "consent_required"); any other is "permission_denied".
            own = getattr(detail, "code", "")
            if own and own != exceptions.PermissionDenied.default_code:
                code = own
            elif code == "error":
                code = exceptions.PermissionDenied.default_code
        response.data = error_body(code, " ".join(_messages(detail)))
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any address under /api/ that no endpoint answers. Exempt from the CSRF check: it changes
    nothing, and a write to a malformed address (`/api/events/x/teams`) must get this JSON 404,
    not Django's HTML page about a missing token."""
    return error_response("not_found", _("Такого адреса в API нет."), status=404)


class ApiErrorMiddleware:
    """An unexpected error under /api/ is a JSON 500 in the same shape, never an HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path.startswith(API_PREFIX):
            return None
        logger.exception("API error on %s %s", request.method, request.path)
        return error_response(
            "server_error",
            _("Что-то пошло не так на сервере. Попробуйте ещё раз позже."),
            status=500,
        )
