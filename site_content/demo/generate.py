"""`generate_demo_content`: a synthetic site with every page type, for benchmarks and load tests.

It plans the whole tree in memory first (types, places, which pages get an English
translation), then creates it parents first, with one revision published per page. Everything
drawn at random comes from one `random.Random(seed)`, so the same seed on an empty database
gives the same site (on the same day: upcoming events and open discussions are dated from
today).
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from publish.progress import Progress

from .creator import Creator
from .media import make_documents, make_images
from .plan import MIN_PAGES, plan_site, split_languages
from .site import deferred_indexing, ensure_site, index_in_bulk, unchecked_page_saves

__all__ = ["DemoResult", "generate_demo_content"]


@dataclass
class DemoResult:
    russian: int
    english: int
    images: int
    documents: int
    seconds: float
    types: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return self.russian + self.english

    def summary(self) -> str:
        rate = self.pages / self.seconds if self.seconds else 0
        return (
            f"demo content: {self.pages} pages ({self.russian} Russian, {self.english} English) "
            f"of {len(self.types)} types, {self.images} images, {self.documents} documents in "
            f"{self.seconds:.1f} s ({rate:.0f} pages/s)"
        )


def generate_demo_content(
    *,
    pages: int,
    seed: int = 1,
    images: int = 20,
    documents: int = 8,
    stream=None,
    show_progress: bool = True,
) -> DemoResult:
    """Create `pages` pages of every type (Russian plus ~15% English translations) under the
    homes; raises ValueError below MIN_PAGES, which cannot hold one page of each type.

    The site and its home pages are created first when the database has none. Publishing on
    save should be off (settings.PUBLISH_ON_CHANGE) while this runs: the signal handlers would
    otherwise rebuild the site after every page.
    """
    if 0 < pages < MIN_PAGES:
        raise ValueError(f"at least {MIN_PAGES} pages are needed for one of every page type")
    started = time.monotonic()
    stream = stream or sys.stdout
    rng = random.Random(seed)
    russian, english = split_languages(pages)
    plan = plan_site(russian, english, rng)
    with transaction.atomic():
        homes = ensure_site()
    with deferred_indexing(), unchecked_page_saves():
        with transaction.atomic():
            image_pool = make_images(images, rng)
            document_pool = make_documents(documents, rng)
        progress = Progress("pages", pages, stream=stream, enabled=show_progress)
        creator = Creator(rng, homes, image_pool, document_pool, plan, progress)
        creator.create_russian()
        creator.create_english()
        progress.done()
    by_model: dict[type, list[int]] = {}
    for page in creator.created:
        by_model.setdefault(type(page), []).append(page.pk)
    for model, ids in by_model.items():
        index_in_bulk(model, ids)
    index_in_bulk(get_image_model(), [i.pk for i in image_pool])
    index_in_bulk(get_document_model(), [d.pk for d in document_pool])
    return DemoResult(
        russian=russian,
        english=english,
        images=len(image_pool),
        documents=len(document_pool),
        seconds=time.monotonic() - started,
        types=dict(Counter(type(p).__name__ for p in creator.created)),
    )
