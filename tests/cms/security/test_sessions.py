"""A session ends after its owner's quiet spell (staff sooner) and after a working day."""

import time

import pytest

from cms.security import sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model, password):
    return django_user_model.objects.create_user(
        username="editor", password=password, is_staff=True
    )


@pytest.fixture
def parent(django_user_model, password):
    return django_user_model.objects.create_user(username="parent", password=password)


def idle_for(client, seconds):
    session = client.session
    session[sessions.LAST_SEEN] = int(time.time()) - seconds
    session.save()


def signed_in(client) -> bool:
    client.get("/api/")
    return "_auth_user_id" in client.session


def test_staff_are_signed_out_after_half_an_hour_without_activity(client, staff, settings):
    client.force_login(staff)
    assert signed_in(client)

    idle_for(client, settings.SESSION_IDLE_TIMEOUT_STAFF + 1)

    assert not signed_in(client)


def test_the_admin_sends_an_idle_editor_back_to_the_sign_in_page(client, staff, settings):
    client.force_login(staff)
    client.get("/api/")
    idle_for(client, settings.SESSION_IDLE_TIMEOUT_STAFF + 1)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_others_keep_their_session_longer_than_staff(client, parent, settings):
    client.force_login(parent)
    signed_in(client)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT_STAFF + 60)

    assert signed_in(client)

    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 1)

    assert not signed_in(client)


def test_activity_keeps_a_session_alive_and_moves_its_expiry(client, staff, settings):
    client.force_login(staff)
    signed_in(client)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT_STAFF - 60)

    assert signed_in(client)
    assert client.session.get_expiry_age() == settings.SESSION_IDLE_TIMEOUT_STAFF
    idle_for(client, settings.SESSION_IDLE_TIMEOUT_STAFF - 60)
    assert signed_in(client)


def test_no_session_outlives_its_maximum_age(client, parent, settings):
    client.force_login(parent)
    signed_in(client)
    session = client.session
    session[sessions.STARTED] = int(time.time()) - settings.SESSION_MAX_AGE - 1
    session.save()

    assert not signed_in(client)


def test_an_ended_session_is_in_the_security_log(client, staff, settings, security_log):
    client.force_login(staff)
    signed_in(client)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT_STAFF + 1)
    signed_in(client)

    [ended] = security_log.events("session.ended")
    assert ended["username"] == "editor"
    assert ended["reason"] == "idle"
