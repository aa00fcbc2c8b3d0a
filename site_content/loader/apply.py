"""Write a validated content set to the database: every kind in dependency order, at once."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale

from .content import ContentSet, LoadReport, Progress
from .errors import ContentError, Problem
from .media import DOCUMENTS, IMAGES, media_apply
from .pages import pages_apply
from .records import later_apply
from .resolver import Resolver
from .settings import settings_apply
from .snippets import snippets_apply


def content_apply(*, content: ContentSet, progress: Progress | None = None) -> LoadReport:
    """Create, update or leave everything so it matches the files; all in one transaction.

    A record or page is saved (a page gets a published revision) only when a value its
    file gives differs from the database, so a second run writes nothing. Publishing on change
    is switched off meanwhile: `make run` publishes the whole site once after loading.
    """
    report = LoadReport()
    written: list[tuple[Any, str]] = []
    problems: list[Problem] = []
    tick = progress or (lambda kind, done, total: None)
    try:
        with override_settings(PUBLISH_ON_CHANGE=False), transaction.atomic():
            locales = _locales_ensure(report=report)
            resolver = Resolver()
            media = {"resolver": resolver, "report": report, "written": written, "tick": tick}
            media_apply(IMAGES, content.images, ids=resolver.images, **media)
            media_apply(DOCUMENTS, content.documents, ids=resolver.documents, **media)
            later = snippets_apply(content.snippets, resolver, report, problems, locales, tick)
            later += settings_apply(content.settings, resolver, report, problems, tick)
            pages_apply(content.pages, resolver, report, problems, locales, tick)
            # The links to pages that snippets and settings hold, now that every page exists.
            later_apply(later, resolver=resolver, report=report, problems=problems)
            if problems:
                raise ContentError(problems)
    except BaseException:
        # The database rolled back; files written meanwhile would belong to nothing.
        for storage, name in written:
            storage.delete(name)
        raise
    return report


def _locales_ensure(*, report: LoadReport) -> dict[str, Locale]:
    locales = {}
    for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code], created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.notes.append(f"created the locale {code}")
    return locales
