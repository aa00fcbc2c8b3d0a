"""Writes to the search indexes: documents follow the published static site.

A document is built from a page's file in the live build (the text of its `<main>`), its
entry in the site index (title, lead, URL, language) and its declared facets. So only pages
the publish pipeline made public are indexed, and only what their templates show.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import translation
from wagtail.models import Page

from publish import swap
from publish.context import rendering
from publish.progress import Progress
from publish.site_index import SiteIndex

from .backends import (
    BackendUnavailable,
    circuit_open,
    database_backend,
    elasticsearch_backend,
)
from .facets import facets_for
from .models import IndexedPage, SearchDocument
from .text import main_content, squash

logger = logging.getLogger(__name__)

MAX_BODY_CHARS = 60_000
PAGE_BATCH = 200
UPDATE_FIELDS = [
    "locale",
    "url",
    "title",
    "lead",
    "body",
    "tags",
    "type",
    "subjects",
    "grades",
    "year",
    "event_date",
    "image",
    "published_at",
    "facet_keys",
    "updated_at",
]


class NothingPublished(Exception):
    """There is no live build to read pages from."""


@dataclass
class IndexResult:
    indexed: int
    removed: int
    elasticsearch: str  # "updated", "not configured" or why it was not updated
    checked: int = 0  # pages of the live build compared with what the indexes hold
    stale: list[int] = field(default_factory=list)  # pages made again though not re-rendered
    gone: list[int] = field(default_factory=list)  # pages removed that had left the build

    def summary(self) -> str:
        return (
            f"search: {self.indexed} indexed, {self.removed} removed, "
            f"{len(self.stale)} stale repaired, Elasticsearch {self.elasticsearch}"
        )


def documents_from_build(
    *, build_dir: Path, page_ids: Iterable[int], index: SiteIndex
) -> list[SearchDocument]:
    """Unsaved documents for the given pages of a build; pages that are not public, not in the
    build or excluded from search yield none."""
    ids = [pk for pk in page_ids if pk in index.pages]
    docs = []
    # Pages read their facet labels as they do when rendered: from the build's index and its
    # per-build caches, in their own language.
    with rendering(index):
        for start in range(0, len(ids), PAGE_BATCH):
            batch = ids[start : start + PAGE_BATCH]
            pages = list(Page.objects.filter(id__in=batch).specific().order_by("pk"))
            _prefetch_many_to_many(pages)
            for page in pages:
                if getattr(page, "search_exclude", False):
                    continue
                info = index.pages[page.pk]
                try:
                    html = (Path(build_dir) / info.output_path).read_text(encoding="utf-8")
                except FileNotFoundError:
                    logger.warning("search: %s is missing from the build; not indexed", info.url)
                    continue
                with translation.override(info.language):
                    docs.append(_document(page, info, html))
    return docs


def _document(page, info, html: str) -> SearchDocument:
    text, image = main_content(html)
    body = text
    for known in (info.title, info.lead):
        if known and body.startswith(known):
            body = body[len(known) :].lstrip()
        elif known:
            body = body.replace(known, " ", 1)
    facets = facets_for(page, language=info.language)
    tags = _tags(page)
    return SearchDocument(
        page_id=page.pk,
        locale=info.language,
        url=info.url,
        title=info.title,
        lead=info.lead or "",
        body=squash(body)[:MAX_BODY_CHARS],
        tags=tags,
        type=facets.type,
        subjects=facets.subject,
        grades=facets.grade,
        year=facets.year,
        event_date=facets.event_date,
        image=image,
        published_at=info.first_published_at,
        facet_keys=SearchDocument.make_facet_keys(
            subjects=facets.subject, grades=facets.grade, tags=tags
        ),
    )


def _prefetch_many_to_many(pages: list[Page]) -> None:
    """Each page type's tags and terms in one query per batch, not one per page."""
    by_model: dict[type, list[Page]] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, items in by_model.items():
        names = [
            field.name
            for field in model._meta.get_fields()
            if field.many_to_many and not field.auto_created
        ]
        if names:
            prefetch_related_objects(items, *names)


def _tags(page) -> list[str]:
    manager = getattr(page, "tags", None)
    if manager is None or not hasattr(manager, "all"):
        return []
    return sorted({tag.name for tag in manager.all()})


def documents_save(*, docs: list[SearchDocument]) -> str:
    """Store documents and index them in the database and, when configured, Elasticsearch.

    Returns what happened to Elasticsearch; when it is down the database still gets them, and
    the next publish or `search_index --verify` catches Elasticsearch up (`documents_converge`).
    """
    if not docs:
        return "not needed"
    with transaction.atomic():
        changed = _changed(docs)
        SearchDocument.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=UPDATE_FIELDS,
            batch_size=500,
        )
        database_backend().index(changed)
    # Elasticsearch gets every document: it may have missed one while it was down.
    return _elasticsearch(lambda es: es.index(docs))


