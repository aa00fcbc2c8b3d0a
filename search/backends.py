"""The two search backends behind one contract, and the cached factory that picks one.

`ElasticsearchBackend` (when settings.ELASTICSEARCH_URL is set) and `DatabaseBackend`
(Wagtail's database search: PostgreSQL full-text search with the `russian` or `english`
configuration per language, SQLite FTS5 otherwise) both index `SearchDocument` rows and answer
a `Query` with a `Response` of the same shape. What the database cannot do is switched off in
`capabilities` and said in `notes`, never imitated.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from .documents import alias_name, document_source, index_body
from .models import SearchDocument
from .postgres import postgres_matches
from .text import fold, fts5_terms, squash

logger = logging.getLogger(__name__)

FACETS = ("type", "subject", "grade", "tag", "year", "locale")
FACET_SIZE = 30
HIGHLIGHT_FRAGMENTS = 3
HIGHLIGHT_SIZE = 160
SUGGEST_BELOW = 3  # offer a corrected query when fewer results than this were found
POSTGRES_CONFIGS = {"ru": "russian", "en": "english"}
BULK_TIMEOUT = 120.0  # seconds for one bulk request of a (re)build


@dataclass(frozen=True)
class Query:
    """A validated search request."""

    text: str
    locale: str | None = None
    type: str | None = None
    tag: str | None = None
    subject: str | None = None
    grade: str | None = None
    year: int | None = None
    page: int = 1
    size: int = 10

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def filters(self) -> dict:
        names = ("locale", "type", "tag", "subject", "grade", "year")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}


@dataclass
class Hit:
    id: int
    title: str
    url: str
    type: str
    locale: str
    lead: str
    image: str
    highlights: list[str]
    event_date: str | None
    score: float | None


@dataclass
class Response:
    backend: str
    total: int
    hits: list[Hit]
    facets: dict[str, Counter]
    suggestions: list[str] | None
    capabilities: dict
    notes: list[str] = field(default_factory=list)


class BackendUnavailable(Exception):
    """The backend could not answer (server down, timed out); the caller may fall back."""


class DatabaseBackend:
    """Wagtail's database search over SearchDocument, one text-search configuration per
    language on PostgreSQL."""

    name = "database"

    def _wagtail_backend(self, language: str | None):
        return _wagtail_backend(
            POSTGRES_CONFIGS.get(language or "", "simple") if _is_postgres() else None
        )

    @property
    def capabilities(self) -> dict:
        return {
            "highlights": False,
            "suggestions": False,
            "facets": True,
            "autocomplete": True,
            "morphology": "postgresql" if _is_postgres() else "none",
        }

    def notes(self) -> list[str]:
        notes = [
            _(
                "Поиск по базе данных не выделяет найденные слова и не предлагает исправлений "
                "опечаток."
            )
        ]
        if not _is_postgres():
            notes.append(_("Поиск по базе SQLite не учитывает словоформы: ищите по началу слова."))
        return notes

    def index(self, docs: list[SearchDocument]) -> None:
        by_language: dict[str, list[SearchDocument]] = {}
        for doc in docs:
            by_language.setdefault(doc.locale, []).append(doc)
        for language, items in by_language.items():
            backend = self._wagtail_backend(language)
            backend.add_bulk(SearchDocument, items)

    def delete(self, page_ids: Iterable[int]) -> None:
        from django.contrib.contenttypes.models import ContentType
        from wagtail.search.models import IndexEntry

        ids = [str(pk) for pk in page_ids]
        if not ids:
            return
        content_type = ContentType.objects.get_for_model(SearchDocument)
        for start in range(0, len(ids), 1000):
            IndexEntry.objects.filter(
                content_type=content_type, object_id__in=ids[start : start + 1000]
            ).delete()

    def clear(self) -> None:
        from django.contrib.contenttypes.models import ContentType
        from wagtail.search.models import IndexEntry

        IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(SearchDocument)
        ).delete()

    def rebuild(self, docs: Iterable[SearchDocument], progress=None) -> int:
        count = 0
        batch: list[SearchDocument] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= 500:
                self.index(batch)
                count += len(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            self.index(batch)
            count += len(batch)
            if progress:
                progress(len(batch))
        return count

    def _queryset(self, query: Query, *, language: str | None):
        qs = SearchDocument.objects.all()
        if language:
            qs = qs.filter(locale=language)
        if query.type:
            qs = qs.filter(type=query.type)
        if query.year is not None:
            qs = qs.filter(year=query.year)
        for key in self._facet_keys(query):
            qs = qs.filter(facet_keys__contains=key)
        return qs

    def _facet_keys(self, query: Query) -> list[str]:
        values = (("subject", query.subject), ("grade", query.grade), ("tag", query.tag))
        return [f"|{fold(f'{name}={value}').lower()}|" for name, value in values if value]

    def search(self, query: Query) -> Response:
        languages = [query.locale] if query.locale else [code for code, _ in settings.LANGUAGES]
        if _is_postgres():
            return self._search_postgres(query, languages)
        text = " ".join(fts5_terms(fold(query.text)))
        ranked: list[tuple[float, int]] = []
        for position, language in enumerate(languages if text else []):
            backend = self._wagtail_backend(language)
            results = backend.search(
                text, self._queryset(query, language=language), operator="or"
            ).annotate_score("_score")
            for doc_id, score in _ids_and_scores(results, position):
                ranked.append((score, doc_id))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        ids = [doc_id for _, doc_id in ranked]
        page_ids = ids[query.offset : query.offset + query.size]
        rows = SearchDocument.objects.in_bulk(page_ids)
        scores = {doc_id: score for score, doc_id in ranked}
        hits = [_hit(rows[pk], [], scores.get(pk)) for pk in page_ids if pk in rows]
        return Response(
            backend=self.name,
            total=len(ids),
            hits=hits,
            facets=self._facets(ids),
            suggestions=None,
            capabilities=self.capabilities,
            notes=self.notes(),
        )

    def _search_postgres(self, query: Query, languages: list[str]) -> Response:
        matches = postgres_matches(
            text=fold(query.text),
            configs=[(code, POSTGRES_CONFIGS.get(code, "simple")) for code in languages],
            filters={"type": query.type, "year": query.year, "facet_keys": self._facet_keys(query)},
            facet_names=FACETS,
            offset=query.offset,
            limit=query.size,
        )
        rows = SearchDocument.objects.in_bulk([pk for pk, _ in matches.ranked])
        hits = [_hit(rows[pk], [], score) for pk, score in matches.ranked if pk in rows]
        return Response(
            backend=self.name,
            total=matches.total,
            hits=hits,
            facets=matches.facets,
            suggestions=None,
            capabilities=self.capabilities,
            notes=self.notes(),
        )

    def _facets(self, ids: list[int]) -> dict[str, Counter]:
        counts = {name: Counter() for name in FACETS}
        for chunk_start in range(0, len(ids), 2000):
            chunk = ids[chunk_start : chunk_start + 2000]
            rows = SearchDocument.objects.filter(pk__in=chunk).values_list(
                "type", "subjects", "grades", "tags", "year", "locale"
            )
            for type_, subjects, grades, tags, year, locale in rows:
                counts["type"][type_] += 1
                counts["subject"].update(subjects)
                counts["grade"].update(grades)
                counts["tag"].update(tags)
                if year is not None:
                    counts["year"][year] += 1
                counts["locale"][locale] += 1
        return counts

    def autocomplete(self, text: str, *, locale: str | None, size: int) -> list[Hit]:
        qs = SearchDocument.objects.all()
        if locale:
            qs = qs.filter(locale=locale)
        if _is_postgres():
            text = fold(text)
        else:
            text = " ".join(fts5_terms(fold(text)))
            if not text:
                return []
        results = self._wagtail_backend(locale).autocomplete(text, qs)
        return [_hit(doc, [], None) for doc in results[:size]]


def _ids_and_scores(results, position: int) -> list[tuple[int, float]]:
    """(id, score) of every match, best first, read without loading the documents; a
    language searched later ranks after on equal scores."""
    queryset = results.get_queryset()
    if "_score" in queryset.query.annotations:
        rows = list(queryset.values_list("pk", "_score"))
    else:
        rows = [(pk, None) for pk in queryset.values_list("pk", flat=True)]
    found = []
    for rank, (pk, score) in enumerate(rows):
        value = float(score) if score is not None else 1.0 / (rank + 1)
        found.append((pk, value - position * 1e-9))
    return found


class ElasticsearchBackend:
    """The index behind the alias `<prefix>-pages` on the configured server."""

    name = "elasticsearch"
    capabilities = {
        "highlights": True,
        "suggestions": True,
        "facets": True,
        "autocomplete": True,
        "morphology": "elasticsearch",
    }

    def __init__(self, url: str):
        from elasticsearch import Elasticsearch

        self.url = url
        self.client = Elasticsearch(
            url,
            request_timeout=getattr(settings, "ELASTICSEARCH_TIMEOUT", 5.0),
            max_retries=0,
            retry_on_timeout=False,
        )

    @property
    def alias(self) -> str:
        return alias_name()

    def _call(self, method, *args, **kwargs):
        from elastic_transport import ConnectionError as TransportConnectionError
        from elastic_transport import ConnectionTimeout
        from elasticsearch import ApiError

        try:
            return method(*args, **kwargs)
        except (TransportConnectionError, ConnectionTimeout) as exc:
            _circuit.trip()
            raise BackendUnavailable(f"Elasticsearch at {self.url} is unreachable: {exc}") from exc
        except ApiError as exc:
            if exc.meta.status >= 500 or exc.meta.status == 429:
                _circuit.trip()
                raise BackendUnavailable(
                    f"Elasticsearch at {self.url} failed: {exc.meta.status}"
                ) from exc
            raise

    def ping(self) -> bool:
        try:
            return bool(self.client.options(request_timeout=1).ping())
        except Exception:
            return False

    def ensure_index(self) -> None:
        """Create the first concrete index and its alias when there is none."""
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            self._create_and_point(self._new_index_name())

    def _new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"

    def _create_and_point(self, name: str) -> None:
        self._call(self.client.indices.create, index=name, **index_body())
        actions = [{"add": {"index": name, "alias": self.alias, "is_write_index": True}}]
        self._call(self.client.indices.update_aliases, actions=actions)

    def index(self, docs: list[SearchDocument], *, refresh: bool = True) -> None:
        if not docs:
            return
        self.ensure_index()
        self._bulk(self.alias, docs, refresh=refresh)

    def _bulk(self, index: str, docs: Iterable[SearchDocument], *, refresh) -> int:
        from elasticsearch.helpers import streaming_bulk

        actions = (
            {"_op_type": "index", "_index": index, "_id": doc.pk, "_source": document_source(doc)}
            for doc in docs
        )
        count = 0
        errors = []
        for ok, item in self._call(
            lambda: list(
                streaming_bulk(
                    # A search waits seconds at most; a bulk request of 500 pages on a busy
                    # server may take longer and is not worth failing a whole rebuild for.
                    self.client.options(request_timeout=BULK_TIMEOUT),
                    actions,
                    chunk_size=500,
                    raise_on_error=False,
                    max_retries=0,
                )
            )
        ):
            if ok:
                count += 1
            else:
                errors.append(item)
        if errors:
            raise RuntimeError(f"Elasticsearch refused {len(errors)} documents: {errors[:3]}")
        if refresh:
            self._call(self.client.indices.refresh, index=index)
        return count

    def delete(self, page_ids: Iterable[int]) -> None:
        from elasticsearch.helpers import bulk

        ids = list(page_ids)
        if not ids:
            return
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            return
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in ids]
        # A document that is already gone is what we want: ignore "not found".
        self._call(
            lambda: bulk(self.client, actions, raise_on_error=False, refresh=True, max_retries=0)
        )

    def rebuild(self, docs: Iterable[SearchDocument], progress=None) -> tuple[str, int]:
        """Fill a new index while readers keep using the old one, then move the alias to it
        in one atomic request and drop the old index."""
        name = self._new_index_name()
        self._call(
            self.client.indices.create,
            index=name,
            settings={**index_body()["settings"], "refresh_interval": "-1"},
            mappings=index_body()["mappings"],
        )
        try:
            count = 0
            batch: list[SearchDocument] = []
            for doc in docs:
                batch.append(doc)
                if len(batch) >= 500:
                    count += self._bulk(name, batch, refresh=False)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                count += self._bulk(name, batch, refresh=False)
                if progress:
                    progress(len(batch))
            self._call(
                self.client.indices.put_settings, index=name, settings={"refresh_interval": "1s"}
            )
            self._call(
                self.client.options(request_timeout=BULK_TIMEOUT).indices.refresh, index=name
            )
        except BaseException:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        old = list(self._aliased_indices())
        actions = [{"remove": {"index": o, "alias": self.alias}} for o in old]
        actions.append({"add": {"index": name, "alias": self.alias, "is_write_index": True}})
        self._call(self.client.indices.update_aliases, actions=actions)
        for old_name in old:
            self._call(self.client.indices.delete, index=old_name, ignore_unavailable=True)
        return name, count

    def _aliased_indices(self) -> list[str]:
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            return []
        return list(self._call(self.client.indices.get_alias, name=self.alias).body)

    def count(self) -> int:
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            return 0
        return int(self._call(self.client.count, index=self.alias)["count"])

    def _text_fields(self, locale: str | None) -> list[str]:
        languages = [locale] if locale else ["ru", "en"]
        fields = ["title^3", "lead^1.5", "body^0.5", "tags.text^2"]
        for language in languages:
            suffix = "en" if language == "en" else "ru"
            fields += [
                f"title.{suffix}^6",
                f"lead.{suffix}^3",
                f"body.{suffix}",
                f"tags.{suffix}^3",
            ]
        return fields

    def _filter_clauses(self, query: Query, *, skip: str | None = None) -> list[dict]:
        clauses = []
        terms = {
            "locale": query.locale,
            "type": query.type,
            "tag": query.tag,
            "subject": query.subject,
            "grade": query.grade,
            "year": query.year,
        }
        fields = {"tag": "tags"}
        for name, value in terms.items():
            if value is not None and name != skip:
                clauses.append({"term": {fields.get(name, name): value}})
        return clauses

    def _text_query(self, query: Query, *, fuzzy: bool = True) -> dict:
        text = query.text
        fields = self._text_fields(query.locale)
        phrase_fields = [f for f in fields if f.startswith("title")]
        fuzzy_clauses = [
            {
                "multi_match": {
                    "query": text,
                    "fields": ["title", "lead", "tags.text"],
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "operator": "and",
                    "boost": 0.2,
                }
            }
        ]
        return {
            "bool": {
                "should": [
                    {
                        "multi_match": {
                            "query": text,
                            "fields": fields,
                            "type": "best_fields",
                            "operator": "and",
                            "boost": 2,
                        }
                    },
                    {
                        "multi_match": {
                            "query": text,
                            "fields": fields,
                            "type": "most_fields",
                            "minimum_should_match": "1<-1 3<75%",
                        }
                    },
                    {
                        "multi_match": {
                            "query": text,
                            "fields": phrase_fields,
                            "type": "phrase",
                            "slop": 2,
                            "boost": 3,
                        }
                    },
                    *(fuzzy_clauses if fuzzy else []),
                ],
                "minimum_should_match": 1,
            }
        }

    def search(self, query: Query) -> Response:
        filters = self._filter_clauses(query)
        aggs = {}
        for name in FACETS:
            source = {"tag": "tags"}.get(name, name)
            others = self._filter_clauses(query, skip=name)
            aggs[name] = {
                "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
                "aggs": {"values": {"terms": {"field": source, "size": FACET_SIZE}}},
            }
        languages = [query.locale] if query.locale else ["ru", "en"]
        highlight_fields = {}
        for language in languages:
            suffix = "en" if language == "en" else "ru"
            for name in ("body", "lead", "title"):
                highlight_fields[f"{name}.{suffix}"] = {}
        body = {
            "query": {"bool": {"must": [self._text_query(query)]}},
            "post_filter": {"bool": {"filter": filters}},
            "aggs": aggs,
            "from": query.offset,
            "size": query.size,
            "track_total_hits": True,
            "_source": ["title", "url", "type", "locale", "lead", "image", "event_date"],
            "highlight": {
                "encoder": "html",
                "pre_tags": ["<mark>"],
                "post_tags": ["</mark>"],
                "fragment_size": HIGHLIGHT_SIZE,
                "number_of_fragments": HIGHLIGHT_FRAGMENTS,
                "fields": highlight_fields,
                # The fuzzy clause matches only the unhighlighted `folded` fields, yet the
                # highlighter expanded it for every hit: ten times the cost of the search.
                "highlight_query": self._text_query(query, fuzzy=False),
            },
        }
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            self.ensure_index()
        # The shard request cache keeps whole answers (hits included only when asked for) until
        # the next refresh that changed the index: repeated searches skip scoring and facets.
        result = self._call(self.client.search, index=self.alias, request_cache=True, **body).body
        total = result["hits"]["total"]["value"]
        hits = []
        for item in result["hits"]["hits"]:
            source = item["_source"]
            fragments: list[str] = []
            for name in ("body", "lead", "title"):
                for key, values in item.get("highlight", {}).items():
                    if key.startswith(name + "."):
                        fragments += [v for v in values if v not in fragments]
            hits.append(
                Hit(
                    id=int(item["_id"]),
                    title=source["title"],
                    url=source["url"],
                    type=source["type"],
                    locale=source["locale"],
                    lead=source.get("lead") or "",
                    image=source.get("image") or "",
                    highlights=fragments[:HIGHLIGHT_FRAGMENTS],
                    event_date=source.get("event_date"),
                    score=item.get("_score"),
                )
            )
        facets = {
            name: Counter(
                {
                    b["key"]: b["doc_count"]
                    for b in result["aggregations"][name]["values"]["buckets"]
                }
            )
            for name in FACETS
        }
        suggestions = []
        if total < SUGGEST_BELOW:
            corrected = self._suggestion(query.text)
            if corrected:
                suggestions.append(corrected)
        return Response(
            backend=self.name,
            total=total,
            hits=hits,
            facets=facets,
            suggestions=suggestions,
            capabilities=self.capabilities,
        )

    def _suggestion(self, text: str) -> str | None:
        """The query with misspelt words corrected from the index's words; asked only when a
        search found little, so most searches do not pay for it."""
        result = self._call(
            self.client.search,
            index=self.alias,
            size=0,
            request_cache=True,
            suggest={
                "text": fold(text),
                "spelling": {
                    "term": {
                        "field": "spelling",
                        "suggest_mode": "missing",
                        "min_word_length": 4,
                        "max_edits": 2,
                    }
                },
            },
        ).body
        return _corrected(text, result.get("suggest", {}).get("spelling", []))

    def autocomplete(self, text: str, *, locale: str | None, size: int) -> list[Hit]:
        filters = [{"term": {"locale": locale}}] if locale else []
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            return []
        result = self._call(
            self.client.search,
            index=self.alias,
            query={
                "bool": {
                    "must": [{"match": {"title.prefix": {"query": text, "operator": "and"}}}],
                    "should": [{"match_phrase_prefix": {"title": {"query": text}}}],
                    "filter": filters,
                }
            },
            size=size,
            _source=["title", "url", "type", "locale", "lead", "image", "event_date"],
        ).body
        return [
            Hit(
                id=int(item["_id"]),
                title=item["_source"]["title"],
                url=item["_source"]["url"],
                type=item["_source"]["type"],
                locale=item["_source"]["locale"],
                lead=item["_source"].get("lead") or "",
                image=item["_source"].get("image") or "",
                highlights=[],
                event_date=item["_source"].get("event_date"),
                score=item.get("_score"),
            )
            for item in result["hits"]["hits"]
        ]


def _corrected(text: str, entries: list[dict]) -> str | None:
    """The query with each misspelt word replaced by the index's most likely word."""
    folded = fold(text)
    changed = False
    pieces = []
    cursor = 0
    for entry in entries:
        options = entry.get("options") or []
        start, length = entry["offset"], entry["length"]
        pieces.append(folded[cursor:start])
        if options:
            pieces.append(options[0]["text"])
            changed = True
        else:
            pieces.append(folded[start : start + length])
        cursor = start + length
    pieces.append(folded[cursor:])
    return squash("".join(pieces)) if changed else None


