"""The index converges on the live site: a publish killed after its build went live and
before the index heard of it leaves old text findable only until the next publish or
`search_index --verify`, not until someone thinks of a full rebuild."""

from __future__ import annotations

import signal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from search.backends import elasticsearch_backend, reset_circuit
from search.models import SearchDocument
from tests.factories import add_page, make_site
from tests.publish import processes
from tests.publish.helpers import page_html, publish_changes, publish_full

from .helpers import body, search

NAME = "Агафья Трифонова"  # a pupil's name an editor took out of a review
REVIEW = "Отзыв о проектной неделе"


@pytest.fixture
def env(backend, site_dir, media_root, tmp_path):
    env = processes.django_env(site_dir=site_dir, media_root=media_root, var_dir=tmp_path / "var")
    if backend == "elasticsearch":
        env.update(
            ELASTICSEARCH_URL=settings.ELASTICSEARCH_URL,
            ELASTICSEARCH_INDEX_PREFIX=settings.ELASTICSEARCH_INDEX_PREFIX,
        )
    processes.manage("collectstatic", "--noinput", "-v0", env=env)
    return env


@pytest.fixture
def stale_review(env):
    """A review whose new text (without the name) is live while the index still has the name."""
    home = make_site(english=False)["ru"]
    review = add_page(
        home, REVIEW, slug="review", body=body(f"Лучший проект недели сделала {NAME}.")
    )
    # In a section of its own, so that publishing its edits does not re-render the review.
    clubs = add_page(home, "Кружки", slug="clubs")
    other = add_page(clubs, "Расписание кружков", slug="timetable", body=body("По средам."))
    publish_full()
    assert NAME in indexed_text()
    review.body = body("Лучший проект недели сделала ученица седьмого класса.")
    review.save_revision().publish()

    crashing = {**env, "DJANGO_SETTINGS_MODULE": "tests.search.die_after_swap"}
    with processes.started_manage("publish", "--changes", "--quiet", env=crashing) as child:
        exit_code = child.process.wait(timeout=180)

    assert exit_code == -signal.SIGKILL
    assert "седьмого класса" in page_html("/ru/review/")
    assert NAME not in page_html("/ru/review/")
    assert NAME in indexed_text(), "the crash point was not between going live and indexing"
    assert search("Трифонова")["total"] == 1
    return other


def indexed_text() -> str:
    texts = [" ".join([d.title, d.lead, d.body]) for d in SearchDocument.objects.all()]
    es = elasticsearch_backend()
    if es is not None:
        es.client.indices.refresh(index=es.alias)
        hits = es.client.search(index=es.alias, size=100, query={"match_all": {}}).body
        texts += [h["_source"]["body"] for h in hits["hits"]["hits"]]
    return " ".join(texts)


def assert_name_gone():
    assert NAME not in indexed_text()
    assert search("Трифонова")["total"] == 0
    assert [r["url"] for r in search("седьмого класса")["results"]] == ["/ru/review/"]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_next_publish_of_another_page_removes_text_a_killed_publish_left_in_the_index(
    stale_review, env
):
    stale_review.body = body("По средам и пятницам.")
    stale_review.save_revision().publish()

    processes.manage("publish", "--changes", "--quiet", env=env)

    assert_name_gone()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_search_index_verify_finds_and_repairs_what_a_killed_publish_left(stale_review, env):
    result = processes.manage("search_index", "--verify", env=env)

    stale = [line for line in result.stdout.splitlines() if line.startswith("stale")]
    # Every page the killed publish re-rendered (the review, and the pages that show it).
    assert any(line.endswith(" /ru/review/") for line in stale), result.stdout
    assert f"{len(stale)} stale re-indexed, 0 gone removed" in result.stdout
    assert "search pages:" in result.stderr
    assert_name_gone()
    again = processes.manage("search_index", "--verify", env=env)
    assert "0 stale re-indexed, 0 gone removed" in again.stdout


@pytest.fixture
def review(backend, site_dir):
    home = make_site(english=False)["ru"]
    page = add_page(home, REVIEW, slug="review", body=body(f"Лучший проект сделала {NAME}."))
    publish_full()
    return page


@pytest.mark.django_db
def test_a_verify_of_an_index_in_step_with_the_live_site_is_one_query(
    review, django_assert_num_queries
):
    with django_assert_num_queries(1):
        call_command("search_index", "--verify", "--quiet", stdout=StringIO())


@pytest.mark.es
@pytest.mark.django_db
def test_elasticsearch_gets_what_it_missed_while_down_at_the_next_verify(
    use_elasticsearch, site_dir, settings
):
    home = make_site(english=False)["ru"]
    review = add_page(home, REVIEW, slug="review", body=body(f"Лучший проект сделала {NAME}."))
    publish_full()
    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    review.body = body("Лучший проект сделала ученица седьмого класса.")
    review.save_revision().publish()
    publish_changes()
    settings.ELASTICSEARCH_URL = url
    reset_circuit()
    assert NAME in indexed_text()  # Elasticsearch still has the old text

    output = StringIO()
    call_command("search_index", "--verify", "--quiet", stdout=output)

    assert "Elasticsearch updated" in output.getvalue()
    assert_name_gone()
