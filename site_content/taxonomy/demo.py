"""Vocabulary terms for synthetic demo content (benchmarks): the loaded ones, or a few."""

from __future__ import annotations

from wagtail.models import Locale

from .models import EventType, Grade, ProjectType, Subject, TaxonomyTerm

__all__ = ["demo_terms"]

_FALLBACK = {
    Subject: [("mathematics", "Математика"), ("physics", "Физика"), ("history", "История")],
    Grade: [("9", "9 класс"), ("10", "10 класс"), ("teachers", "Педагогам")],
    ProjectType: [("research", "Исследовательский"), ("engineering", "Инженерный")],
    EventType: [
        ("conference", "Конференция"),
        ("hackathon", "Хакатон"),
        ("master-class", "Мастер-класс"),
        ("seminar", "Семинар"),
    ],
}


def demo_terms() -> dict[type[TaxonomyTerm], list[TaxonomyTerm]]:
    """The source-language terms of each vocabulary; a small set is created when one is empty
    (a benchmark database without the school's content)."""
    locale = Locale.get_default()
    terms = {}
    for model, rows in _FALLBACK.items():
        found = list(model.objects.filter(locale=locale).order_by("sort_order", "slug"))
        if not found:
            found = [
                model.objects.create(name=name, slug=slug, sort_order=n, locale=locale)
                for n, (slug, name) in enumerate(rows)
            ]
        terms[model] = found
    return terms
