"""The survey endpoints in the permission matrix: a survey for parents, signed (so staff's
download names people), with one parent's answer and a free-text idea. Only the audience
answers; results wait for the close unless the asker is staff; free text and downloads are
staff's alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.surveys.services import response_save, survey_close
from tests.cms.surveys.factories import GOOD, make_survey

from .test_permission_matrix import ASKERS, ask, people  # noqa: F401

pytestmark = pytest.mark.django_db

AUDIENCE = {"parent_of", "parent_of_other"}
IDEA = "Идея родителя Ивановой"


@pytest.fixture
def survey(people):  # noqa: F811
    survey = make_survey(anonymous=False, editable=False, results_public=True)
    response_save(survey=survey, person=people["parent_of"], answers={**GOOD, "q-ideas": IDEA})
    return survey


@pytest.mark.parametrize("asker", ASKERS)
def test_the_survey_tells_each_asker_whether_they_may_answer(client, people, survey, asker):  # noqa: F811
    response = ask(client, people, asker, "get", f"/api/surveys/{survey.code}")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    body = response.json()
    assert response.status_code == 200
    assert response["Cache-Control"] and "no-store" in response["Cache-Control"]
    expected = {"parent_of": "already_answered", "parent_of_other": ""}.get(
        asker, "not_in_audience"
    )
    assert body["reason"] == expected
    assert (body["my_answers"] is not None) is (asker == "parent_of")


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_audience_answers_and_only_once(client, people, survey, asker):  # noqa: F811
    response = ask(
        client, people, asker, "put", f"/api/surveys/{survey.code}/response", {"answers": GOOD}
    )

    expected = {"anonymous": 401, "parent_of": 409, "parent_of_other": 201}.get(asker, 403)
    assert response.status_code == expected
    if asker == "parent_of":
        assert response.json()["error"]["code"] == "already_answered"
    elif expected == 403:
        # Every 403 of the API has the code permission_denied; the message says why.
        assert "для других участников" in response.json()["error"]["message"]


@pytest.mark.parametrize("asker", ASKERS)
def test_my_response_is_mine_alone(client, people, survey, asker):  # noqa: F811
    response = ask(client, people, asker, "get", f"/api/surveys/{survey.code}/response")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    has_answers = response.json()["answers"] is not None
    assert has_answers is (asker == "parent_of")
    assert (IDEA in response.content.decode()) is (asker == "parent_of")


@pytest.mark.parametrize("asker", ASKERS)
def test_results_are_staffs_until_the_close(client, people, survey, asker):  # noqa: F811
    response = ask(client, people, asker, "get", f"/api/surveys/{survey.code}/results")

    expected = {"anonymous": 401, "staff": 200}.get(asker, 403)
    assert response.status_code == expected
    if asker == "staff":
        assert IDEA in response.content.decode()


@pytest.mark.parametrize("asker", ASKERS)
def test_published_results_after_the_close_hold_no_free_text(client, people, survey, asker):  # noqa: F811
    survey_close(survey=survey)
    response = ask(client, people, asker, "get", f"/api/surveys/{survey.code}/results")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert response.json()["responses"] == 1
    assert (IDEA in response.content.decode()) is (asker == "staff")


@pytest.mark.parametrize("asker", ASKERS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_only_staff_download_the_responses(client, people, survey, asker, fmt):  # noqa: F811
    response = ask(client, people, asker, "get", f"/api/surveys/{survey.code}/export.{fmt}")

    expected = {"anonymous": 401, "staff": 200}.get(asker, 403)
    assert response.status_code == expected
    if expected != 200:
        assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("asker", ASKERS)
def test_the_list_names_only_surveys_open_to_the_asker(client, people, survey, asker):  # noqa: F811
    now = timezone.now()
    make_survey("closed-one", opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))
    response = ask(client, people, asker, "get", "/api/surveys")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    codes = [item["code"] for item in response.json()]
    assert codes == ([survey.code] if asker in AUDIENCE else [])
