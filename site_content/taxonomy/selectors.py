"""Reading vocabulary terms and tags for public pages: in the reader's language, few queries."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from cms.core.build_cache import locale_for, per_build
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
    """The dependency key pages record when they show terms of `model`.

    A saved snippet currently triggers a full build (publish.signal_handlers); the key lets an
    incremental publish (`build_changes(extra_keys=…)`) re-render just the pages that show it.
    """
    return f"taxonomy:{model._meta.label_lower}"


def taxonomy_record_use(*, request: HttpRequest | None, models: Iterable[type[TaxonomyTerm]]):
    """Note that the page being rendered shows these vocabularies."""
    ctx = current(request)
    for model in models:
        ctx.depends_on(taxonomy_dependency_key(model))


class TermLabels:
    """Names of terms in one language, read once per vocabulary and build.

    Pages keep pointing at the source-language rows after translation (wagtail-localize
    copies many-to-many fields as they are), so names are looked up by translation key, and
    a term without a translation keeps its own name.
    """

    def __init__(self, *, language: str, request: HttpRequest | None = None):
        self.language = language
        self.request = request
        self._texts: dict[type[TaxonomyTerm], dict[str, tuple[str, str]]] = {}

    def _of(self, model: type[TaxonomyTerm]) -> dict[str, tuple[str, str]]:
        if model not in self._texts:
            taxonomy_record_use(request=self.request, models=[model])
            self._texts[model] = per_build(
                self.request, ("term labels", model, self.language), lambda: self._load(model)
            )
        return self._texts[model]

    def _load(self, model: type[TaxonomyTerm]) -> dict[str, tuple[str, str]]:
        locale = locale_for(self.request, self.language)
        rows = model.objects.filter(locale=locale) if locale else model.objects.none()
        return {
            str(key): (name, description)
            for key, name, description in rows.values_list("translation_key", "name", "description")
        }

    def label(self, term: TaxonomyTerm) -> str:
        return self._of(type(term)).get(str(term.translation_key), (term.name,))[0]

    def labels(self, terms: Iterable[TaxonomyTerm]) -> list[str]:
        return [self.label(term) for term in terms]

    def description(self, term: TaxonomyTerm) -> str:
        found = self._of(type(term)).get(str(term.translation_key))
        return found[1] if found else term.description


def term_values(terms: Iterable[TaxonomyTerm], *, labels: TermLabels) -> list[FacetValue]:
    """Terms as facet values, in the vocabulary's own order."""
    values = [
        FacetValue(
            slug=term.slug,
            label=labels.label(term),
            sort_key=(term.sort_order,),
            description=labels.description(term),
        )
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
