"""Reads: answer a search from Elasticsearch, or from the database when it is not configured
or not reachable, always in the same response shape."""

from __future__ import annotations

import logging

from django.utils import translation
from django.utils.translation import gettext as _

from .backends import (
    BackendUnavailable,
    Hit,
    Query,
    Response,
    circuit_open,
    database_backend,
    elasticsearch_backend,
    page_count,
)
from .facets import page_types
from .models import SearchDocument

logger = logging.getLogger(__name__)


def search_known_types() -> set[str]:
    """Type slugs a `type` filter may name: every page type, and any a page declared."""
    known = set(page_types())
    known.update(SearchDocument.objects.values_list("type", flat=True).distinct())
    return known


def search_run(*, query: Query) -> dict:
    """The API's answer to a search: results, facets, paging and which backend answered."""
    response, notes = _with_fallback(lambda backend: backend.search(query))
    response.notes = notes + response.notes
    with translation.override(query.locale or translation.get_language()):
        return _as_json(query, response)


def search_autocomplete(*, text: str, locale: str | None, size: int = 8) -> dict:
    """Titles that start like what the reader is typing."""
    hits, backend, notes = None, None, []

    def run(b):
        return b.autocomplete(text, locale=locale, size=size)

    es = elasticsearch_backend()
    if es is not None and not circuit_open():
        try:
            hits, backend = run(es), es.name
        except BackendUnavailable as exc:
            logger.warning("search: %s; autocomplete answered from the database", exc)
            notes.append(_unreachable_note())
    elif es is not None:
        notes.append(_unreachable_note())
    if hits is None:
        db = database_backend()
        hits, backend = run(db), db.name
    return {
        "query": text,
        "backend": backend,
        "results": [_suggestion_json(hit) for hit in hits],
        "notes": notes,
    }


def _with_fallback(action) -> tuple[Response, list[str]]:
    es = elasticsearch_backend()
    if es is not None and not circuit_open():
        try:
            return action(es), []
        except BackendUnavailable as exc:
            logger.warning("search: %s; answered from the database", exc)
            return action(database_backend()), [_unreachable_note()]
    if es is not None:
        return action(database_backend()), [_unreachable_note()]
    return action(database_backend()), []


def _unreachable_note() -> str:
    return _(
        "Сервер поиска Elasticsearch сейчас недоступен, поэтому результаты найдены "
        "резервным поиском по базе данных."
    )


def _type_labels() -> dict[str, str]:
    return {slug: str(model._meta.verbose_name) for slug, model in page_types().items()}


def _as_json(query: Query, response: Response) -> dict:
    labels = _type_labels()
    facets = {}
    for name, counts in response.facets.items():
        items = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        facets[name] = [
            {
                "value": value,
                "label": labels.get(value, value) if name == "type" else str(value),
                "count": count,
            }
            for value, count in items
        ]
    return {
        "query": query.text,
        "backend": response.backend,
        "total": response.total,
        "page": query.page,
        "page_size": query.size,
        "pages": page_count(response.total, query.size),
        "filters": query.filters(),
        "results": [_result_json(hit, labels) for hit in response.hits],
        "facets": facets,
        "suggestions": response.suggestions,
        "capabilities": response.capabilities,
        "notes": response.notes,
    }


def _result_json(hit: Hit, labels: dict[str, str]) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "url": hit.url,
        "type": hit.type,
        "type_label": labels.get(hit.type, hit.type),
        "locale": hit.locale,
        "lead": hit.lead,
        "image": hit.image or None,
        "event_date": hit.event_date,
        "highlights": hit.highlights,
    }


def _suggestion_json(hit: Hit) -> dict:
    return {"title": hit.title, "url": hit.url, "type": hit.type, "locale": hit.locale}
