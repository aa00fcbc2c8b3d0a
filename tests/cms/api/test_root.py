import pytest

pytestmark = pytest.mark.django_db


def test_the_api_root_lists_its_endpoints_as_json(client):
    response = client.get("/api/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "max-age=60" in response["Cache-Control"]
    body = response.json()
    assert body["languages"] == ["ru", "en"]
    assert body["endpoints"]["health"].endswith("/api/health")


def test_health_is_degraded_until_the_site_is_published(client, site_dir):
    response = client.get("/api/health")

    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "database": "ok", "site_published": False}


def test_the_api_refuses_writes(client):
    assert client.post("/api/").status_code == 405


def test_uploaded_originals_are_not_public(client, media_root):
    (media_root / "original_images").mkdir(parents=True)
    (media_root / "original_images" / "child.jpg").write_bytes(b"jpeg")

    response = client.get("/media/original_images/child.jpg")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
