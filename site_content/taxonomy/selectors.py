"""Reading vocabulary terms and tags for public pages: in the reader's language, few queries."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from wagtail.models import Locale

from cms.core.facets import FacetValue, facet_slug
from publish.context import current

from .models import TaxonomyTerm

__all__ = [
    "TermLabels",
    "tag_values",
    "taxonomy_dependency_key",
    "taxonomy_record_use",
    "term_values",
]


def taxonomy_dependency_key(model: type[TaxonomyTerm]) -> str:
    """The dependency key pages record when they show terms of `model` (see signal_handlers)."""
    return f"taxonomy:{model._meta.label_lower}"


def taxonomy_record_use(*, request: HttpRequest | None, models: Iterable[type[TaxonomyTerm]]):
    """Note that the page being rendered shows these vocabularies, so that renaming a term
    re-publishes it."""
    ctx = current(request)
    for model in models:
        ctx.depends_on(taxonomy_dependency_key(model))


class TermLabels:
    """Names of terms in one language, read once per vocabulary and page render.

    Pages keep pointing at the source-language rows after translation (wagtail-localize
    copies many-to-many fields as they are), so names are looked up by translation key, and
    a term without a translation keeps its own name.
    """

    def __init__(self, *, language: str, request: HttpRequest | None = None):
        self.language = language
        self.request = request
        self._names: dict[type[TaxonomyTerm], dict[str, str]] = {}

    def _of(self, model: type[TaxonomyTerm]) -> dict[str, str]:
        if model not in self._names:
            taxonomy_record_use(request=self.request, models=[model])
            locale = Locale.objects.filter(language_code=self.language).first()
            rows = model.objects.filter(locale=locale) if locale else model.objects.none()
            self._names[model] = {
                str(key): name for key, name in rows.values_list("translation_key", "name")
            }
        return self._names[model]

    def label(self, term: TaxonomyTerm) -> str:
        return self._of(type(term)).get(str(term.translation_key), term.name)


def term_values(terms: Iterable[TaxonomyTerm], *, labels: TermLabels) -> list[FacetValue]:
    """Terms as facet values, in the vocabulary's own order."""
    values = [
        FacetValue(slug=term.slug, label=labels.label(term), sort_key=(term.sort_order,))
        for term in terms
    ]
    return sorted(values, key=lambda v: (v.sort_key, v.label.casefold()))


def tag_values(tags: Iterable) -> list[FacetValue]:
    """django-taggit tags as facet values with ASCII addresses, alphabetically."""
    values = {}
    for tag in tags:
        slug = facet_slug(tag.name)
        values.setdefault(slug, FacetValue(slug=slug, label=tag.name))
    return sorted(values.values(), key=lambda v: (v.label.casefold(), v.slug))
