"""`/api/me` and `/api/me/children`: a person sees themselves and their own children only."""

import pytest

from cms.users.choices import NameDisplay, RoleChoices
from cms.users.models import Guardianship
from tests.factories import add_cabinet, make_site

from .conftest import make_person

pytestmark = pytest.mark.django_db


def test_a_visitor_is_told_only_that_nobody_is_signed_in(client):
    response = client.get("/api/me")

    assert response.status_code == 200
    assert response.json() == {"authenticated": False}
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_a_signed_in_pupil_sees_their_full_name_roles_and_cabinet(client, family):
    client.force_login(family["child"])

    response = client.get("/api/me")

    body = response.json()
    assert body["authenticated"] is True
    assert body["name"] == "Артём Смирнов"
    assert body["roles"] == [RoleChoices.STUDENT]
    assert body["cabinet_url"] == "/ru/cabinet/"
    assert body["language"] == "ru"
    assert body["csrf_token"]
    assert "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_the_header_call_reads_the_person_once_and_writes_only_their_allowance(
    client, family, django_assert_max_num_queries
):
    """`GET /api/me` runs on every page view of every signed-in person: the session, the
    person, their roles (once, though the sign-in checks and the answer each ask), a pupil's
    class (their public name) and one rate-limit update; the cabinet's address is kept."""
    client.force_login(family["child"])
    client.get("/api/me")

    with django_assert_max_num_queries(5):
        response = client.get("/api/me")

    assert response.json()["authenticated"] is True


def test_the_cabinet_address_is_the_published_cabinet_of_the_persons_language(client, family):
    homes = make_site()
    add_cabinet(homes["ru"])
    add_cabinet(homes["en"], "My cabinet")
    family["teacher"].language = "en"
    family["teacher"].save()
    client.force_login(family["teacher"])

    assert client.get("/api/me").json()["cabinet_url"] == "/en/cabinet/"


def test_a_pupil_changes_their_email_language_and_public_name(client, family):
    client.force_login(family["child"])

    response = client.patch(
        "/api/me",
        {"language": "en", "name_display": NameDisplay.INITIALS},
        content_type="application/json",
    )

    assert response.status_code == 200
    family["child"].refresh_from_db()
    assert family["child"].language == "en"
    assert family["child"].name_display == NameDisplay.INITIALS


def test_a_pupil_without_consent_is_told_they_cannot_publish_and_stays_a_class_in_public(
    client, family
):
    client.force_login(family["child"])

    response = client.patch(
        "/api/me", {"name_display": NameDisplay.FULL_NAME}, content_type="application/json"
    )

    body = response.json()
    assert response.status_code == 200
    assert body["name_display"] == NameDisplay.FULL_NAME
    assert body["can_publish"] is False
    assert body["public_name"] == "ученик 7А класса"


def test_with_consent_on_file_the_pupils_choice_of_public_name_takes_effect(client, family):
    family["child"].parental_consent = True
    family["child"].save()
    client.force_login(family["child"])

    response = client.patch(
        "/api/me", {"name_display": NameDisplay.FULL_NAME}, content_type="application/json"
    )

    body = response.json()
    assert body["can_publish"] is True
    assert body["public_name"] == "Артём Смирнов, 7А"


@pytest.mark.parametrize("who", ["parent", "teacher", "editor"])
def test_adults_may_publish(client, family, who):
    client.force_login(family[who])

    assert client.get("/api/me").json()["can_publish"] is True


def test_an_adult_has_no_public_name_choice_to_change(client, family):
    client.force_login(family["teacher"])

    client.patch(
        "/api/me", {"name_display": NameDisplay.FULL_NAME}, content_type="application/json"
    )

    family["teacher"].refresh_from_db()
    assert family["teacher"].name_display == NameDisplay.CLASS_ONLY


def test_a_visitor_cannot_change_settings_and_a_bad_value_is_named(client, family):
    assert (
        client.patch("/api/me", {"language": "en"}, content_type="application/json").status_code
        == 401
    )
    client.force_login(family["child"])

    response = client.patch("/api/me", {"language": "fr"}, content_type="application/json")

    assert response.status_code == 400
    assert "language" in response.json()["error"]["fields"]


def test_writes_need_the_csrf_token(family):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(family["child"])

    response = client.patch("/api/me", {"language": "en"}, content_type="application/json")

    assert response.status_code == 403
    token = client.get("/api/me").json()["csrf_token"]
    response = client.patch(
        "/api/me", {"language": "en"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200


def test_a_visitor_gets_401_for_children(client):
    assert client.get("/api/me/children").status_code == 401


def test_a_parent_sees_their_own_child_by_name_and_class_and_no_other(client, family):
    client.force_login(family["parent"])

    response = client.get("/api/me/children")

    assert response.status_code == 200
    assert response.json() == [
        {"id": family["child"].pk, "name": "Артём Смирнов", "school_class": "7А"}
    ]
    assert "no-store" in response["Cache-Control"]


def test_a_parent_of_someone_else_sees_only_their_own(client, family):
    other_parent = make_person("other-parent", RoleChoices.PARENT)
    Guardianship.objects.create(parent=other_parent, child=family["other_child"])
    client.force_login(other_parent)

    children = client.get("/api/me/children").json()

    assert [child["id"] for child in children] == [family["other_child"].pk]


@pytest.mark.parametrize("who", ["child", "teacher", "editor"])
def test_people_without_children_get_an_empty_list_even_staff(client, family, who):
    client.force_login(family[who])

    assert client.get("/api/me/children").json() == []


def test_the_schema_describes_me_and_children(client):
    schema = client.get("/api/schema/?format=json").json()

    assert "/api/me" in schema["paths"]
    assert "/api/me/children" in schema["paths"]
