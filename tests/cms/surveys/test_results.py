"""Results: counts and percents per question, free text for staff only, cuts by group and
grade that never show a group of fewer than five answers; charts readers of screen readers
can use, with their numbers in a table; and the static page, which shows them only after the
close when the editor published them, never with a free-text answer."""

from __future__ import annotations

import pytest

from cms.surveys.charts import bar_chart, survey_static_part
from cms.surveys.selectors import survey_results
from cms.surveys.services import response_save, survey_close

from .conftest import make_parent
from .factories import GOOD, make_survey

pytestmark = pytest.mark.django_db

SECRET_IDEA = "Секретное предложение Анны"


def answer(survey, parents, **answers):
    for parent in parents:
        response_save(survey=survey, person=parent, answers={**GOOD, **answers})


@pytest.fixture
def answered():
    """A survey of parents: six of grade 9 (one with a free-text idea), two of grade 10, five
    of grade 11."""
    survey = make_survey()
    nine = [make_parent(f"nine{i}", "9А") for i in range(6)]
    ten = [make_parent(f"ten{i}", "10А") for i in range(2)]
    answer(survey, nine[:4])
    answer(survey, nine[4:5], **{"q-like": "Нет", "q-ideas": SECRET_IDEA})
    answer(survey, nine[5:], **{"q-like": "Нет", "q-clubs": ["Театр", "Шахматы"]})
    answer(survey, ten, **{"q-like": "Не знаю"})
    answer(survey, [make_parent(f"eleven{i}", "11А") for i in range(5)])
    return survey


def _question(results, question_id):
    return next(q for q in results["questions"] if q["id"] == question_id)


def test_each_option_has_its_count_and_percent(answered):
    results = survey_results(survey=answered)
    like = {o["label"]: (o["count"], o["percent"]) for o in _question(results, "q-like")["options"]}
    assert results["responses"] == 13
    assert like == {"Да": (9, 69.2), "Нет": (2, 15.4), "Не знаю": (2, 15.4)}
    clubs = {o["label"]: o["count"] for o in _question(results, "q-clubs")["options"]}
    assert clubs == {"Робототехника": 0, "Театр": 13, "Шахматы": 1}
    food = _question(results, "q-food")
    assert food["mean"] == 4.0
    assert food["options"][0]["label"] == "1 — плохо"


def test_free_text_is_given_to_staff_only(answered):
    assert _question(survey_results(survey=answered), "q-ideas")["texts"] is None
    staff = survey_results(survey=answered, texts=True)
    assert SECRET_IDEA in _question(staff, "q-ideas")["texts"]


def test_a_grade_with_fewer_than_five_answers_is_not_shown(answered):
    grade_cut = survey_results(survey=answered)["cuts"][1]
    # Grade 10 (two answers) is hidden, and grade 11 with it, the smallest of those shown,
    # so grade 10 cannot be worked out from the total.
    assert [g["key"] for g in grade_cut["groups"]] == ["9"]
    assert grade_cut["hidden_groups"] == 2


def test_a_lone_small_group_takes_the_next_smallest_with_it(settings):
    """Otherwise the hidden group's numbers would be the total minus the groups shown."""
    settings.SURVEY_MIN_CUT = 5
    survey = make_survey(audience_roles=["parent", "student"])
    answer(survey, [make_parent(f"p{i}") for i in range(5)])
    from tests.cms.users.conftest import make_person

    pupils = [make_person(f"s{i}", "student", school_class="9Б") for i in range(2)]
    answer(survey, pupils)
    role_cut = survey_results(survey=survey)["cuts"][0]
    assert role_cut["groups"] == []
    assert role_cut["hidden_groups"] == 2


def test_the_threshold_is_a_setting(answered, settings):
    settings.SURVEY_MIN_CUT = 2
    grade_cut = survey_results(survey=answered)["cuts"][1]
    assert [g["key"] for g in grade_cut["groups"]] == ["9", "10", "11"]


def test_a_chart_is_an_image_with_a_title_and_a_description():
    svg = bar_chart(
        chart_id="c1",
        title="Нравится ли вам лицей?",
        options=[
            {"label": "Да", "count": 3, "percent": 75.0},
            {"label": "Нет", "count": 1, "percent": 25.0},
        ],
    )
    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Нравится ли вам лицей?</title>' in svg
    assert "Да: 3 (75 %)" in svg


def test_the_static_part_shows_nothing_of_the_results_while_open(answered):
    html = survey_static_part(answered.code, "ru")
    assert "survey-static" in html
    assert "<svg" not in html


def test_the_static_part_waits_for_the_editor_to_publish_the_results(answered):
    survey_close(survey=answered)
    assert "<svg" not in survey_static_part(answered.code, "ru")


def test_the_static_part_shows_charts_and_tables_after_the_close(answered):
    answered.results_public = True
    answered.save()
    survey_close(survey=answered)
    html = survey_static_part(answered.code, "ru")
    assert html.count('role="img"') == 3  # single, multiple choice and scale
    assert html.count("<table") >= 3
    assert '<th scope="row">Да</th><td>9</td><td>69.2</td>' in html
    assert SECRET_IDEA not in html
    assert "Свободные ответы не публикуются" in html
    # The grade cut shows grade 9 only.
    assert "9 параллель" in html and "10 параллель" not in html


def test_the_static_part_speaks_the_page_language(answered):
    answered.results_public = True
    answered.save()
    survey_close(survey=answered)
    html = survey_static_part(answered.code, "en")
    assert "Survey results" in html


def test_chart_lengths_are_numbers_an_svg_reads_in_every_language():
    from django.utils import translation

    with translation.override("ru"):
        svg = bar_chart(
            chart_id="c2", title="Q", options=[{"label": "A", "count": 1, "percent": 33.3}]
        )
    assert 'width="173.2"' in svg


def test_fewer_answers_than_a_cut_publish_only_their_number(survey, settings):
    parents = [make_parent(f"few{i}", "9А") for i in range(3)]
    answer(survey, parents[:2])
    answer(survey, parents[2:], **{"q-like": "Нет"})
    survey.results_public = True
    survey.save()
    survey_close(survey=survey)

    public = survey_results(survey=survey)
    staff = survey_results(survey=survey, texts=True)
    html = survey_static_part(survey.code, "ru")

    assert public["withheld"] and public["questions"] == [] and public["responses"] == 3
    assert not staff["withheld"] and _question(staff, "q-like")["answered"] == 3
    assert "<svg" not in html and "Ответов меньше 5" in html
