"""Check-in at the door on a phone: the organiser opens the check-in page, signs in, types a
code and sees who came, in a 390-pixel-wide browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import Browser, Page, expect

from cms.registrations import services
from cms.registrations.models import Registration
from cms.users.choices import RoleChoices
from cms.users.services import email_address_record
from tests.cms.registrations.conftest import events_index, make_event  # noqa: F401
from tests.cms.users.conftest import make_person

from .conftest import TIMEOUT_MS

# Transactional: the server's threads read the rows through their own connections.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "door-keeper-password-1"
SHOTS = Path("/tmp/shots")


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        # The organiser's phone is set to Russian: /admin/ sends a visitor to the sign-in page
        # in the browser's language.
        locale="ru-RU",
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def door(make_event):  # noqa: F811
    """A teacher's event with admin access for the teacher; two pupils registered."""
    teacher = make_person(
        "teacher", RoleChoices.TEACHER, email="teacher@example.org", first_name="Ирина"
    )
    teacher.set_password(PASSWORD)
    teacher.save()
    email_address_record(user=teacher, verified=True)
    # A flush by an earlier transactional test removes the permission the migration made.
    access, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")[0],
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    teacher.user_permissions.add(access)
    event = make_event(owner=teacher, capacity=5, title="День защиты проектов")
    pupils = [
        make_person(f"pupil{i}", RoleChoices.STUDENT, school_class="9Б", first_name=name,
                    last_name="Соколова")
        for i, name in enumerate(("Анна", "Вера"))
    ]  # fmt: skip
    registrations = [
        services.registration_create(event=event, person=p).registration for p in pupils
    ]
    return event, registrations


def test_an_organiser_checks_a_pupil_in_on_a_phone(phone: Page, door):
    event, (anna, _) = door

    # The organiser opens the check-in address (as from a bookmark or a QR code) and signs in.
    phone.goto(f"/admin/check-in/{event.pk}/")
    phone.fill("input[name=login]", "teacher")
    phone.fill("input[name=password]", PASSWORD)
    phone.locator("main form[method=post] [type=submit]").first.click()
    phone.wait_for_url(f"**/admin/check-in/{event.pk}/")

    expect(phone.locator("h1")).to_have_text("День защиты проектов")
    expect(phone.locator(".tally")).to_have_text("Пришли 0 из 2")
    field = phone.get_by_label("Код из подтверждения")
    button = phone.get_by_role("button", name="Отметить")
    # Made for a thumb: the field and the button span the screen and are tall enough to hit.
    for control in (field, button):
        box = control.bounding_box()
        assert box["width"] >= 340 and box["height"] >= 48
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    field.fill(anna.code.lower())
    button.tap()

    expect(phone.locator(".result")).to_contain_text("Отмечен(а)")
    expect(phone.locator(".result")).to_contain_text("Соколова Анна, 9Б")
    expect(phone.locator(".tally")).to_have_text("Пришли 1 из 2")
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "check_in.png"), full_page=True)

    # The same code again: nobody is counted twice, and the page says when they came.
    field.fill(anna.code)
    button.tap()

    expect(phone.locator(".result")).to_contain_text("Уже отмечен(а) в")
    expect(phone.locator(".tally")).to_have_text("Пришли 1 из 2")
    phone.screenshot(path=str(SHOTS / "check_in_again.png"), full_page=True)
    assert Registration.objects.filter(attended_at__isnull=False).count() == 1
