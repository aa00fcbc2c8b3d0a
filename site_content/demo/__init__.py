"""Synthetic demo content for benchmarks and load tests: a deterministic site of every page
type, in the proportions of a school's site (see `plan`), built by each app's `demo.py`."""

from .creator import INDEXES, Creator
from .generate import DemoResult, generate_demo_content
from .kit import DemoKit
from .media import make_documents, make_images
from .plan import (
    INDEX_KINDS,
    MAX_LEVEL,
    MIN_PAGES,
    TRANSLATED_SHARE,
    ZONE_MINIMUM,
    ZONE_SHARES,
    PlannedPage,
    plan_site,
    plan_tree,
    split_languages,
    zone_counts,
)
from .site import deferred_indexing, ensure_site, index_in_bulk
from .text import EN_WORDS, RU_WORDS, Text

__all__ = [
    "EN_WORDS",
    "RU_WORDS",
    "INDEXES",
    "INDEX_KINDS",
    "MAX_LEVEL",
    "MIN_PAGES",
    "TRANSLATED_SHARE",
    "ZONE_MINIMUM",
    "ZONE_SHARES",
    "Creator",
    "DemoKit",
    "DemoResult",
    "PlannedPage",
    "Text",
    "deferred_indexing",
    "ensure_site",
    "generate_demo_content",
    "index_in_bulk",
    "make_documents",
    "make_images",
    "plan_site",
    "plan_tree",
    "split_languages",
    "zone_counts",
]
