"""Student initiatives in the permission matrix: every kind of person asks about an initiative
the pupil (Иванов, with consent) proposed to the students' council. School people read it;
pupils propose and support; only the administration checks and starts the vote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cms.initiatives import services
from tests.cms.initiatives.factories import make_council, make_pupil

from .test_permission_matrix import ASKERS, ask, people  # noqa: F401

pytestmark = pytest.mark.django_db

SCHOOL = {"student", "other_student", "parent_of", "parent_of_other", "teacher", "tutor", "staff"}


@pytest.fixture
def world(people):  # noqa: F811
    council = make_council(threshold=1)
    proposed = services.initiative_propose(
        by=people["student"], council=council, title="Теплица", description="Во дворе."
    )
    in_check = services.initiative_propose(
        by=people["student"], council=council, title="Кинозал", description="По пятницам."
    )
    services.initiative_support(initiative=in_check, by=make_pupil("fan"))
    accepted = services.initiative_propose(
        by=people["student"], council=council, title="Квиз", description="Раз в месяц."
    )
    services.initiative_support(initiative=accepted, by=make_pupil("fan2"))
    services.initiative_check(
        initiative=accepted, by=people["staff"], accept=True, comment="Хорошо."
    )
    return {"council": council, "proposed": proposed, "in_check": in_check, "accepted": accepted}


@pytest.mark.parametrize("asker", ASKERS)
def test_school_people_read_initiatives_and_nobody_else(client, people, world, asker):  # noqa: F811
    path = f"/api/initiatives/{world['proposed'].pk}"
    response = ask(client, people, asker, "get", path)
    listed = ask(client, people, asker, "get", f"/api/initiatives?council={world['council'].pk}")

    expected = 401 if asker == "anonymous" else (200 if asker in SCHOOL else 403)
    assert response.status_code == expected
    assert listed.status_code == expected
    if expected != 200:
        assert "Теплица" not in response.content.decode() + listed.content.decode()


@pytest.mark.parametrize("asker", ASKERS)
def test_only_pupils_with_consent_propose(client, people, world, asker):  # noqa: F811
    body = {"council_id": world["council"].pk, "title": "Идея", "description": "Описание"}
    response = ask(client, people, asker, "post", "/api/initiatives", body)

    # other_student has no parental consent: refused with the reason.
    expected = {"anonymous": 401, "student": 201}.get(asker, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("asker", ASKERS)
def test_only_other_pupils_support(client, people, world, asker):  # noqa: F811
    path = f"/api/initiatives/{world['proposed'].pk}/support"
    response = ask(client, people, asker, "post", path)

    # The author does not support their own; adults do not support; outsiders do not see.
    expected = {"anonymous": 401, "other_student": 200}.get(asker, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_administration_checks(client, people, world, asker):  # noqa: F811
    path = f"/api/initiatives/{world['in_check'].pk}/check"
    response = ask(client, people, asker, "post", path, {"decision": "accept", "comment": ""})

    expected = {"anonymous": 401, "staff": 200}.get(asker, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_administration_starts_the_vote(client, people, world, asker):  # noqa: F811
    path = f"/api/initiatives/{world['accepted'].pk}/vote"
    closes = (timezone.now() + dt.timedelta(days=1)).isoformat()
    response = ask(
        client, people, asker, "post", path, {"electorate": "council", "closes_at": closes}
    )

    expected = {"anonymous": 401, "staff": 201}.get(asker, 403)
    assert response.status_code == expected