def _hit(doc: SearchDocument, highlights: list[str], score: float | None) -> Hit:
    return Hit(
        id=doc.pk,
        title=doc.title,
        url=doc.url,
        type=doc.type,
        locale=doc.locale,
        lead=doc.lead,
        image=doc.image,
        highlights=highlights,
        event_date=doc.event_date.isoformat() if doc.event_date else None,
        score=score,
    )


class _Circuit:
    """After a failure, skip Elasticsearch for a while instead of waiting on it per request."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = 0.0

    def trip(self) -> None:
        with self._lock:
            self._open_until = time.monotonic() + getattr(
                settings, "ELASTICSEARCH_RETRY_AFTER", 10.0
            )

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0

    @property
    def open(self) -> bool:
        return time.monotonic() < self._open_until


_circuit = _Circuit()


@cache
def _elasticsearch(url: str) -> ElasticsearchBackend:
    return ElasticsearchBackend(url)


@cache
def _database() -> DatabaseBackend:
    return DatabaseBackend()


@cache
def _wagtail_backend(config: str | None):
    from modelsearch.backends import get_search_backend

    if config is None:
        return get_search_backend("default")
    return get_search_backend("default", SEARCH_CONFIG=config)


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def elasticsearch_backend() -> ElasticsearchBackend | None:
    """The configured Elasticsearch backend, or None when ELASTICSEARCH_URL is empty."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    return _elasticsearch(url) if url else None


def database_backend() -> DatabaseBackend:
    return _database()


def reset_circuit() -> None:
    _circuit.reset()


def circuit_open() -> bool:
    return _circuit.open


def page_count(total: int, size: int) -> int:
    return max(1, math.ceil(total / size)) if size else 1


def iso(value) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value
