"""The search API: `GET /api/search` and `GET /api/search/autocomplete`."""

import math
from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.api import throttling
from cms.security.clients import client_key

from .backends import Query
from .forms import DEFAULT_PAGE_SIZE, AutocompleteParamsForm, SearchParamsForm
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


def _in_page_language(view):
    """Answer messages in `lang` (the language of the page asking), else the browser's.

    A reader with a Russian browser on an English page must get English notes and errors.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = request.GET.get("lang", "")
        if language not in dict(settings.LANGUAGES):
            return view(request, *args, **kwargs)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response

    return wrapper


def _json(data, *, status=200, max_age=None, shared=False):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    if max_age and shared:
        patch_cache_control(response, public=True, max_age=max_age)
    elif max_age:
        patch_cache_control(response, private=True, max_age=max_age)
    else:
        patch_cache_control(response, no_store=True)
    patch_vary_headers(response, ["Accept-Language"])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _limited(request):
    rate, burst = settings.SEARCH_RATE_LIMIT
    wait = throttling.retry_after(
        scope="search", key=client_key(request), rate=float(rate), burst=int(burst)
    )
    if not wait:
        return None
    response = _json(
        {"error": _("Слишком много запросов. Повторите через несколько секунд.")}, status=429
    )
    response["Retry-After"] = str(math.ceil(wait))
    return response


def _bad_request(errors: dict):
    message = " ".join(m for messages in errors.values() for m in messages)
    return _json(
        {"error": message, "fields": errors}, status=400, max_age=CACHE_SECONDS, shared=True
    )


@require_GET
@_in_page_language
def search(request):
    """Ranked public pages for `q`, with facets, filters and paging (see README in search/)."""
    if limited := _limited(request):
        return limited
    form = SearchParamsForm(request.GET, known_types=search_known_types)
    if not form.is_valid():
        return _bad_request(form.errors_json())
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
    return _json(result, max_age=None if degraded else CACHE_SECONDS)


@require_GET
@_in_page_language
def autocomplete(request):
    """Up to eight page titles starting like `q`, for the search box."""
    if limited := _limited(request):
        return limited
    form = AutocompleteParamsForm(request.GET)
    if not form.is_valid():
        return _bad_request({k: [str(m) for m in v] for k, v in form.errors.items()})
    result = search_autocomplete(
        text=form.cleaned_data["q"], locale=form.cleaned_data["locale"] or None
    )
    return _json(result, max_age=None if result["notes"] else CACHE_SECONDS)


def _fell_back(result) -> bool:
    from .backends import elasticsearch_backend

    return elasticsearch_backend() is not None
