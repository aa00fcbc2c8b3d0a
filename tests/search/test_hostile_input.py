"""Whatever a client puts in the query string, the search API answers in its documented shape
and never with a server error: quotes, operators, NUL and control characters, any script,
texts far over the limit, nonsense in every filter."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from search.text import fts5_terms
from tests.search.helpers import published_site

SEARCH_KEYS = {
    "query", "backend", "total", "page", "page_size", "pages", "filters", "results", "facets",
    "suggestions", "capabilities", "notes",
}  # fmt: skip
AUTOCOMPLETE_KEYS = {"query", "backend", "results", "notes"}
RESULT_KEYS = {"id", "title", "url", "type", "type_label", "locale", "lead", "image",
               "event_date", "highlights"}  # fmt: skip

hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from("\"'*:^(){}[]-+|&!<>\\%_ \x00\x01\t\n\u0301ёЁ"), max_size=30),
    st.text(min_size=150, max_size=600),
    st.sampled_from(['" OR 1=1 --', '"""', '"', "'", "NEAR(a b)", "title:x", "a*", "*", "-"]),
)
number_text = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["1", "2", "50", "100", "0", "1e3", "1.5", "١٢", "NaN", "9" * 5000]),
)


facet_text = st.text(st.characters(exclude_characters="\x00"), max_size=40)
valid_values = {
    "locale": st.sampled_from(["ru", "en", ""]),
    "lang": st.sampled_from(["ru", "en"]),
    "type": st.sampled_from(["", "standardpage", "homepage"]),
    "tag": facet_text,
    "subject": facet_text,
    "grade": facet_text,
    "year": st.integers(1900, 2100).map(str),
    "page": st.integers(1, 100).map(str),
    "size": st.integers(1, 50).map(str),
}
hostile_values = {
    "locale": st.text(max_size=10),
    "lang": st.text(max_size=10),
    "type": hostile_text,
    "tag": hostile_text,
    "subject": hostile_text,
    "grade": hostile_text,
    "year": number_text,
    "page": number_text,
    "size": number_text,
    "other": st.text(max_size=20),
}
# Half the examples: any text in `q` with valid filters, so that they reach the backends; the
# other half: anything in any parameter, `q` included or left out.
params = st.one_of(
    st.fixed_dictionaries(
        {"q": hostile_text.filter(lambda q: 0 < len(q.strip()) <= 200)}, optional=valid_values
    ),
    st.fixed_dictionaries({}, optional={"q": hostile_text, **hostile_values}),
)

HOSTILE = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_documented_shape(response, *, autocomplete: bool) -> None:
    assert response.status_code < 500, response.content[:500]
    event(f"HTTP {response.status_code}")  # --hypothesis-show-statistics: how many got through
    assert response.status_code in (200, 400), response.status_code
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    if response.status_code == 400:
        error = data["error"]
        event(f"400 for {sorted(error['fields'])}")
        assert set(error) == {"code", "message", "fields"}
        assert error["code"] == "invalid"
        assert isinstance(error["message"], str) and error["message"]
        assert isinstance(error["fields"], dict) and error["fields"]
        return
    assert set(data) == (AUTOCOMPLETE_KEYS if autocomplete else SEARCH_KEYS)
    assert isinstance(data["results"], list)
    if not autocomplete:
        assert isinstance(data["total"], int)
        for result in data["results"]:
            assert set(result) == RESULT_KEYS


@pytest.fixture
def site(db, site_dir, media_root, backend):
    """The small site, published after the backend is chosen so that it gets the pages."""
    return published_site()


@pytest.mark.django_db
@HOSTILE
@given(query=params)
@example(query={"q": '" OR 1=1 --'})
@example(query={"q": '"""'})
@example(query={"q": '"', "locale": "ru"})
def test_the_search_api_answers_any_query_string_in_its_documented_shape(site, backend, query):
    response = Client().get("/api/search", query)
    assert_documented_shape(response, autocomplete=False)


