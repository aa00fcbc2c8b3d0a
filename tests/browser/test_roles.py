"""What the roles mean for a person in a real browser: a pupil without their parents' consent
is told who sees what they write, and staff cannot get in without an authenticator app.

People sign in with the account pages' own forms, as they do on the site.
"""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from playwright.sync_api import Page, expect

from cms.users.choices import NameDisplay, RoleChoices
from tests.cms.accounts.conftest import PASSWORD, make_account, totp_code

from .conftest import TIMEOUT_MS

# Transactional: the server's threads have their own database connections.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect.set_options(timeout=TIMEOUT_MS)

ACTIVATE = "/ru/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts sign-ins and used codes in the cache, which the server shares with us."""
    cache.clear()
    yield
    cache.clear()


def sign_in(page: Page, login: str, *, next: str) -> None:
    page.goto(f"/ru/accounts/login/?next={next}")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form[method=post] [type=submit]").first.click()


def test_a_pupil_without_consent_is_told_only_staff_and_parents_see_what_they_write(
    cabinet_site, open_page, screenshot_dir
):
    pupil = make_account(
        "pupil", RoleChoices.STUDENT, school_class="7А", first_name="Артём", last_name="Смирнов"
    )
    page = open_page()

    sign_in(page, "pupil@example.org", next="/ru/cabinet/")
    expect(page).to_have_url(re.compile(r"/ru/cabinet/$"))
    notice = page.locator("[data-cabinet-unpublished]")
    expect(notice).to_have_text(
        "Пока родители не дали согласие, то, что вы пишете на сайте, видят только сотрудники "
        "лицея и ваши родители. Остальные видят вас как «ученик 7А класса»."
    )
    # Asking to be shown by full name is kept for later, but changes nothing yet.
    page.get_by_label("Как вас называть на сайте").select_option(NameDisplay.FULL_NAME)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("[data-widget=profile] [role=status]")).to_have_text("Настройки сохранены.")
    me = page.request.get("/api/me").json()
    page.reload()

    expect(notice).to_contain_text("«ученик 7А класса»")
    expect(notice).to_be_visible()
    assert me["name_display"] == NameDisplay.FULL_NAME
    assert me["can_publish"] is False
    assert me["public_name"] == "ученик 7А класса"
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(screenshot_dir / "roles-pupil-without-consent.png"), full_page=True)
    assert page.problems == []
    pupil.refresh_from_db()
    assert pupil.name_display == NameDisplay.FULL_NAME


def test_a_pupil_with_consent_and_a_parent_see_no_such_notice(cabinet_site, open_page):
    make_account("pupil", RoleChoices.STUDENT, school_class="7А", parental_consent=True)
    make_account("parent", RoleChoices.PARENT)

    for login in ("pupil@example.org", "parent@example.org"):
        page = open_page()
        sign_in(page, login, next="/ru/cabinet/")
        expect(page.get_by_role("heading", name="Профиль и приватность")).to_be_visible()
        expect(page.locator("[data-cabinet-unpublished]")).to_be_hidden()


def test_staff_must_add_an_authenticator_before_the_admin_opens_and_then_sign_in_with_its_code(
    cabinet_site, open_page, settings, screenshot_dir
):
    settings.SECOND_FACTOR_REQUIRED = True
    director = make_account(
        "director", RoleChoices.STAFF, is_staff=True, is_superuser=True, first_name="Анна"
    )
    page = open_page()

    sign_in(page, "director@example.org", next="/admin/")
    # Adding a factor changes the account: allauth asks for the password once more first.
    expect(page).to_have_url(re.compile(r"/ru/accounts/reauthenticate/"))
    page.goto("/admin/")
    expect(page).not_to_have_url(re.compile(r"/admin/"))
    page.goto("/ru/cabinet/")
    expect(page.locator("[data-cabinet-greeting]")).to_contain_text(
        "Сначала подключите приложение-аутентификатор"
    )
    expect(page.get_by_role("heading", name="Уведомления")).to_be_hidden()
    page.get_by_role("link", name="Подключить приложение-аутентификатор").click()
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form[method=post] [type=submit]").first.click()
    expect(page).to_have_url(re.compile(re.escape(ACTIVATE)))
    secret = page.locator("#authenticator_secret").input_value()
    page.screenshot(path=str(screenshot_dir / "roles-staff-totp-setup.png"), full_page=True)
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("main form[method=post] [type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(re.escape(ACTIVATE)))
    assert Authenticator.objects.filter(user=director, type="totp").exists()

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("main")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "roles-staff-admin.png"))

    page.goto("/ru/accounts/logout/")
    page.locator("main form[method=post] [type=submit]").first.click()
    sign_in(page, "director@example.org", next="/admin/")
    expect(page).to_have_url(re.compile(r"/ru/accounts/2fa/authenticate/"))
    page.screenshot(path=str(screenshot_dir / "roles-staff-totp-code.png"), full_page=True)
    # The password alone signs nobody in.
    assert page.request.get("/api/me").json() == {"authenticated": False}
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("main form[method=post] [type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # The only refusal on the way was the API's, before the authenticator was added.
    assert {re.sub(r"https?://[^/]+", "", p) for p in page.problems} <= {"403 /api/me"}
