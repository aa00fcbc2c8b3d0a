"""The facets a page is found by: the `search_facets()` contract for page types.

A page type may define::

    def search_facets(self, language: str) -> dict:
        return {
            "type": "event",                 # one slug; default: the model's name
            "subject": ["Математика"],       # any number of labels shown on the page
            "grade": ["7", "8"],
            "year": 2025,                    # an int
            "event_date": date(2025, 3, 14), # a date (or datetime)
        }

`language` is the page's language: labels are given as the page shows them. Every key is
optional. Only values the public page itself shows belong here: the index must not learn
anything the static site does not publish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page

FACET_KEYS = ("type", "subject", "grade", "year", "event_date")


@dataclass
class Facets:
    type: str
    subject: list[str] = field(default_factory=list)
    grade: list[str] = field(default_factory=list)
    year: int | None = None
    event_date: date | None = None


def type_slug(model) -> str:
    """A page type's default facet value: `LibraryItemPage` becomes `libraryitem`."""
    name = model._meta.model_name
    return name[:-4] if name.endswith("page") and len(name) > 4 else name


def page_types() -> dict[str, type]:
    """Every concrete page model by its type slug."""
    return {
        type_slug(model): model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.abstract
    }


def facets_for(page, *, language: str) -> Facets:
    """The page's own search_facets(), normalised, over the defaults."""
    declared = {}
    if callable(getattr(page, "search_facets", None)):
        declared = page.search_facets(language=language) or {}
    facets = Facets(type=str(declared.get("type") or type_slug(type(page))))
    facets.subject = _strings(declared.get("subject"))
    facets.grade = _strings(declared.get("grade"))
    facets.year = _year(declared.get("year"))
    facets.event_date = _date(declared.get("event_date"))
    if facets.year is None and facets.event_date is not None:
        facets.year = facets.event_date.year
    return facets


def _strings(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str | int):
        value = [value]
    seen: list[str] = []
    for item in value:
        text = str(item).strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def _year(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, date | datetime):
        return value.year
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    return None