@pytest.mark.django_db
@HOSTILE
@given(query=params)
@example(query={"q": '" OR 1=1 --'})
@example(query={"q": '"""'})
@example(query={"q": 'роб"', "locale": "ru"})
def test_autocomplete_answers_any_query_string_in_its_documented_shape(site, backend, query):
    response = Client().get("/api/search/autocomplete", query)
    assert_documented_shape(response, autocomplete=True)


@pytest.mark.django_db
def test_quotes_in_a_query_still_find_the_words_around_them(site, backend):
    for q in ('"Робототехника', 'робототехника"', '"робототехника"', 'робототехника"""'):
        data = Client().get("/api/search", {"q": q, "locale": "ru"}).json()
        assert "/ru/library/robots/" in [r["url"] for r in data["results"]], q
    data = Client().get("/api/search/autocomplete", {"q": '"Робот', "locale": "ru"}).json()
    assert [r["url"] for r in data["results"]] == ["/ru/library/robots/"]


def _fts5_table() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE entry USING fts5(autocomplete, body, title)")
    db.executemany(
        "INSERT INTO entry (autocomplete, body, title) VALUES (?, ?, ?)",
        [
            ("робототехника", "роботы из конструкторов", "Робототехника для начинающих"),
            ("ели", 'кавычки " и звёздочки * в тексте', "Зеленые ели"),
        ],
    )
    return db


def _modelsearch_match(terms: list[str], *, prefix_last: bool, operator: str) -> str:
    """The MATCH parameter the SQLite search backend sends for these words, made by its own
    classes (`build_search_query_content` and `MatchExpression`)."""
    from modelsearch.backends.database.sqlite.query import (
        Lexeme,
        MatchExpression,
        SearchQueryExpression,
    )

    class Compiler:
        def compile(self, node):
            return node.as_sql(self, None)

    *others, last = terms
    lexemes = Lexeme(last, prefix=prefix_last)
    for term in others:
        lexemes = (lexemes & Lexeme(term)) if operator == "and" else (lexemes | Lexeme(term))
    columns = ["autocomplete"] if prefix_last else ["title", "body"]
    _sql, params = MatchExpression(columns, SearchQueryExpression(lexemes)).as_sql(Compiler(), None)
    return params[0]


needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="modelsearch defines its FTS5 classes only on SQLite; on PostgreSQL "
    "test_the_fts5_checks_also_run_when_the_suite_runs_on_postgresql runs them",
)


@needs_sqlite
@settings(max_examples=300, deadline=None)
@given(text=hostile_text, prefix_last=st.booleans(), operator=st.sampled_from(["and", "or"]))
@example(text='" OR 1=1 --', prefix_last=False, operator="or")
@example(text='"""', prefix_last=True, operator="and")
def test_any_query_text_makes_a_valid_fts5_match_expression(text, prefix_last, operator):
    terms = fts5_terms(text)
    if not terms:
        return
    match = _modelsearch_match(terms, prefix_last=prefix_last, operator=operator)
    db = _fts5_table()
    db.execute("SELECT rowid FROM entry WHERE entry MATCH ?", [match]).fetchall()


@needs_sqlite
def test_fts5_terms_are_the_words_sqlite_itself_would_find():
    db = _fts5_table()
    match = _modelsearch_match(fts5_terms('"Робототехника'), prefix_last=False, operator="or")
    assert db.execute("SELECT rowid FROM entry WHERE entry MATCH ?", [match]).fetchall() == [(1,)]
    assert fts5_terms('кавычки"и*звёздочки') == ["кавычки", "и", "звёздочки"]


@pytest.mark.skipif(connection.vendor == "sqlite", reason="the FTS5 tests above run directly")
def test_the_fts5_checks_also_run_when_the_suite_runs_on_postgresql():
    """`make test` runs on PostgreSQL, where the SQLite search path is never taken: the FTS5
    checks run in a child pytest on the SQLite fallback of the test settings."""
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider", "-k", "fts5"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout, result.stdout[-3000:]
