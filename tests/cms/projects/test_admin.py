"""The admin side of the workspace: staff edit the stage templates, and see every project in a
read-only list."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db

LIST = "/admin/projects/"


@pytest.fixture
def admin_client(client, cast):
    access = Permission.objects.get(codename="access_admin")
    for who in ("staff", "tutor"):
        cast[who].user_permissions.add(access)
    return client


def test_staff_see_every_project_read_only(admin_client, cast):
    admin_client.force_login(cast["staff"])

    listing = admin_client.get(LIST)
    inspect = admin_client.get(f"{LIST}inspect/{cast['project'].pk}/")
    edit = admin_client.get(f"{LIST}edit/{cast['project'].pk}/")
    add = admin_client.get(f"{LIST}new/")

    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Умная теплица" in html and "Чужой проект" in html
    assert f'href="{LIST}new/"' not in html
    assert inspect.status_code == 200 and "Растения на подоконнике" in inspect.content.decode()
    assert edit.status_code != 200 and add.status_code != 200


def test_a_tutor_with_admin_access_does_not_get_the_schools_project_list(admin_client, cast):
    admin_client.force_login(cast["tutor"])

    response = admin_client.get(LIST)

    assert response.status_code != 200 or "Чужой проект" not in response.content.decode()


def test_the_default_stage_template_is_listed_for_editing(admin_client, cast):
    cast["staff"].is_superuser = True
    cast["staff"].save()
    admin_client.force_login(cast["staff"])

    response = admin_client.get("/admin/snippets/projects/stagetemplate/")

    assert response.status_code == 200
    assert "Индивидуальный проект" in response.content.decode()
