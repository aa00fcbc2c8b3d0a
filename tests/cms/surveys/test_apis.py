"""The survey API as the widget uses it: errors per question in the API's one shape, editing
when allowed, and the English of the errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .factories import GOOD, make_survey

pytestmark = pytest.mark.django_db


def _put(client, survey, answers, **headers):
    return client.put(
        reverse("api:survey-response", args=[survey.code]),
        {"answers": answers},
        content_type="application/json",
        **headers,
    )


def test_bad_answers_come_back_keyed_by_question(client, people, survey):
    client.force_login(people["parent"])
    response = _put(client, survey, {"q-food": 11})
    body = response.json()["error"]
    assert response.status_code == 400
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"q-like", "q-food"}


def test_the_first_answer_is_created_and_the_second_edits_it(client, people, survey):
    client.force_login(people["parent"])
    assert _put(client, survey, GOOD).status_code == 201
    second = _put(client, survey, {**GOOD, "q-like": "Нет"})
    assert second.status_code == 200
    assert second.json() == {"answers": {**GOOD, "q-like": "Нет"}, "edited": True}


def test_a_survey_not_editable_refuses_the_second_answer(client, people):
    survey = make_survey(editable=False)
    client.force_login(people["parent"])
    _put(client, survey, GOOD)
    response = _put(client, survey, GOOD)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_answered"


def test_errors_speak_english_to_an_english_reader(client, people, survey):
    client.force_login(people["parent"])
    response = _put(client, survey, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["error"]["fields"]["q-like"] == ["Please answer this question."]


def test_an_unknown_survey_is_a_json_404(client, people):
    client.force_login(people["parent"])
    response = client.get(reverse("api:survey-detail", args=["no-such"]))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
