"""Who may see and change a person's record, and whose writing others may see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cms.users.choices import RoleChoices

from .conftest import make_person

pytestmark = pytest.mark.django_db

# viewer → (may view the pupil, may change the pupil)
MATRIX = {
    "child": (True, True),
    "parent": (True, False),
    "other_parent": (False, False),
    "teacher": (False, False),
    "editor": (True, True),
    "superuser": (True, True),
    "anonymous": (False, False),
}


@pytest.mark.parametrize("viewer", MATRIX)
def test_who_may_view_and_change_a_pupil(family, django_user_model, viewer):
    other_parent = make_person("other-parent", RoleChoices.PARENT, email="p2@example.org")
    family["other_child"].parent_links.create(parent=other_parent)
    users = {
        **family,
        "other_parent": other_parent,
        "superuser": django_user_model.objects.create_superuser("root", "root@example.org"),
        "anonymous": AnonymousUser(),
    }
    child = family["child"]

    acting = users[viewer]

    assert (
        acting.has_perm("users.view_person", child),
        acting.has_perm("users.change_person", child),
    ) == MATRIX[viewer]


def test_a_deactivated_parent_no_longer_sees_their_child(family):
    family["parent"].is_active = False
    family["parent"].save()

    assert not family["parent"].has_perm("users.view_person", family["child"])


def test_a_pupil_without_parental_consent_cannot_publish_and_only_family_and_staff_see_it(
    family,
):
    child = family["child"]

    assert not child.has_perm("users.publish_own_content")
    assert child.has_perm("users.view_content_of", child)
    assert family["parent"].has_perm("users.view_content_of", child)
    assert family["editor"].has_perm("users.view_content_of", child)
    assert not family["teacher"].has_perm("users.view_content_of", child)
    assert not AnonymousUser().has_perm("users.view_content_of", child)


def test_once_consent_is_on_file_a_pupils_writing_is_public(family):
    child = family["child"]
    child.parental_consent = True
    child.save()

    assert child.has_perm("users.publish_own_content")
    assert AnonymousUser().has_perm("users.view_content_of", child)


def test_adults_may_publish_without_anyones_consent(family):
    assert family["teacher"].has_perm("users.publish_own_content")


def test_a_partner_without_a_school_role_is_an_external_resident(db):
    partner = make_person("partner", RoleChoices.PARTNER, email="partner@example.org")
    teacher_partner = make_person(
        "both", RoleChoices.PARTNER, RoleChoices.TEACHER, email="both@example.org"
    )

    assert partner.is_external
    assert not teacher_partner.is_external
