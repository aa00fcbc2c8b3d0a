"""A council's secret-ballot vote in a real browser: the council's members (linked to their
accounts) vote in the widget on the council page and get a receipt they can check; an editor
outside the electorate is told so; the page shows no numbers until the vote is closed and
counted, and then the results with the turnout and the quorum."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.users.choices import RoleChoices
from cms.votes.models import Ballot, VoterMark
from cms.votes.services import vote_count, vote_create
from tests.cms.users.conftest import make_person
from tests.cms.votes.conftest import close
from tests.publish.helpers import publish_full

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

expect.set_options(timeout=TIMEOUT_MS)

URL = "/ru/governance/coworking-council/"


@pytest.fixture
def council_vote(cabinet_site):
    from site_content.governance.models import CouncilMember, CouncilPage, GovernanceIndexPage

    R = RoleChoices
    people = {
        "teacher": make_person("teacher", R.TEACHER, first_name="Мария", last_name="Кузнецова"),
        "dina": make_person("dina", R.STUDENT, school_class="10А", first_name="Дина"),
        "parent": make_person("parent", R.PARENT, first_name="Ольга"),
        "editor": make_person("editor", R.STAFF, first_name="Редактор"),
    }
    index = GovernanceIndexPage(title="Управление", slug="governance", lead="Кто решает")
    cabinet_site["ru"].add_child(instance=index)
    index.save_revision().publish()
    council = CouncilPage(
        title="Совет коворкинга",
        slug="coworking-council",
        purpose="Решает, как живёт коворкинг.",
        members=[
            CouncilMember(name="Кузнецова Мария", group="teacher", person=people["teacher"]),
            CouncilMember(name="Дина", group="student", school_class="10А", person=people["dina"]),
            CouncilMember(name="Ольга", group="parent", person=people["parent"]),
        ],
        body=[
            (
                "widget",
                {
                    "kind": "voting",
                    "title": "Голосование совета",
                    "reference": "quiet-hour",
                    "fallback": "<p>Голосуют члены совета на сайте.</p>",
                },
            )
        ],
    )
    index.add_child(instance=council)
    council.save_revision().publish()
    now = timezone.now()
    vote = vote_create(
        code="quiet-hour",
        title="Тихий час",
        question="Вводим тихий час с 14 до 15?",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
        audience_council=council,
        council=council,
        created_by=people["editor"],
    )
    publish_full(strict=True)
    return {"vote": vote, "council": council, **people}


def vote_in_browser(open_page, person, label: str) -> str:
    page = open_page(person)
    page.goto(URL)
    widget = page.locator('[data-widget="voting"]')
    expect(widget.get_by_text("Вводим тихий час с 14 до 15?").first).to_be_visible()
    widget.get_by_label(label, exact=True).check()
    widget.get_by_role("button", name="Проголосовать").click()
    code = widget.locator(".voting-receipt-code")
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{16}$"))
    receipt = code.inner_text()
    widget.get_by_label("Код квитанции").fill(receipt)
    widget.get_by_role("button", name="Проверить").click()
    expect(widget.get_by_text("Бюллетень с этим кодом есть в подсчёте.")).to_be_visible()
    page.reload()
    expect(widget.get_by_text("Вы уже проголосовали.", exact=False)).to_be_visible()
    assert not page.problems, page.problems
    return receipt


def test_council_members_vote_an_outsider_is_refused_and_results_follow_the_count(
    open_page, council_vote, screenshot_dir
):
    teacher_receipt = vote_in_browser(open_page, council_vote["teacher"], "За")
    vote_in_browser(open_page, council_vote["dina"], "За")

    outsider = open_page(council_vote["editor"])
    outsider.goto(URL)
    widget = outsider.locator('[data-widget="voting"]')
    expect(widget.get_by_text(re.compile("Вас нет в списке голосующих"))).to_be_visible()
    expect(widget.get_by_role("button", name="Проголосовать")).to_have_count(0)
    expect(outsider.locator(".voting-table")).to_have_count(0)
    outsider.screenshot(path=str(screenshot_dir / "council-vote-outsider.png"), full_page=True)
    assert Ballot.objects.count() == VoterMark.objects.count() == 2

    vote_count(vote=close(council_vote["vote"]))
    publish_full(strict=True)

    reader = open_page()
    reader.goto(URL)
    table = reader.locator(".voting-table")
    expect(table).to_be_visible()
    expect(table.locator("tr.voting-winner")).to_contain_text("За")
    expect(reader.get_by_text("Проголосовали 2 из 3.")).to_be_visible()
    expect(reader.get_by_text("Кворум (50%) есть.")).to_be_visible()
    expect(reader.get_by_text("Принято: «За».")).to_be_visible()
    # The widget has asked its API by now; a counted vote does not invite anyone to sign in.
    reader.wait_for_load_state("networkidle")
    expect(reader.get_by_text("Войдите, чтобы проголосовать.")).to_have_count(0)
    reader.screenshot(path=str(screenshot_dir / "council-vote-results.png"), full_page=True)

    member = open_page(council_vote["teacher"])
    member.goto(URL)
    box = member.locator('[data-widget="voting"]')
    box.get_by_label("Код квитанции").fill(teacher_receipt)
    box.get_by_role("button", name="Проверить").click()
    expect(box.get_by_text("Бюллетень с этим кодом есть в подсчёте.")).to_be_visible()
    assert not member.problems, member.problems
