"""Library items for synthetic demo content (benchmarks), valid for every item type."""

from __future__ import annotations

import random

from site_content.taxonomy.demo import demo_terms
from site_content.taxonomy.models import Grade, Subject

from .models import LibraryItemPage, LibraryItemType

__all__ = ["demo_library_item", "demo_library_item_classify"]

DEMO_TAGS = ["проектная деятельность", "олимпиады", "экология", "программирование", "ФГОС"]


def demo_library_item(
    rng: random.Random,
    *,
    title: str,
    slug: str,
    lead: str = "",
    item_type: str | None = None,
    document=None,
    cover=None,
) -> LibraryItemPage:
    """An unsaved item (of a random type unless given); after `parent.add_child(instance=page)`,
    call `demo_library_item_classify(page, rng)` and publish a revision.

    An article or methodological material gets the `document` when one is given and a coin
    says so, a link otherwise; videos and resources always a link; books the `cover`.
    """
    item_type = item_type or rng.choice(list(LibraryItemType))
    attach = (
        document is not None
        and item_type in (LibraryItemType.ARTICLE, LibraryItemType.METHODOLOGY)
        and rng.random() < 0.5
    )
    needs_link = item_type != LibraryItemType.BOOK and not attach
    return LibraryItemPage(
        title=title,
        slug=slug,
        lead=lead,
        item_type=item_type,
        authors="Рабочая группа проекта",
        year=rng.randint(2005, 2025) if rng.random() < 0.85 else None,
        annotation=lead,
        external_url=f"https://example.org/library/{slug}" if needs_link else "",
        document=document if attach else None,
        cover_image=cover if item_type == LibraryItemType.BOOK else None,
    )


def demo_library_item_classify(page: LibraryItemPage, rng: random.Random, terms=None) -> None:
    """Subjects, grades and tags for a demo item (in memory, saved with the next revision)."""
    terms = terms or demo_terms()
    page.subjects = rng.sample(terms[Subject], k=min(len(terms[Subject]), rng.randint(1, 2)))
    page.grades = rng.sample(terms[Grade], k=min(len(terms[Grade]), rng.randint(1, 3)))
    page.tags.add(*rng.sample(DEMO_TAGS, k=rng.randint(0, 2)))
