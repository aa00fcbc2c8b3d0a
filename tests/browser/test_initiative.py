"""A student initiative in a real browser, on the council's published page: a pupil proposes
an idea, another pupil supports it (the last support needed comes through the service), the
administration accepts it with a comment and puts it to a vote of the pupils; the page shows
it "на голосовании". The vote is then counted (by the votes app's `vote_count` when it is on
this branch, else by writing what the count writes and sending `vote_counted`, the contract),
and the initiative becomes its author's project. A reader without an account sees the public
list on the static page: titles, statuses and the check's words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.initiatives import services
from cms.initiatives.models import Initiative, InitiativeStatus
from cms.users.choices import RoleChoices
from cms.votes.models import Vote
from cms.votes.signals import vote_counted
from tests.cms.initiatives.factories import make_council, make_pupil
from tests.cms.users.conftest import make_person
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


def count_the_vote(vote: Vote) -> None:
    """Close the vote and count it: the votes app's count when there, else its contract."""
    from cms.votes import services as vote_services

    Vote.objects.filter(pk=vote.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() - dt.timedelta(seconds=1),
    )
    vote.refresh_from_db()
    if hasattr(vote_services, "vote_count"):
        # Nobody voted in this test, so the count finds no winner: the initiative is lost.
        vote_services.vote_count(vote=vote)
        return
    vote.winner = vote.options.order_by("sort_order").first()
    vote.counted_at = timezone.now()
    vote.save(update_fields=["winner", "counted_at"])
    vote_counted.send(sender=Vote, vote=vote)


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

    count_the_vote(initiative.vote)

    initiative.refresh_from_db()
    assert initiative.status in (InitiativeStatus.WON, InitiativeStatus.LOST)
    assert (initiative.project is not None) is (initiative.status == InitiativeStatus.WON)
    page = open_page(author)
    page.goto(COUNCIL_URL)
    item = page.locator("[data-initiative]").filter(has_text="Школьная теплица")
    expect(item).to_contain_text(str(initiative.get_status_display()))
