"""Uploaded originals are for signed-in staff; the public reads the copies in the static build.

Every request goes through the WSGI app that `make run` serves (cms/wsgi.py), so the routing
between the static site and Django is part of what is tested."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from publish.serving import PublicSiteDispatcher
from tests.factories import add_page, make_document, make_image, make_site
from tests.publish.helpers import Response, live, publish_full
from tests.wsgi import dispatcher_for

pytestmark = pytest.mark.django_db

MINUTES = b"%PDF-1.4 minutes of the parents' meeting"
PROGRAMME = b"%PDF-1.4 conference programme"


@pytest.fixture
def home(site_dir, media_root):
    return make_site()["ru"]


@pytest.fixture
def dispatcher(home) -> PublicSiteDispatcher:
    with dispatcher_for(settings.SITE_DIR) as app:
        yield app


@pytest.fixture
def restricted_document(home):
    """A document that only a page behind a login restriction shows."""
    document = make_document("Протокол собрания", MINUTES)
    room = add_page(
        home,
        "Переговорная",
        slug="room",
        body=[("document", {"document": document, "title": ""})],
    )
    PageViewRestriction.objects.create(page=room, restriction_type=PageViewRestriction.LOGIN)
    publish_full()
    return document


def session_cookie(client, user) -> str:
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@pytest.fixture
def staff_cookie(client, django_user_model) -> str:
    user = django_user_model.objects.create_user(
        username="editor", password="secret-password", is_staff=True
    )
    return session_cookie(client, user)


def test_an_anonymous_visitor_is_asked_to_sign_in_instead_of_getting_a_document_by_its_id(
    dispatcher, restricted_document
):
    response = Response(dispatcher, restricted_document.url)

    assert response.status == 302
    assert response.headers["Location"].startswith("/admin/login/")
    assert MINUTES not in response.body


def test_a_document_of_a_restricted_page_is_not_copied_into_the_static_site(
    dispatcher, restricted_document
):
    assert not (live() / "files").exists() or not any(
        path.read_bytes() == MINUTES for path in (live() / "files").rglob("*") if path.is_file()
    )


def test_a_signed_in_user_who_is_not_staff_does_not_get_the_document(
    dispatcher, restricted_document, client, django_user_model
):
    pupil = django_user_model.objects.create_user(username="pupil", password="secret-password")

    response = Response(
        dispatcher, restricted_document.url, HTTP_COOKIE=session_cookie(client, pupil)
    )

    assert response.status == 302
    assert MINUTES not in response.body


def test_signed_in_staff_get_the_document_and_no_shared_cache_may_keep_it(
    dispatcher, restricted_document, staff_cookie
):
    response = Response(dispatcher, restricted_document.url, HTTP_COOKIE=staff_cookie)

    assert response.status == 200
    assert response.body == MINUTES
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control
    assert "public" not in cache_control


def test_the_document_password_form_is_not_open_to_anonymous_visitors(dispatcher, home):
    restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(),
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="secret",
    )

    response = Response(dispatcher, f"/documents/authenticate_with_password/{restriction.pk}/")

    assert response.status == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_a_document_on_a_public_page_is_served_from_its_files_address_in_the_static_site(
    dispatcher, home
):
    document = make_document("Программа конференции", PROGRAMME)
    add_page(
        home,
        "Конференция",
        slug="conference",
        body=[("document", {"document": document, "title": ""})],
    )
    publish_full()
    page = Response(dispatcher, "/ru/conference/").body.decode()
    link = page.split('href="/files/', 1)[1].split('"', 1)[0]

    response = Response(dispatcher, f"/files/{link}")

    assert response.status == 200
    assert response.body == PROGRAMME
    assert "private" not in response.headers["Cache-Control"]


def test_signed_in_staff_get_an_uploaded_original_and_no_shared_cache_may_keep_it(
    dispatcher, staff_cookie
):
    image = make_image("Фото класса")

    response = Response(dispatcher, image.file.url, HTTP_COOKIE=staff_cookie)

    assert response.status == 200
    assert response.body == Path(image.file.path).read_bytes()
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control
    assert "public" not in cache_control


def test_an_upload_address_too_long_for_the_file_system_is_not_a_server_error_for_staff(
    dispatcher, staff_cookie
):
    response = Response(dispatcher, "/media/" + "x" * 300, HTTP_COOKIE=staff_cookie)

    # Like any missing upload: Django's locale middleware redirects the 404 to /ru/…, which
    # the static site answers with its 404 page.
    assert response.status in (302, 404)
