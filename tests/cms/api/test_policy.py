"""Every endpoint answers errors in one shape, in the reader's language, with HTTP's statuses."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def policy_urls(settings):
    settings.ROOT_URLCONF = "tests.cms.api.urls"


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user(username="pupil", password="x" * 16)


def error_of(response) -> dict:
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_an_unknown_api_address_is_a_json_404_not_a_redirect(client):
    response = client.get("/api/events")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_a_visitor_who_is_not_signed_in_gets_401_with_a_scheme(client):
    response = client.post("/api/test/notes", {"text": "hi"}, content_type="application/json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Session")
    assert error_of(response)["code"] == "not_authenticated"


def test_bad_input_names_the_field_and_says_what_is_wrong(client, member):
    client.force_login(member)

    response = client.post("/api/test/notes", {"text": "x" * 21}, content_type="application/json")

    error = error_of(response)
    assert response.status_code == 400
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["text"]
    assert "20" in error["fields"]["text"][0]


def test_errors_speak_the_language_the_reader_asked_for(client, member):
    client.force_login(member)

    russian = client.post("/api/test/notes", {}, content_type="application/json")
    english = client.post(
        "/api/test/notes", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert error_of(russian)["message"] == "Проверьте отмеченные поля."
    assert error_of(english)["message"] == "Check the fields marked."
    assert error_of(english)["fields"]["text"] == ["This field is required."]


def test_a_json_body_that_is_not_json_is_a_400_not_a_500(client, member):
    client.force_login(member)

    response = client.post("/api/test/notes", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


def test_writes_need_the_csrf_token_like_any_form_of_the_site(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = client.post("/api/test/notes", {"text": "hi"}, content_type="application/json")

    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert "CSRF" in error_of(response)["message"]


def test_too_many_requests_get_429_with_retry_after(client, member, settings):
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "write": (0.01, 2)}
    client.force_login(member)

    statuses = [
        client.post("/api/test/notes", {"text": "hi"}, content_type="application/json")
        for _ in range(3)
    ]

    assert [r.status_code for r in statuses] == [201, 201, 429]
    assert int(statuses[-1]["Retry-After"]) >= 1
    assert error_of(statuses[-1])["code"] == "throttled"


def test_pupils_behind_one_school_address_each_have_their_own_allowance(
    client, django_user_model, settings
):
    """A whole school reaches the site from one NAT address; signed-in people are counted
    one by one, so thirty pupils opening their cabinets do not exhaust one address's burst."""
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "address": (0.01, 3)}
    pupils = [
        django_user_model.objects.create_user(username=f"pupil{i}", password="x" * 16)
        for i in range(6)
    ]

    statuses = []
    for pupil in pupils:
        client.force_login(pupil)
        statuses.append(client.get("/api/me").status_code)

    assert statuses == [200] * 6


def test_visitors_who_are_not_signed_in_share_their_address_allowance(client, settings):
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "address": (0.01, 3)}

    statuses = [client.get("/api/me").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_a_signed_in_person_is_limited_on_any_address(client, member, settings):
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "user": (0.01, 2)}
    client.force_login(member)

    statuses = [client.get("/api/me", REMOTE_ADDR=f"198.51.100.{i}").status_code for i in range(3)]

    assert statuses == [200, 200, 429]


def test_a_bug_is_a_json_500_without_details(client):
    client.raise_request_exception = False

    response = client.get("/api/test/broken")

    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "server_error"
    assert "a bug" not in error["message"]
