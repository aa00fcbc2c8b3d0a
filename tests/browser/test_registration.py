"""Registering for an event in a real browser: a pupil registers, watches the free places
drop, cancels, and the first on the waiting list moves up and gets the email (a real SMTP
server); a visitor without an account registers and confirms by the emailed link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from cms.registrations import services
from cms.registrations.models import Registration, RegistrationStatus
from site_content.events.models import EventIndexPage, EventPage
from site_content.taxonomy.models import EventType
from tests.cms.users.conftest import make_person
from tests.factories import make_site
from tests.publish.helpers import publish_full
from tests.tasks import run_worker

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def events(site_dir):
    """Publishes events made by `add(slug, **fields)`, open for registration now."""
    if WagtailPage.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code="ru")
        WagtailPage.add_root(instance=WagtailPage(title="Root", slug="root"))
    home = make_site(english=False)["ru"]
    index = home.add_child(instance=EventIndexPage(title="События", slug="events"))
    index.save_revision().publish()
    kind = EventType.objects.create(
        slug="hackathon", name="Хакатон", locale=Locale.objects.get(language_code="ru")
    )

    def add(slug: str, **fields) -> EventPage:
        now = timezone.now()
        page = index.add_child(
            instance=EventPage(
                title=f"Хакатон {slug}", slug=slug, place="Лицей", event_type=kind,
                start=now + timedelta(days=7), end=now + timedelta(days=7, hours=3),
                registration_opens=now - timedelta(days=1),
                registration_closes=now + timedelta(days=6), **fields,
            )
        )  # fmt: skip
        page.save_revision().publish()
        return page

    return add


def _page(browser: Browser, base_url: str, session: str | None = None) -> Page:
    # A phone-sized screen: most pupils register from one.
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT_MS)
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
    return context.new_page()


def session_of(person) -> str:
    client = Client()
    client.force_login(person)
    return client.cookies["sessionid"].value


@pytest.fixture
def pupils(db):
    return [
        make_person(f"pupil{i}", "student", school_class="7А", email=f"pupil{i}@example.org")
        for i in range(3)
    ]


def test_a_pupil_registers_sees_the_count_drop_cancels_and_the_next_in_line_is_emailed(
    browser, base_url, events, pupils, smtp
):
    event = events("spring", capacity=2)
    me, already, next_in_line = pupils
    services.registration_create(event=event, person=already)
    publish_full(strict=True)
    page = _page(browser, base_url, session_of(me))

    page.goto("/ru/events/spring/")
    widget = page.locator("[data-widget=registration]")
    expect(widget.locator("[data-places]")).to_have_text("Свободно мест: 1 из 2.")
    widget.get_by_role("button", name="Зарегистрироваться").click()

    expect(widget.locator("[data-places]")).to_have_text("Свободно мест: 0 из 2.")
    code = Registration.objects.get(person=me).code
    expect(widget.locator(".registration-standing")).to_have_text(
        f"Вы зарегистрированы. Код для входа: {code}"
    )
    services.registration_create(event=event, person=next_in_line)
    run_worker()
    smtp.clear()

    page.reload()
    expect(widget.locator("[data-places]")).to_have_text(
        "Свободно мест: 0 из 2. В листе ожидания: 1."
    )
    widget.get_by_role("button", name="Отменить регистрацию").click()

    expect(widget.get_by_role("status")).to_have_text("Регистрация отменена.")
    expect(widget.locator("[data-places]")).to_have_text("Свободно мест: 0 из 2.")
    assert Registration.objects.get(person=next_in_line).status == RegistrationStatus.CONFIRMED
    run_worker()
    [promoted] = smtp.to("pupil2@example.org")
    assert "Место освободилось" in promoted["Subject"]
    page.context.close()


def test_a_visitor_registers_for_a_public_event_and_confirms_by_the_emailed_link(
    browser, base_url, events, smtp
):
    events("open-day", capacity=30, registration_access="public")
    publish_full(strict=True)
    page = _page(browser, base_url)

    page.goto("/ru/events/open-day/")
    widget = page.locator("[data-widget=registration]")
    widget.get_by_label("Имя", exact=True).fill("Ольга Смирнова")
    widget.get_by_label("Электронная почта").fill("olga@example.org")
    widget.get_by_role("button", name="Получить ссылку").click()
    expect(widget.locator(".registration-sent")).to_have_text(
        "Проверьте почту: мы отправили ссылку для подтверждения регистрации."
    )
    run_worker()
    [letter] = smtp.to("olga@example.org")
    link = re.search(r"https?://\S+/confirm/\S+/", letter.get_body(("plain",)).get_content())
    smtp.clear()

    page.goto("/" + link.group(0).split("/", 3)[3])
    page.get_by_role("button", name="Подтвердить регистрацию").click()

    registration = Registration.objects.get(guest_email="olga@example.org")
    expect(page.get_by_role("status")).to_contain_text(
        f"Вы зарегистрированы. Код для входа: {registration.code}"
    )
    run_worker()
    [confirmation] = smtp.to("olga@example.org")
    assert "Вы зарегистрированы" in confirmation["Subject"]
    page.goto("/ru/events/open-day/")
    expect(widget.locator("[data-places]")).to_have_text("Свободно мест: 29 из 30.")
    page.context.close()
