"""The initiatives API as the widget uses it: the council's list with supports and progress,
proposing, supporting, the check and the vote; names follow the pupils' consent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cms.initiatives.models import InitiativeStatus
from cms.users.choices import RoleChoices
from tests.cms.users.conftest import make_person

from .factories import make_council, make_initiative, make_pupil

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return make_council(threshold=2)


def as_(client, person):
    client.force_login(person)
    return client


def test_the_whole_path_through_the_api(client, council):
    author = make_pupil("anya", first_name="Анна", last_name="Зеленова")
    created = as_(client, author).post(
        "/api/initiatives",
        {"council_id": council.pk, "title": "Теплица", "description": "Зелень для столовой."},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    initiative_id = created.json()["id"]
    url = f"/api/initiatives/{initiative_id}"
    for i in range(2):
        response = as_(client, make_pupil(f"fan{i}")).post(f"{url}/support")
        assert response.status_code == 200
    listed = client.get(f"/api/initiatives?council={council.pk}").json()
    item = listed["initiatives"][0]
    assert (item["status"], item["supports"], item["threshold"]) == ("in_check", 2, 2)
    assert item["supported_by_me"] is True

    director = make_person("director", RoleChoices.ADMINISTRATOR)
    as_(client, director)
    assert client.get(url).json()["may_check"] is True
    checked = client.post(
        f"{url}/check", {"decision": "accept", "comment": "Найдём место у спортзала."},
        content_type="application/json",
    )  # fmt: skip
    assert checked.json()["check_comment"] == "Найдём место у спортзала."
    closes = (timezone.now() + dt.timedelta(days=2)).isoformat()
    voting = client.post(
        f"{url}/vote", {"electorate": "grades", "grades": "8–11", "closes_at": closes},
        content_type="application/json",
    )  # fmt: skip

    assert voting.status_code == 201, voting.content
    assert voting.json()["status"] == InitiativeStatus.VOTING
    assert voting.json()["vote"]["code"] == f"initiative-{initiative_id}"


def test_a_pupil_without_consent_reads_why_they_cannot_propose(client, council):
    pupil = make_pupil("quiet", consent=False)
    as_(client, pupil)

    listed = client.get(f"/api/initiatives?council={council.pk}").json()
    response = client.post(
        "/api/initiatives",
        {"council_id": council.pk, "title": "Идея", "description": "Описание"},
        content_type="application/json",
    )

    assert listed["may_propose"] is False
    assert "согласие родителей" in listed["propose_refusal"]
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "consent_required"
    assert "согласие родителей" in response.json()["error"]["message"]


def test_a_rejection_needs_a_reason_and_everyone_at_school_reads_it(client, council):
    initiative = make_initiative(council, make_pupil("anya"))
    for i in range(2):
        as_(client, make_pupil(f"fan{i}")).post(f"/api/initiatives/{initiative.pk}/support")
    as_(client, make_person("director", RoleChoices.ADMINISTRATOR))
    url = f"/api/initiatives/{initiative.pk}/check"

    bare = client.post(url, {"decision": "reject"}, content_type="application/json")
    client.post(url, {"decision": "reject", "comment": "Нет бюджета."},
                content_type="application/json")  # fmt: skip
    parent_sees = as_(client, make_person("mum", RoleChoices.PARENT)).get(
        f"/api/initiatives/{initiative.pk}"
    )

    assert bare.status_code == 400
    assert "comment" in bare.json()["error"]["fields"]
    assert parent_sees.json()["rejection_reason"] == "Нет бюджета."


def test_authors_are_named_as_their_consent_says_to_other_pupils(client, council):
    author = make_pupil("anya", first_name="Анна", last_name="Зеленова", name_display="class_only")
    make_initiative(council, author)

    listed = as_(client, make_pupil("other")).get(f"/api/initiatives?council={council.pk}")

    text = listed.content.decode()
    assert "Зеленова" not in text
    assert "anya@example.org" not in text


def test_a_guest_with_an_account_does_not_see_the_list(client, council):
    make_initiative(council, make_pupil("anya"))

    response = as_(client, make_person("guest", RoleChoices.PUBLIC)).get("/api/initiatives")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert "Школьная теплица" not in response.content.decode()
