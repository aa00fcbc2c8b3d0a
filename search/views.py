"""The search API: `GET /api/search` and `GET /api/search/autocomplete`.

Both are views of the API toolkit (`cms.api.base.ApiView`), so their errors are the API's one
shape, `{"error": {"code", "message", "fields"}}`, made by `cms.api.errors.exception_handler`:
bad parameters are a 400 `invalid` naming each field, too many requests a 429 `throttled` with
`Retry-After`. Searching needs no sign-in and sets no cookie.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cms.api import throttling
from cms.api.base import ApiView
from cms.security.clients import client_key

from .backends import Query
from .forms import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    AutocompleteParamsForm,
    SearchParamsForm,
)
from .selectors import search_autocomplete, search_known_types, search_run

# Results are cached by the reader's browser only (`private`), never by a shared cache.
# A page that is unpublished, deleted or restricted leaves the index as soon as the change
# commits, and its text must stop being found at once; a proxy or CDN in front of the API
# would keep handing the old answer to everyone for max-age, and there is no purge we could
# send to a cache we do not run. A browser cache only shows its own reader again what they
# were shown seconds before, and still spares the API the repeats of a reader paging back
# and forth; bursts are the rate limit's job. Errors (400) hold no page text and may be shared.
# Without `lang` the language of notes and errors follows Accept-Language, so answers vary
# on it. Answers from the fallback are not cached, so readers get Elasticsearch again as soon
# as it is back.
CACHE_SECONDS = 30


class SearchRateThrottle(throttling.AddressRateThrottle):
    """Search's own allowance per client address, `SEARCH_RATE_LIMIT`, shared by every worker."""

    def allow_request(self, request, view) -> bool:
        rate, burst = settings.SEARCH_RATE_LIMIT
        self.wait_seconds = throttling.retry_after(
            scope="search", key=client_key(request), rate=float(rate), burst=int(burst)
        )
        return self.wait_seconds == 0


class AlwaysJson(BaseContentNegotiation):
    """JSON whatever the client's Accept header or a `format` parameter say, as before: the
    search box, feed readers and curl all get the same answer."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class SearchApiView(ApiView):
    """What both search endpoints share: open to everyone, JSON only, messages in `lang`."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [SearchRateThrottle]
    content_negotiation_class = AlwaysJson
    pagination_class = None

    def dispatch(self, request, *args, **kwargs):
        """Answer messages in `lang` (the language of the page asking), else the browser's.

        A reader with a Russian browser on an English page must get English notes and errors.
        The answer is rendered here, while that language is active: labels and notes are lazy.
        """
        language = request.GET.get("lang", "")
        if language not in dict(settings.LANGUAGES):
            return super().dispatch(request, *args, **kwargs)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            response.render()
        response.headers["Content-Language"] = language
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 400:
            del response.headers["Cache-Control"]
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        elif "Cache-Control" not in response.headers:
            patch_cache_control(response, no_store=True)
        patch_vary_headers(response, ["Accept-Language"])
        response["Access-Control-Allow-Origin"] = "*"
        return response

    @staticmethod
    def invalid(errors: dict[str, list[str]]):
        """A 400 whose message is the fields' own messages: the search page has no fields to
        mark, so it shows this text as it is."""
        message = " ".join(m for messages in errors.values() for m in messages)
        return ValidationError({"non_field_errors": [message], **errors})


def _cached(data, *, cache: bool) -> Response:
    response = Response(data)
    if cache:
        patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
    else:
        patch_cache_control(response, no_store=True)
    return response


LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LANG = OpenApiParameter(
    "lang", str, enum=LANGUAGE_CODES, description="The language of notes and error messages."
)
LOCALE = OpenApiParameter(
    "locale", str, enum=LANGUAGE_CODES, description="Only pages in this language."
)
FACET = (
    "SearchFacetValue",
    {
        "value": serializers.CharField(),
        "label": serializers.CharField(),
        "count": serializers.IntegerField(),
    },
)
RESULT = (
    "SearchResult",
    {
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "url": serializers.CharField(),
        "type": serializers.CharField(),
        "type_label": serializers.CharField(),
        "locale": serializers.CharField(),
        "lead": serializers.CharField(),
        "image": serializers.DictField(allow_null=True),
        "event_date": serializers.CharField(allow_null=True),
        "highlights": serializers.ListField(child=serializers.CharField()),
    },
)


