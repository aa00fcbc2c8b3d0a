"""The policy every endpoint of our API shares; views subclass `ApiView` or mix in `ApiPolicy`.

Set per view rather than in REST_FRAMEWORK's defaults, because Wagtail's admin and
wagtail-localize are DRF views too and must keep DRF's own behaviour.
"""

from django.utils.cache import patch_cache_control, patch_vary_headers
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer

from .authentication import SiteSessionAuthentication
from .errors import exception_handler
from .pagination import BoundedPagination
from .throttling import (
    AddressRateThrottle,
    PersonWriteRateThrottle,
    UserRateThrottle,
    WriteRateThrottle,
)


class ApiPolicy:
    """Session sign-in (CSRF for writes), signed-in only unless a view says otherwise, JSON
    in and out, bounded pages, shared rate limits, and one error shape."""

    authentication_classes = [SiteSessionAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    pagination_class = BoundedPagination
    throttle_classes = [AddressRateThrottle, UserRateThrottle, WriteRateThrottle]
    # No OPTIONS self-description: widgets read the schema, and DRF's would look up objects.
    metadata_class = None

    def get_exception_handler(self):
        return exception_handler


class ApiView(ApiPolicy, GenericAPIView):
    """Base class of our endpoints."""


class PrivateApiView(ApiView):
    """An endpoint whose answers belong to the asker alone, errors included: never stored by
    any cache, and different for each signed-in person."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
        return response


class PersonWritesThrottled:
    """A mixin for views whose writes cost something (emails, meetings, files): every write
    also counts against the signed-in person's own write allowance, not only their address's,
    so one account cannot flood the school from many addresses."""

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.request.method not in SAFE_METHODS:
            throttles.append(PersonWriteRateThrottle())
        return throttles


class FirstRendererNegotiation(DefaultContentNegotiation):
    """The view's first renderer, whatever `Accept` says: for endpoints that answer one kind of
    file (a calendar feed, a download), which calendar apps and browsers ask for in many ways."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class LenientNegotiation(DefaultContentNegotiation):
    """`?format=` or `Accept` choose among the view's renderers; an `Accept` none of them
    matches gets the first (JSON) rather than a 406 nobody documents or handles."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except exceptions.NotAcceptable:
            return renderers[0], renderers[0].media_type


class _FileRenderer(BaseRenderer):
    """Lets `?format=` or `Accept` choose a file the view writes itself."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CsvRenderer(_FileRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"


class PdfRenderer(_FileRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"


class PrivateDownloadView(PrivateApiView):
    """A private endpoint that answers JSON or a file the asker chose among its renderers
    (`?format=csv`, `Accept: application/pdf`). Its errors stay JSON in the API's one shape
    whatever was asked for: a refusal is never sent as a broken spreadsheet or PDF."""

    pagination_class = None
    content_negotiation_class = LenientNegotiation

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response
