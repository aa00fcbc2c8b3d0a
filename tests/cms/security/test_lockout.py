"""Guessing a password locks out that account from that address only, for a while."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from .conftest import sign_in

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-at-all"


def guess(client, username, times, *, address="203.0.113.7"):
    return [sign_in(client, username, WRONG, address=address).status_code for _ in range(times)]


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, superuser, password):
    statuses = guess(client, "director", settings.AXES_FAILURE_LIMIT)

    response = sign_in(client, "director", password)

    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Вход временно заблокирован" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_speaks_english_to_an_english_reader(client, superuser, password):
    guess(client, "director", settings.AXES_FAILURE_LIMIT)

    response = sign_in(client, "director", password, language="en")

    assert response.status_code == 429
    assert "Sign-in temporarily blocked" in response.content.decode()


def test_a_pupil_guessing_behind_the_school_nat_does_not_lock_out_anyone_else(
    client, django_user_model, superuser, password
):
    django_user_model.objects.create_user(username="teacher", password=password, is_staff=True)
    guess(client, "director", settings.AXES_FAILURE_LIMIT + 3, address="198.51.100.1")

    other_account_same_address = sign_in(client, "teacher", password, address="198.51.100.1")
    client.logout()
    same_account_other_address = sign_in(client, "director", password, address="192.0.2.50")

    assert other_account_same_address.status_code == 302
    assert same_account_other_address.status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, superuser, password):
    guess(client, "director", settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )

    response = sign_in(client, "director", password)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")


def test_an_administrator_lifts_a_lockout_in_the_admin(
    client, django_user_model, superuser, password, security_log
):
    django_user_model.objects.create_user(username="teacher", password=password, is_staff=True)
    guess(client, "teacher", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "teacher", password).status_code == 429
    attempt = AccessAttempt.objects.get(username="teacher")
    client.force_login(superuser)

    listing = client.get("/admin/signin_lockouts/")
    unlock = client.post(f"/admin/signin_lockouts/delete/{attempt.pk}/")
    client.logout()
    after = sign_in(client, "teacher", password)

    assert "teacher" in listing.content.decode()
    assert unlock.status_code == 302
    assert after.status_code == 302
    [event] = security_log.events("signin.unlocked")
    assert event["username"] == "teacher"
    assert event["actor"] == "director"


def test_staff_who_are_not_administrators_cannot_lift_lockouts(
    client, django_user_model, superuser, password
):
    editor = django_user_model.objects.create_user(username="editor", password=password)
    editor.is_staff = True
    editor.save()
    editor.user_permissions.add(*_admin_access())
    guess(client, "director", settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username="director")
    client.force_login(editor)

    listing = client.get("/admin/signin_lockouts/")
    unlock = client.post(f"/admin/signin_lockouts/delete/{attempt.pk}/")

    assert listing.status_code in (302, 403)
    assert unlock.status_code in (302, 403)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_every_failure_and_the_lockout_are_in_the_security_log(client, superuser, security_log):
    guess(client, "director", settings.AXES_FAILURE_LIMIT)

    failures = security_log.events("signin.failed")
    [lockout] = security_log.events("signin.locked_out")

    assert len(failures) == settings.AXES_FAILURE_LIMIT
    assert {f["username"] for f in failures} == {"director"}
    assert {f["address"] for f in failures} == {"203.0.113.7"}
    assert lockout["username"] == "director"
    assert lockout["address"] == "203.0.113.7"
    assert WRONG not in security_log.text()


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
