"""Changes to who may do what, and password changes, are written to the security log."""

import json

import pytest
from django.contrib.auth.models import Group, Permission

from .conftest import sign_in

pytestmark = pytest.mark.django_db


def test_the_log_is_one_json_object_per_line_with_time_and_level(client, superuser, security_log):
    sign_in(client, "director", "wrong-password-1")

    lines = security_log.text().strip().splitlines()

    records = [json.loads(line) for line in lines]
    assert records[-1]["event"] == "signin.failed"
    assert records[-1]["level"] == "warning"
    assert records[-1]["time"].endswith("+00:00")


def test_making_someone_an_administrator_is_logged_with_who_did_it(
    client, superuser, django_user_model, password, security_log
):
    teacher = django_user_model.objects.create_user(
        username="teacher", password=password, is_staff=True
    )
    teacher.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(superuser)

    response = client.post(
        f"/admin/users/edit/{teacher.pk}/",
        {
            "username": "teacher",
            "email": "teacher@school.example",
            "first_name": "Anna",
            "last_name": "Petrova",
            "is_active": "on",
            "is_superuser": "on",
            "password1": "",
            "password2": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    changes = security_log.events("permissions.changed")
    assert any(c.get("is_superuser") is True and c["actor"] == "director" for c in changes)


def test_group_membership_and_group_permissions_are_logged(
    django_user_model, password, security_log
):
    editors = Group.objects.create(name="Тьюторы 7-х классов")
    teacher = django_user_model.objects.create_user(username="teacher", password=password)

    teacher.groups.add(editors)
    editors.permissions.add(Permission.objects.get(codename="access_admin"))

    changes = security_log.events("permissions.changed")
    assert {
        "change": "add",
        "of": "user teacher",
        "items": ["group Тьюторы 7-х классов"],
    }.items() <= changes[0].items()
    assert changes[1]["of"] == "group Тьюторы 7-х классов"
    assert changes[1]["items"] == ["permission wagtailadmin.access_admin"]


def test_a_password_change_is_logged_without_the_password(
    django_user_model, password, security_log
):
    teacher = django_user_model.objects.create_user(username="teacher", password=password)

    teacher.set_password("a-brand-new-passphrase")
    teacher.save()

    [changed] = security_log.events("password.changed")
    assert changed["username"] == "teacher"
    assert "a-brand-new-passphrase" not in security_log.text()
    assert teacher.password not in security_log.text()