def _changed(docs: list[SearchDocument]) -> list[SearchDocument]:
    """The documents that are new or differ from the stored ones.

    A full build hands over every page; re-indexing the unchanged ones in the database cost
    most of the search work of a publish.
    """
    fields = [name for name in UPDATE_FIELDS if name != "updated_at"]
    stored = {
        row["page_id"]: row
        for row in SearchDocument.objects.filter(page_id__in=[d.page_id for d in docs]).values(
            "page_id", *fields
        )
    }
    return [
        doc
        for doc in docs
        if (row := stored.get(doc.page_id)) is None
        or any(getattr(doc, name) != row[name] for name in fields)
    ]


def documents_remove(*, page_ids: Iterable[int]) -> int:
    """Remove pages from every index; returns how many documents were removed."""
    return _remove(sorted(set(page_ids)))[0]


def _remove(ids: list[int], *, forget: bool = True) -> tuple[int, str]:
    """(documents removed, what happened to Elasticsearch). The pages' versions are forgotten
    (`forget`) unless Elasticsearch may still hold them: then they stay, marked so, and the
    next convergence removes them there."""
    if not ids:
        return 0, "not needed"
    with transaction.atomic():
        removed, _ = SearchDocument.objects.filter(page_id__in=ids).delete()
        database_backend().delete(ids)
    state = _elasticsearch(lambda es: es.delete(ids))
    versions = IndexedPage.objects.filter(page_id__in=ids)
    if state == "unreachable":
        versions.update(html_hash="", document=False, elasticsearch=False)
    elif forget:
        versions.delete()
    return removed, state


def documents_prune(*, index: SiteIndex | None = None) -> int:
    """Remove every document whose page is no longer public (unpublished, deleted, expired,
    restricted, or under a section that is)."""
    index = index or SiteIndex.load()
    stale = [
        pk
        for pk in SearchDocument.objects.values_list("page_id", flat=True)
        if pk not in index.pages
    ]
    return documents_remove(page_ids=stale)


def documents_follow_build(
    *,
    build_dir: Path,
    mode: str,
    rendered: dict[int, str],
    removed: dict[int, str],
    index: SiteIndex | None = None,
) -> IndexResult:
    """Bring the indexes in step with a build that just became live (`index`: the build's
    own site index, loaded again when not given).

    Not only the pages it re-rendered: any page whose document was made from another version
    of its file than the one now live (an earlier publish died between going live and
    indexing) is made again, and pages that left the build are removed.
    """
    return documents_converge(
        build_dir=build_dir, index=index, force=rendered, removed=removed, full=mode == "full"
    )


def documents_converge(
    *,
    build_dir: Path,
    index: SiteIndex | None = None,
    force: Iterable[int] = (),
    removed: Iterable[int] = (),
    full: bool = False,
    stream=None,
    progress: bool = False,
) -> IndexResult:
    """Make the indexes hold exactly the pages of the build at `build_dir`, each from its
    file there.

    The build's manifest records a hash of every page's file; `IndexedPage` records the hash
    each document was made from. Pages whose hashes differ (and the `force`d ones) are read
    again from the build, pages no longer in it are removed, and Elasticsearch gets whatever
    it missed while it was unreachable. When all agree, this is one query and the manifest.
    """
    manifest = swap.read_manifest(build_dir)
    if manifest is None:
        raise NothingPublished(f"{build_dir} has no manifest: publish the site again")
    wanted = {int(pk): record.get("html", "") for pk, record in manifest["pages"].items()}
    known = {
        pk: (html_hash, document, in_es)
        for pk, html_hash, document, in_es in IndexedPage.objects.values_list(
            "page_id", "html_hash", "document", "elasticsearch"
        )
    }
    forced = set(force)
    stale = sorted(
        pk
        for pk, html_hash in wanted.items()
        if pk in forced or known.get(pk, ("",))[0] != html_hash or not html_hash
    )
    gone = (set(removed) | forced | set(known)) - set(wanted)
    if full:
        # Whatever a full build did not publish has left the site, recorded or not.
        gone |= set(SearchDocument.objects.values_list("page_id", flat=True)) - set(wanted)
    removed_count, _ = _remove(sorted(gone))

    docs: list[SearchDocument] = []
    state = "not needed"
    if stale:
        index = index or SiteIndex.load()
        bar = Progress("search pages", len(stale), stream=stream, enabled=progress)
        for start in range(0, len(stale), PAGE_BATCH):
            batch = stale[start : start + PAGE_BATCH]
            docs += documents_from_build(build_dir=build_dir, page_ids=batch, index=index)
            bar.advance(len(batch))
        bar.done()
        produced = {doc.page_id for doc in docs}
        count, removal = _remove([pk for pk in stale if pk not in produced], forget=False)
        removed_count += count
        state = documents_save(docs=docs)
        in_es = state in ("updated", "not needed") and removal in ("updated", "not needed")
        _record(
            build=build_dir.name,
            hashes={pk: wanted[pk] for pk in stale},
            produced=produced,
            in_elasticsearch=in_es and elasticsearch_backend() is not None,
        )
    made = set(stale)
    behind = [
        pk
        for pk, (_hash, _document, in_es) in known.items()
        if not in_es and pk in wanted and pk not in made
    ]
    # While the circuit is open Elasticsearch just failed; the next publish or verify retries.
    if behind and elasticsearch_backend() is not None and not circuit_open():
        state = _elasticsearch_catch_up(behind)
    return IndexResult(
        indexed=len(docs),
        removed=removed_count,
        elasticsearch=state if elasticsearch_backend() is not None else "not configured",
        checked=len(wanted),
        stale=[pk for pk in stale if pk not in forced],
        gone=sorted(gone - set(removed) - forced),
    )


