"""The search API answers the same way from Elasticsearch and from the database."""

import re

import pytest
from django.test import Client

from .helpers import api, published_site, search, urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(backend, site_dir, morphology):
    return published_site()


def test_a_page_is_found_by_another_form_of_its_title_words(site, backend):
    data = search("робототехнике", locale="ru")

    assert "/ru/library/robots/" in urls(data)
    assert data["backend"] == backend


def test_plural_and_adjective_forms_find_the_same_page(site):
    assert "/ru/library/robots/" in urls(search("роботы", locale="ru"))
    assert "/ru/olympiad/" in urls(search("олимпиады математика", locale="ru"))


def test_yo_and_ye_are_the_same_letter(site):
    assert "/ru/library/trees/" in urls(search("зеленые елки", locale="ru"))
    assert "/ru/library/trees/" in urls(search("Зелёные ёлки", locale="ru"))


def test_english_pages_are_found_by_english_word_forms(site):
    data = search("robot", locale="en")

    assert urls(data) == ["/en/library/robots/"]


def test_every_result_has_title_url_type_and_highlights(site):
    result = search("робот", locale="ru")["results"][0]

    assert set(result) >= {"title", "url", "type", "type_label", "lead", "highlights", "locale"}
    assert result["type"] == "standard"
    assert isinstance(result["highlights"], list)


def test_the_response_has_the_same_keys_on_both_backends(site, backend):
    data = search("робот")

    assert set(data) == {
        "query", "backend", "total", "page", "page_size", "pages", "filters", "results",
        "facets", "suggestions", "capabilities", "notes",
    }  # fmt: skip
    assert set(data["facets"]) == {"type", "subject", "grade", "tag", "year", "locale"}


def test_facets_count_results_by_type_and_language(site):
    data = search("Python")

    assert {f["value"]: f["count"] for f in data["facets"]["locale"]} == {"ru": 1, "en": 1}
    assert data["facets"]["type"][0]["value"] == "standard"
    assert data["facets"]["type"][0]["label"]


def test_filters_narrow_the_results(site):
    assert urls(search("Python", locale="en")) == ["/en/library/robots/"]
    assert search("Python", type="home")["total"] == 0


def test_results_are_paged(site):
    first = search("ученики", locale="ru", size=1)
    second = search("ученики", locale="ru", size=1, page=2)

    assert first["total"] >= 2 and first["pages"] == first["total"]
    assert urls(first) != urls(second)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "робот", "page": "-1"},
        {"q": "робот", "page": "abc"},
        {"q": "робот", "page": "0"},
        {"q": "робот", "type": "no-such-type"},
        {"q": "робот", "locale": "de"},
        {"q": "робот", "size": "1000"},
        {"q": "робот", "year": "next"},
        {"q": "я" * 201},
        {"q": "   "},
        {},
    ],
)
def test_invalid_parameters_get_a_400_in_the_apis_error_shape_naming_the_field(site, params):
    response = api(**params)

    error = response.json()["error"]
    assert response.status_code == 400
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == "invalid"
    assert error["fields"] and all(error["fields"].values())
    # The search page shows the message as it is: it says what is wrong, not "see the fields".
    assert error["message"] == " ".join(m for ms in error["fields"].values() for m in ms)


def test_a_bad_autocomplete_query_gets_the_same_error_shape(site):
    response = api("/api/search/autocomplete", q="", lang="en")

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "This field is required.",
            "fields": {"q": ["This field is required."]},
        }
    }


def test_messages_come_in_the_language_of_the_page_not_of_the_browser(site):
    client = Client(headers={"accept-language": "ru"})

    on_english_page = client.get("/api/search", {"q": "robot", "page": "0", "lang": "en"})
    on_russian_page = client.get("/api/search", {"q": "robot", "page": "0", "lang": "ru"})
    unknown_language = client.get("/api/search", {"q": "robot", "page": "0", "lang": "xx"})

    assert on_english_page.status_code == 400
    assert on_english_page["Content-Language"] == "en"
    assert not re.search("[а-яё]", str(on_english_page.json()["error"]), re.I)
    assert re.search("[а-яё]", on_russian_page.json()["error"]["message"], re.I)
    assert unknown_language.json() == on_russian_page.json()


def test_autocomplete_offers_titles_that_start_like_the_typed_text(site, backend):
    data = api("/api/search/autocomplete", q="робото", locale="ru").json()

    assert [r["url"] for r in data["results"]] == ["/ru/library/robots/"]
    assert data["backend"] == backend


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("path", ["/api/search", "/api/search/autocomplete"])
def test_results_are_cached_by_the_browser_only_so_a_removed_page_is_not_served_by_proxies(
    site, path
):
    response = api(path, q="робот")

    assert response.status_code == 200
    assert cache_control(response) == {"private", "max-age=30"}
    assert "Accept-Language" in response["Vary"]


def test_an_error_holds_no_page_text_and_may_be_cached_by_anyone(site):
    response = api(q="")

    assert response.status_code == 400
    assert cache_control(response) == {"public", "max-age=30"}
    assert "Accept-Language" in response["Vary"]


def test_the_database_says_what_it_cannot_do(site, backend):
    data = search("робот", locale="ru")

    if backend == "database":
        assert all(r["highlights"] == [] for r in data["results"])
        assert data["suggestions"] is None
        assert data["capabilities"]["highlights"] is False
        assert data["notes"]
    else:
        assert data["capabilities"]["highlights"] is True
        assert data["notes"] == []


@pytest.mark.es
def test_elasticsearch_highlights_the_matched_words(use_elasticsearch, site_dir):
    published_site()

    result = search("роботов", locale="ru")["results"][0]

    assert any("<mark>" in fragment for fragment in result["highlights"])


@pytest.mark.es
def test_elasticsearch_suggests_a_spelling_for_a_misspelt_query(use_elasticsearch, site_dir):
    published_site()

    data = search("олимпиаба", locale="ru")

    assert data["suggestions"] == ["олимпиада"]


@pytest.mark.es
def test_highlights_escape_markup_from_the_page(use_elasticsearch, site_dir):
    from tests.factories import make_site

    from .helpers import add_page, body, publish_full

    home = make_site(english=False)["ru"]
    add_page(
        home,
        "Разметка",
        slug="markup",
        body=body("Скрипт &lt;script&gt;alert(1)&lt;/script&gt; в тексте"),
    )
    publish_full()

    fragments = search("скрипт", locale="ru")["results"][0]["highlights"]

    assert "<script>" not in "".join(fragments)
    assert "&lt;script&gt;" in "".join(fragments)


def test_when_elasticsearch_is_down_the_database_answers_and_says_so(settings, site_dir):
    published_site()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"

    response = api(q="робот", locale="ru")

    data = response.json()
    assert response.status_code == 200
    assert data["backend"] == "database"
    assert urls(data) == ["/ru/library/robots/"]
    assert any("Elasticsearch" in note for note in data["notes"])
    assert "no-store" in response["Cache-Control"]


def test_too_many_requests_from_one_client_get_a_429(site, settings):
    settings.SEARCH_RATE_LIMIT = (0.01, 3)

    statuses = [api(q="робот").status_code for _ in range(5)]
    refused = api(q="робот", lang="en")

    assert statuses == [200, 200, 200, 429, 429]
    wait = int(refused["Retry-After"])
    assert wait >= 1
    assert refused["Content-Language"] == "en"
    assert "no-store" in refused["Cache-Control"]
    assert refused.json() == {
        "error": {
            "code": "throttled",
            "message": f"Too many requests. Try again in {wait} s.",
            "fields": {},
        }
    }
