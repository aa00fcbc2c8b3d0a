"""A student initiative in a real browser, on the council's published page: a pupil proposes
an idea, another pupil supports it (the last support needed comes through the service), the
administration accepts it with a comment and puts it to a vote of the pupils; the page shows
it "на голосовании". Pupils vote in its ballot on the page (the administrator is refused), the
vote is counted, and the initiative becomes its author's project. A reader without an account
sees the public list on the static page: titles, statuses and the check's words."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.initiatives import services
from cms.initiatives.models import Initiative, InitiativeStatus
from cms.users.choices import RoleChoices
from cms.votes.models import Vote
from cms.votes.services import ballot_cast, vote_count
from tests.cms.initiatives.factories import make_council, make_pupil
from tests.cms.users.conftest import make_person
from tests.cms.votes.conftest import close
from tests.publish.helpers import publish_full

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect.set_options(timeout=TIMEOUT_MS)

COUNCIL_URL = "/ru/governance/students-council/"


@pytest.fixture
def council(cabinet_site):
    council = make_council(threshold=2, home=cabinet_site["ru"])
    publish_full(strict=True)
    return council


def test_an_initiative_goes_from_proposal_through_supports_and_the_check_to_a_vote(
    open_page, council, screenshot_dir
):
    author = make_pupil("anya", first_name="Анна", last_name="Зеленова")
    fan = make_pupil("boris", first_name="Борис", last_name="Лесной")
    director = make_person("director", RoleChoices.ADMINISTRATOR, first_name="Ольга")

    page = open_page(author)
    page.goto(COUNCIL_URL)
    page.get_by_label("Название").fill("Школьная теплица")
    page.get_by_label("Что вы предлагаете и зачем").fill("Выращивать зелень для столовой.")
    page.get_by_role("button", name="Предложить").click()
    item = page.locator("[data-initiative]").filter(has_text="Школьная теплица")
    expect(item).to_contain_text("Поддержали 0 из 2")
    expect(item).to_contain_text("собирает поддержку")
    expect(item.get_by_role("button", name="Поддержать")).to_have_count(0)

    page = open_page(fan)
    page.goto(COUNCIL_URL)
    item = page.locator("[data-initiative]").filter(has_text="Школьная теплица")
    item.get_by_role("button", name="Поддержать").click()
    expect(item).to_contain_text("Поддержали 1 из 2")
    initiative = Initiative.objects.get(title="Школьная теплица")
    services.initiative_support(initiative=initiative, by=make_pupil("vera"))

    page = open_page(director)
    page.goto(COUNCIL_URL)
    item = page.locator("[data-initiative]").filter(has_text="Школьная теплица")
    expect(item).to_contain_text("на проверке администрации")
    item.get_by_label("Комментарий (при отказе — причина, её прочтут все)").fill(
        "Место найдём у спортзала."
    )
    item.get_by_role("button", name="Одобрить").click()
    expect(item).to_contain_text("Комментарий администрации: Место найдём у спортзала.")
    item.get_by_label("Кто голосует").select_option("grades")
    item.get_by_label("Параллели (например, 8–11)").fill("8–11")
    closes = timezone.localtime(timezone.now() + dt.timedelta(days=3))
    item.get_by_label("Голосование закрывается").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    item.get_by_role("button", name="Вынести на голосование").click()
    expect(item).to_contain_text("на голосовании")
    expect(item.locator('[data-widget="voting"]')).to_have_attribute(
        "data-ref", f"initiative-{initiative.pk}"
    )
    page.screenshot(path=str(screenshot_dir / "initiative-voting.png"), full_page=True)
    assert page.problems == []

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.VOTING
    assert initiative.vote.is_open()

    publish_full(strict=True)
    reader = open_page()
    reader.goto(COUNCIL_URL)
    public = reader.locator("[data-initiatives-static]")
    expect(public).to_contain_text("Школьная теплица")
    expect(public).to_contain_text("на голосовании")
    expect(public).to_contain_text("Место найдём у спортзала.")
    expect(public).not_to_contain_text("Зеленова")

    # The pupils vote in the initiative's own ballot on the council page; nobody else can.
    page = open_page(fan)
    page.goto(COUNCIL_URL)
    ballot = page.locator("[data-initiative]").filter(has_text="Школьная теплица")
    ballot = ballot.locator('[data-widget="voting"]')
    ballot.get_by_label("За").check()
    ballot.get_by_role("button", name="Проголосовать").click()
    expect(
        ballot.get_by_text(re.compile("Ваш голос принят. Код квитанции: [A-Z0-9]+"))
    ).to_be_visible()
    assert page.problems == []
    ballot_cast(vote=initiative.vote, person=author, option=initiative.vote.options.get(label="За"))
    outsider = open_page(director)
    outsider.goto(COUNCIL_URL)
    refused = outsider.locator("[data-initiative]").filter(has_text="Школьная теплица")
    expect(refused.get_by_text(re.compile("Вас нет в списке голосующих"))).to_be_visible()

    vote_count(vote=close(Vote.objects.get(pk=initiative.vote_id)))

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.WON
    assert set(initiative.project.members.values_list("person__username", flat=True)) >= {"anya"}
    page = open_page(author)
    page.goto(COUNCIL_URL)
    item = page.locator("[data-initiative]").filter(has_text="Школьная теплица")
    expect(item).to_contain_text(str(initiative.get_status_display()))
