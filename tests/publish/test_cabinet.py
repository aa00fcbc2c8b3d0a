"""The cabinet is published like every page: one shell for all, its widgets wired to the API."""

import re

import pytest
from django.test import Client

from cms.notifications.models import Notification
from cms.users.choices import RoleChoices
from cms.users.models import UserRole
from tests.factories import add_cabinet, make_site

from .helpers import all_output_text, live, page_html, publish_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def cabinets(site_dir):
    homes = make_site()
    return add_cabinet(homes["ru"]), add_cabinet(homes["en"], "My cabinet")


def test_the_cabinet_is_built_with_every_widget_wired_to_its_endpoint(cabinets):
    publish_full(strict=True)

    html = page_html("/ru/cabinet/")
    for kind, endpoint in [
        ("cabinet", "/api/me"),
        ("notifications", "/api/notifications"),
        ("children", "/api/me/children"),
        ("profile", "/api/me"),
        ("notification-settings", "/api/notifications/preferences"),
    ]:
        mount = re.search(rf'<div[^>]* data-widget="{kind}"[^>]*>', html)
        assert mount is not None, kind
        assert f'data-endpoint="{endpoint}"' in mount.group(0)
        assert 'data-lang="ru"' in mount.group(0)
    assert 'href="/ru/accounts/login/?next=/ru/cabinet/"' in html
    assert 'aria-live="polite"' in html
    assert 'data-lang="en"' in page_html("/en/cabinet/")
    assert "My cabinet" in page_html("/en/cabinet/")


def test_the_cabinet_and_header_carry_nothing_of_the_people_signed_in(cabinets, django_user_model):
    person = django_user_model.objects.create_user(
        username="anna-k", first_name="Анна", last_name="Кузнецова", email="anna@example.org"
    )
    UserRole.objects.create(user=person, role=RoleChoices.PARENT)
    Notification.objects.create(recipient=person, kind="general", title="Секретное уведомление")
    # A signed-in request while building must not change what is published.
    Client().force_login(person)

    publish_full(strict=True)

    text = all_output_text()
    for private in ("Кузнецова", "anna@example.org", "Секретное уведомление", "anna-k"):
        assert private not in text


def test_every_page_header_offers_sign_in_and_loads_the_account_widget(cabinets):
    publish_full(strict=True)

    html = page_html("/ru/")
    assert 'data-widget="account" data-endpoint="/api/me" data-lang="ru"' in html
    assert '<a class="account-sign-in" href="/ru/accounts/login/?next=/ru/">Войти</a>' in html
    assert 'type="module"' in html


def test_the_build_holds_the_widget_modules_of_every_app(cabinets):
    publish_full(strict=True)

    widgets = live() / "static" / "widgets"
    names = {path.name for path in widgets.iterdir()}
    assert {"components.js", "account.js", "cabinet.js", "notifications.js", "search.js"} <= names


def test_the_cabinet_is_not_a_search_result(cabinets):
    from search.models import SearchDocument

    publish_full(strict=True)

    assert not SearchDocument.objects.filter(url__contains="/cabinet/").exists()
