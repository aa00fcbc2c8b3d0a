import os
import uuid

import pytest
from django.conf import settings as django_settings

from search import backends


def _test_elasticsearch_url() -> str:
    return getattr(django_settings, "TEST_ELASTICSEARCH_URL", "") or os.environ.get(
        "TEST_ELASTICSEARCH_URL", ""
    )


@pytest.fixture(autouse=True)
def database_search_by_default(settings):
    """Every search test starts on the database default with fresh rate limits."""
    settings.ELASTICSEARCH_URL = ""
    settings.ROOT_URLCONF = "tests.search.urls"
    settings.SEARCH_RATE_LIMIT = (0, 0)
    backends.reset_circuit()
    yield
    backends.reset_circuit()


@pytest.fixture
def elasticsearch_url():
    """The server the test command started; a missing one fails in CI and skips locally."""
    url = _test_elasticsearch_url()
    if not url:
        message = (
            "no Elasticsearch for the tests: run `make test`, or start one with "
            "`bash tests/services/elasticsearch.sh start` and set TEST_ELASTICSEARCH_URL"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def use_elasticsearch(settings, elasticsearch_url):
    """Switch the app to Elasticsearch with an index of this test's own, removed after it."""
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    es = backends.elasticsearch_backend()
    yield es
    es.client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.es)])
def backend(request):
    """The same test on both backends."""
    if request.param == "elasticsearch":
        request.getfixturevalue("use_elasticsearch")
    return request.param


@pytest.fixture
def morphology(backend):
    """Word forms need stemming: Elasticsearch, or PostgreSQL's text search configurations."""
    from django.db import connection

    if backend == "database" and connection.vendor != "postgresql":
        pytest.skip("the database default on SQLite does not stem words (PostgreSQL does)")
