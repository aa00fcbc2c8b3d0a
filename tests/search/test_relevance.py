"""The labelled queries over the lyceum's content find their pages on both backends."""

import pytest

from tests.publish.helpers import publish_full

from .relevance import api_search, build_corpus, evaluate, load_cases

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FLOORS = {"elasticsearch": 0.95, "database": 0.85}


def test_the_relevance_set_is_large_and_mostly_russian():
    cases = load_cases()

    assert len(cases) >= 100
    assert sum(case.locale == "ru" for case in cases) > 0.8 * len(cases)


def test_labelled_queries_find_their_pages(backend, site_dir, morphology):
    pages = build_corpus()
    publish_full()
    cases = load_cases()
    missing = {url for case in cases for url in case.expect if url not in pages}
    assert not missing, f"relevance.yaml names pages the content no longer has: {missing}"

    report = evaluate(cases, lambda q, locale: api_search(q, locale, backend=backend), backend)

    print(report.summary())
    for q, expect, got in report.misses:
        print(f"  miss: {q!r}: want {expect}, got {got}")
    assert report.hit_rate >= FLOORS[backend], report.summary()
