"""A survey in a real browser: a parent answers a discussion's survey once in the widget (the
second attempt is refused), the survey closes, the site is published again, and the static
page shows the chart and its table to a visitor without an account."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from cms.surveys.models import Survey, SurveyResponse
from cms.surveys.services import response_save, survey_close
from tests.cms.surveys.conftest import make_parent
from tests.cms.surveys.factories import make_survey
from tests.publish.helpers import publish_full
from tests.site_content.test_governance import SURVEY, governance_tree

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect.set_options(timeout=TIMEOUT_MS)

PAGE = "/ru/governance/development-programme/"


@pytest.fixture
def discussion(site_dir, media_root):
    if WagtailPage.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code="ru")
        WagtailPage.add_root(instance=WagtailPage(title="Root", slug="root"))
    survey = make_survey(SURVEY["reference"], editable=False, results_public=True)
    governance_tree()
    publish_full(strict=True)
    return survey


def test_a_parent_answers_once_and_the_published_page_shows_the_chart(
    discussion, open_page, screenshot_dir
):
    parent = make_parent("parent", "9А")
    page = open_page(parent)
    page.goto(PAGE)
    widget = page.locator('[data-widget="survey"]')
    form = widget.locator("form.survey-form")
    expect(form).to_be_visible()

    # A required question left empty is named next to it; nothing was stored.
    form.get_by_role("button", name="Отправить").click()
    like = form.locator('[data-question="q-like"]')
    expect(like.locator(".survey-error")).to_have_text("Ответьте на этот вопрос.")
    assert not SurveyResponse.objects.exists()

    like.get_by_label("Да").check()
    form.locator('[data-question="q-food"]').get_by_label("4").check()
    # The partial answer is a draft in this browser only.
    assert "q-like" in page.evaluate("localStorage.getItem('survey-draft:dev-programme-2026')")
    assert not SurveyResponse.objects.exists()
    form.get_by_role("button", name="Отправить").click()
    expect(widget.locator(".survey-status")).to_have_text("Спасибо! Ваш ответ принят.")
    expect(widget.locator(".survey-state")).to_have_text("Вы уже ответили на этот опрос.")
    assert page.evaluate("localStorage.getItem('survey-draft:dev-programme-2026')") is None
    assert SurveyResponse.objects.get().answers == {"q-like": "Да", "q-clubs": [], "q-food": 4} or (
        SurveyResponse.objects.get().answers == {"q-like": "Да", "q-food": 4}
    )

    # The second attempt, straight at the API, is refused.
    status = page.evaluate(
        """async () => {
            const token = (await (await fetch('/api/me')).json()).csrf_token;
            const r = await fetch('/api/surveys/dev-programme-2026/response', {
                method: 'PUT', credentials: 'same-origin',
                headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
                body: JSON.stringify({answers: {'q-like': 'Нет'}}),
            });
            return [r.status, (await r.json()).error.code];
        }"""
    )
    assert status == [409, "already_answered"]
    page.reload()
    expect(widget.locator(".survey-state")).to_have_text("Вы уже ответили на этот опрос.")
    expect(widget.locator("form")).to_have_count(0)
    assert SurveyResponse.objects.count() == 1
    # Four more parents: with fewer than five answers nothing but their number is published.
    for i in range(4):
        response_save(
            survey=discussion,
            person=make_parent(f"other{i}"),
            answers={"q-like": "Нет", "q-food": 3},
        )

    survey_close(survey=Survey.objects.get(pk=discussion.pk))
    publish_full(strict=True)

    visitor = open_page()
    visitor.goto(PAGE)
    chart = visitor.locator('svg.survey-chart[role="img"]').first
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_have_text("Нравится ли вам лицей?")
    table = visitor.locator("table.survey-table").first
    expect(table.locator("tbody tr").first).to_contain_text("Да")
    expect(table.locator("tbody tr").first).to_contain_text("20")
    visitor.locator(".survey-results").first.screenshot(
        path=str(screenshot_dir / "survey-results.png")
    )
    visitor.screenshot(path=str(screenshot_dir / "survey-page.png"), full_page=True)
    assert visitor.problems == [], visitor.problems
