"""Answering a survey: every answer checked, one response per person held by the database,
editing until the close when allowed, anonymity in the table itself, and closing once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cms.surveys import services
from cms.surveys.models import RoleGroup, Survey, SurveyResponse
from cms.surveys.questions import AnswersInvalid
from cms.surveys.selectors import my_response, survey_state
from cms.surveys.services import SurveyError, response_save, survey_close, surveys_close_due
from cms.surveys.tasks import survey_close_at_time

from .conftest import make_parent
from .factories import GOOD, make_survey

pytestmark = pytest.mark.django_db


def test_a_parent_answers_and_the_answers_are_kept_by_question(people, survey):
    response, created = response_save(survey=survey, person=people["parent"], answers=GOOD)
    assert created
    assert response.answers["q-like"] == "Да"
    assert response.answers["q-clubs"] == ["Театр"]
    assert response.answers["q-food"] == 4
    assert (response.role_group, response.grade) == (RoleGroup.PARENT, 9)


def test_every_bad_answer_is_named_with_its_own_reason(people, survey):
    answers = {"q-clubs": ["Футбол"], "q-food": 9, "q-name": "x" * 301}
    with pytest.raises(AnswersInvalid) as error:
        response_save(survey=survey, person=people["parent"], answers=answers)
    fields = error.value.fields
    assert set(fields) == {"q-like", "q-clubs", "q-food", "q-name"}
    assert "Ответьте" in fields["q-like"]
    assert "Футбол" in fields["q-clubs"]
    assert "от 1 до 5" in fields["q-food"]
    assert "300" in fields["q-name"]
    assert not SurveyResponse.objects.exists()


def test_a_choice_that_is_not_an_option_is_refused(people, survey):
    with pytest.raises(AnswersInvalid) as error:
        response_save(survey=survey, person=people["parent"], answers={"q-like": "Может быть"})
    assert "q-like" in error.value.fields


def test_a_scale_answer_must_be_a_whole_number(people, survey):
    for bad in ("4", True, 2.5):
        with pytest.raises(AnswersInvalid):
            response_save(survey=survey, person=people["parent"], answers={**GOOD, "q-food": bad})


def test_unknown_questions_are_dropped(people, survey):
    response, _ = response_save(
        survey=survey, person=people["parent"], answers={**GOOD, "made-up": "x"}
    )
    assert "made-up" not in response.answers


def test_someone_outside_the_audience_is_refused(people, survey):
    with pytest.raises(SurveyError) as error:
        response_save(survey=survey, person=people["pupil"], answers=GOOD)
    assert error.value.code == "not_in_audience"
    assert error.value.status == 403


def test_no_answers_before_the_opening_or_after_the_close(people):
    now = timezone.now()
    day = timedelta(days=1)
    early = make_survey("early", opens_at=now + day, closes_at=now + 2 * day)
    late = make_survey("late", opens_at=now - 2 * day, closes_at=now - day)
    with pytest.raises(SurveyError) as error:
        response_save(survey=early, person=people["parent"], answers=GOOD)
    assert error.value.code == "not_open"
    with pytest.raises(SurveyError) as error:
        response_save(survey=late, person=people["parent"], answers=GOOD)
    assert error.value.code == "closed"


def test_a_second_response_is_refused_when_editing_is_not_allowed(people):
    survey = make_survey(editable=False)
    response_save(survey=survey, person=people["parent"], answers=GOOD)
    with pytest.raises(SurveyError) as error:
        response_save(survey=survey, person=people["parent"], answers={**GOOD, "q-like": "Нет"})
    assert error.value.code == "already_answered"
    assert SurveyResponse.objects.get().answers["q-like"] == "Да"


def test_an_editable_survey_changes_the_one_response(people, survey):
    response_save(survey=survey, person=people["parent"], answers=GOOD)
    response, created = response_save(
        survey=survey, person=people["parent"], answers={**GOOD, "q-like": "Нет"}
    )
    assert not created
    assert SurveyResponse.objects.count() == 1
    assert my_response(survey=survey, person=people["parent"]).answers["q-like"] == "Нет"


def test_the_database_holds_one_response_per_person_of_an_anonymous_survey(people, survey):
    response_save(survey=survey, person=people["parent"], answers=GOOD)
    key = services.respondent_key(survey=survey, person=people["parent"])
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(
            survey=survey, respondent_key=key, answers={}, role_group="parent"
        )


def test_the_database_holds_one_response_per_person_of_a_signed_survey(people):
    survey = make_survey(anonymous=False)
    response_save(survey=survey, person=people["parent"], answers=GOOD)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(
            survey=survey, respondent=people["parent"], answers={}, role_group="parent"
        )


def test_a_response_is_either_signed_or_keyed_never_both_or_neither(people, survey):
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(survey=survey, answers={}, role_group="parent")


def test_the_response_table_of_an_anonymous_survey_holds_no_person_and_no_time(survey):
    parent = make_parent("anna.ivanova")
    response_save(survey=survey, person=parent, answers=GOOD)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM surveys_surveyresponse WHERE survey_id = %s", [survey.pk])
        columns = [c.name for c in cursor.description]
        (row,) = cursor.fetchall()
    stored = dict(zip(columns, row, strict=True))
    assert stored["respondent_id"] is None
    assert stored["submitted_at"] is None
    # The key is not the person's id, username or email, and not a plain hash of them.
    text = " ".join(str(v) for v in stored.values())
    for identity in (parent.username, parent.email, f"'{parent.pk}'"):
        assert identity not in text
    assert str(parent.pk) not in [str(v) for v in stored.values()]
    assert len(stored["respondent_key"]) == 64
    assert stored["respondent_key"] != services.respondent_key(
        survey=make_survey("other-survey"), person=parent
    )


def test_a_signed_survey_names_the_respondent(people):
    survey = make_survey(anonymous=False)
    response, _ = response_save(survey=survey, person=people["parent"], answers=GOOD)
    assert response.respondent == people["parent"]
    assert response.respondent_key is None
    assert response.submitted_at is not None


def test_the_widget_state_tells_why_one_may_not_answer(people):
    survey = make_survey(editable=False)
    assert survey_state(survey=survey, person=people["pupil"])["reason"] == "not_in_audience"
    assert survey_state(survey=survey, person=people["parent"])["can_answer"]
    response_save(survey=survey, person=people["parent"], answers=GOOD)
    state = survey_state(survey=survey, person=people["parent"])
    assert state["reason"] == "already_answered"
    assert state["my_answers"]["q-like"] == "Да"


def test_a_pupil_and_a_teacher_are_cut_by_their_own_group(people):
    survey = make_survey(audience_roles=["student", "teacher"])
    pupil, _ = response_save(survey=survey, person=people["pupil"], answers=GOOD)
    teacher, _ = response_save(survey=survey, person=people["teacher"], answers=GOOD)
    assert (pupil.role_group, pupil.grade) == (RoleGroup.STUDENT, 9)
    assert (teacher.role_group, teacher.grade) == (RoleGroup.STAFF, None)


def test_closing_is_written_once_and_refuses_later_answers(people, survey):
    first = survey_close(survey=survey).closed_at
    again = survey_close(survey=Survey.objects.get(pk=survey.pk)).closed_at
    assert first is not None and again == first
    with pytest.raises(SurveyError) as error:
        closed = Survey.objects.get(pk=survey.pk)
        response_save(survey=closed, person=people["parent"], answers=GOOD)
    assert error.value.code == "closed"


def test_the_cron_command_closes_only_surveys_past_their_time():
    now = timezone.now()
    due = make_survey("due", opens_at=now - timedelta(days=3), closes_at=now - timedelta(hours=1))
    running = make_survey("running")
    call_command("close_due_surveys", verbosity=0)
    assert Survey.objects.get(pk=due.pk).closed_at is not None
    assert Survey.objects.get(pk=running.pk).closed_at is None
    assert surveys_close_due() == 0


def test_the_close_task_waits_when_the_close_was_moved_later(survey):
    assert survey_close_at_time.call(survey.pk) == "not due"
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(seconds=5))
    assert survey_close_at_time.call(survey.pk) == "closed"
    assert survey_close_at_time.call(survey.pk) == "already closed"


def test_many_parents_answer_each_once(people, survey):
    parents = [make_parent(f"p{i}", "10А") for i in range(3)]
    for parent in parents:
        response_save(survey=survey, person=parent, answers=GOOD)
    assert survey.responses.count() == 3