class SearchView(SearchApiView):
    """Ranked public pages for `q`, with facets, filters and paging (see README in search/)."""

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter(
                "q", str, required=True, description=f"Up to {MAX_QUERY_LENGTH} characters."
            ),
            LOCALE,
            OpenApiParameter("type", str, description="A page type, as `facets.type` lists them."),
            OpenApiParameter("tag", str),
            OpenApiParameter("subject", str),
            OpenApiParameter("grade", str),
            OpenApiParameter("year", int),
            OpenApiParameter("page", int, description=f"1–{MAX_PAGE}."),
            OpenApiParameter(
                "size", int, description=f"1–{MAX_PAGE_SIZE}, {DEFAULT_PAGE_SIZE} by default."
            ),
            LANG,
        ],
        responses=inline_serializer(
            "SearchResults",
            {
                "query": serializers.CharField(),
                "backend": serializers.ChoiceField(choices=["elasticsearch", "database"]),
                "total": serializers.IntegerField(),
                "page": serializers.IntegerField(),
                "page_size": serializers.IntegerField(),
                "pages": serializers.IntegerField(),
                "filters": serializers.DictField(),
                "results": inline_serializer(*RESULT, many=True),
                "facets": serializers.DictField(child=inline_serializer(*FACET, many=True)),
                "suggestions": serializers.ListField(
                    child=serializers.CharField(), allow_null=True
                ),
                "capabilities": inline_serializer(
                    "SearchCapabilities",
                    {
                        "highlights": serializers.BooleanField(),
                        "suggestions": serializers.BooleanField(),
                        "facets": serializers.BooleanField(),
                        "autocomplete": serializers.BooleanField(),
                        "morphology": serializers.ChoiceField(
                            choices=["elasticsearch", "postgresql", "none"]
                        ),
                    },
                ),
                "notes": serializers.ListField(child=serializers.CharField()),
            },
        ),
    )
    def get(self, request):
        form = SearchParamsForm(request.GET, known_types=search_known_types)
        if not form.is_valid():
            raise self.invalid(form.errors_json())
        data = form.cleaned_data
        query = Query(
            text=data["q"],
            locale=data["locale"] or None,
            type=data["type"],
            tag=data["tag"] or None,
            subject=data["subject"] or None,
            grade=data["grade"] or None,
            year=data["year"],
            page=data["page"] or 1,
            size=data["size"] or DEFAULT_PAGE_SIZE,
        )
        result = search_run(query=query)
        degraded = bool(result["notes"]) and result["backend"] == "database" and _fell_back(result)
        return _cached(result, cache=not degraded)


class AutocompleteView(SearchApiView):
    """Up to eight page titles starting like `q`, for the search box."""

    @extend_schema(
        operation_id="search_autocomplete",
        parameters=[
            OpenApiParameter("q", str, required=True, description="Up to 100 characters."),
            LOCALE,
            LANG,
        ],
        responses=inline_serializer(
            "SearchSuggestions",
            {
                "query": serializers.CharField(),
                "backend": serializers.ChoiceField(choices=["elasticsearch", "database"]),
                "results": inline_serializer(
                    "SearchSuggestion",
                    {"title": serializers.CharField(), "url": serializers.CharField()},
                    many=True,
                ),
                "notes": serializers.ListField(child=serializers.CharField()),
            },
        ),
    )
    def get(self, request):
        form = AutocompleteParamsForm(request.GET)
        if not form.is_valid():
            raise self.invalid({k: [str(m) for m in v] for k, v in form.errors.items()})
        result = search_autocomplete(
            text=form.cleaned_data["q"], locale=form.cleaned_data["locale"] or None
        )
        return _cached(result, cache=not result["notes"])


def _fell_back(result) -> bool:
    from .backends import elasticsearch_backend

    return elasticsearch_backend() is not None
