"""One response per person under contention: many simultaneous first answers by one parent
leave one row (the database's unique constraint, not a check in Python)."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from cms.surveys.models import SurveyResponse
from cms.surveys.services import SurveyError, response_save

from .conftest import make_parent
from .factories import GOOD, make_survey

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("anonymous", [True, False])
def test_simultaneous_first_answers_of_one_parent_leave_one_response(anonymous):
    survey = make_survey(anonymous=anonymous, editable=False)
    parent = make_parent("parent")
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def answer():
        try:
            barrier.wait()
            response_save(survey=survey, person=parent, answers=GOOD)
            outcomes.append("saved")
        except SurveyError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert outcomes.count("saved") == 1
    assert outcomes.count("already_answered") == 7