def _record(*, build: str, hashes: dict[int, str], produced: set[int], in_elasticsearch: bool):
    IndexedPage.objects.bulk_create(
        [
            IndexedPage(
                page_id=pk,
                build=build,
                html_hash=html_hash,
                document=pk in produced,
                elasticsearch=in_elasticsearch,
            )
            for pk, html_hash in hashes.items()
        ],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["build", "html_hash", "document", "elasticsearch"],
        batch_size=1000,
    )


def _elasticsearch_catch_up(page_ids: list[int]) -> str:
    """Give Elasticsearch the documents (and removals) it missed while it was unreachable."""
    docs = list(SearchDocument.objects.filter(page_id__in=page_ids).order_by("pk"))
    present = {doc.page_id for doc in docs}
    absent = [pk for pk in page_ids if pk not in present]

    def send(es):
        es.index(docs)
        es.delete(absent)

    state = _elasticsearch(send)
    if state == "updated":
        IndexedPage.objects.filter(page_id__in=page_ids).update(elasticsearch=True)
    return state


def index_rebuild(*, stream=None, progress: bool = True, extract: bool = True) -> IndexResult:
    """Re-read every public page from the live build, then rebuild both indexes.

    Elasticsearch gets a new index that the alias moves to when it is complete, so searches
    keep answering from the old one meanwhile; the database index is replaced in one
    transaction.
    """
    index = SiteIndex.load()
    if extract:
        live = swap.live_dir(Path(settings.SITE_DIR))
        if live is None:
            raise NothingPublished(
                "the site has not been published yet: run `python manage.py publish` first"
            )
        ids = sorted(index.pages)
        bar = Progress("read pages", len(ids), stream=stream, enabled=progress)
        docs: list[SearchDocument] = []
        for start in range(0, len(ids), PAGE_BATCH):
            batch = ids[start : start + PAGE_BATCH]
            docs += documents_from_build(build_dir=live, page_ids=batch, index=index)
            bar.advance(len(batch))
        bar.done()
        keep = {doc.page_id for doc in docs}
        with transaction.atomic():
            stale = SearchDocument.objects.exclude(page_id__in=keep)
            removed = stale.count()
            stale.delete()
            SearchDocument.objects.bulk_create(
                docs,
                update_conflicts=True,
                unique_fields=["page"],
                update_fields=UPDATE_FIELDS,
                batch_size=500,
            )
    else:
        removed = documents_prune(index=index)
    total = SearchDocument.objects.count()

    with transaction.atomic():
        database_backend().clear()
        bar = Progress("database index", total, stream=stream, enabled=progress)
        database_backend().rebuild(_all_documents(), progress=bar.advance)
        bar.done()

    es = elasticsearch_backend()
    if es is None:
        state = "not configured"
    else:
        bar = Progress("elasticsearch index", total, stream=stream, enabled=progress)
        name, _ = es.rebuild(_all_documents(), progress=bar.advance)
        bar.done()
        state = f"rebuilt as {name}, alias {es.alias} switched"
    if extract:
        manifest = swap.read_manifest(live) or {"pages": {}}
        with transaction.atomic():
            IndexedPage.objects.all().delete()
            _record(
                build=live.name,
                hashes={int(pk): r.get("html", "") for pk, r in manifest["pages"].items()},
                produced=keep,
                in_elasticsearch=es is not None,
            )
    elif es is not None:
        IndexedPage.objects.update(elasticsearch=True)
    return IndexResult(indexed=total, removed=removed, elasticsearch=state)


def _all_documents():
    return SearchDocument.objects.order_by("pk").iterator(chunk_size=500)


def _elasticsearch(action) -> str:
    es = elasticsearch_backend()
    if es is None:
        return "not configured"
    try:
        action(es)
    except BackendUnavailable as exc:
        logger.error(
            "search: Elasticsearch was not updated (%s); the database index was. The next "
            "publish, or `python manage.py search_index --verify`, catches it up when it is back.",
            exc,
        )
        return "unreachable"
    return "updated"
