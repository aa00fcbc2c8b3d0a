"""The OpenAPI schema documents our API (and only it); the docs page reads it locally."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_documents_the_public_api_and_nothing_of_the_admin(client):
    response = client.get("/api/schema/?format=json")

    schema = response.json()
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert "/api/health" in schema["paths"]
    assert all(path.startswith("/api/") for path in schema["paths"])
    assert "Error" in schema["components"]["schemas"]


def test_every_operation_documents_the_error_shape(client):
    schema = client.get("/api/schema/?format=json").json()

    for operations in schema["paths"].values():
        for operation in operations.values():
            assert {"400", "401", "403", "404", "429"} <= set(operation["responses"])


@pytest.mark.parametrize("path", ["/api/search", "/api/search/autocomplete"])
def test_the_search_endpoints_are_documented_open_to_all_with_the_error_shape(client, path):
    schema = client.get("/api/schema/?format=json").json()

    operation = schema["paths"][path]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "locale", "lang"}
    assert operation.get("security", [{}]) == [{}]
    for status in ("400", "429"):
        content = operation["responses"][status]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/Error"}


def test_the_docs_page_loads_redoc_from_this_site_and_points_it_at_the_schema(client):
    response = client.get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'spec-url="/api/schema/"' in html
    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in html
    assert "https://" not in html
