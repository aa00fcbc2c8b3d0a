"""One person, one vote when everyone presses the button at once, through a real gunicorn
(several workers) on the test database (PostgreSQL under `make test`): the same person sending
many ballots at once casts one; many people at once cast exactly one each, and the box holds
as many ballots as marks."""

from __future__ import annotations

from collections import Counter

import pytest
from django.conf import settings

from cms.users.choices import RoleChoices
from cms.users.models import UserRole
from cms.votes.models import Ballot, VoterMark
from tests.cms.registrations.test_contention import all_at_once, signed_in_people
from tests.publish import processes

from .conftest import make_vote

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SAME_PERSON_ATTEMPTS = 20
VOTERS = 60


def _server_env(tmp_path) -> dict:
    env = processes.django_env(
        site_dir=tmp_path / "site", media_root=tmp_path / "media", var_dir=tmp_path / "var"
    )
    # The sessions made here are signed with the test settings' key: gunicorn must share it.
    env["SECRET_KEY"] = settings.SECRET_KEY
    env["API_RATE_LIMITS"] = "address=100000,100000;user=100000,100000;write=100000,100000"
    return env


def _post_ballots(base_url, code, option_id, sessions):
    """Like `all_at_once`, with the ballot's body."""
    import http.client
    import json
    import secrets
    import threading
    from concurrent.futures import ThreadPoolExecutor

    host, port = base_url.removeprefix("http://").split(":")
    gate = threading.Barrier(len(sessions))
    body = json.dumps({"option_id": option_id}).encode()

    def send(session_key):
        csrf = secrets.token_hex(16)
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        connection.connect()
        gate.wait()
        connection.request(
            "POST",
            f"/api/votes/{code}/ballots",
            body=body,
            headers={
                "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        response = connection.getresponse()
        answer = response.read()
        connection.close()
        return response.status, json.loads(answer or b"null")

    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        return list(pool.map(send, sessions))


def test_one_person_pressing_20_times_at_once_and_60_people_at_once_cast_one_each(tmp_path):
    vote = make_vote("race", audience_roles=[RoleChoices.STUDENT], quorum_percent=0)
    yes = vote.options.get(label="За").pk
    people = signed_in_people(VOTERS)
    UserRole.objects.bulk_create(
        UserRole(user_id=person_id, role=RoleChoices.STUDENT) for person_id, _ in people
    )
    first_key = people[0][1]

    with processes.gunicorn(env=_server_env(tmp_path), ready_path="/api/health") as base_url:
        all_at_once(base_url, "GET", "/api/votes/race", [first_key] * 4)  # warm the workers
        same = _post_ballots(base_url, "race", yes, [first_key] * SAME_PERSON_ATTEMPTS)
        crowd = _post_ballots(base_url, "race", yes, [key for _, key in people[1:]])

    same_statuses = Counter(status for status, _ in same)
    assert same_statuses == {201: 1, 409: SAME_PERSON_ATTEMPTS - 1}, same
    assert {body["error"]["code"] for status, body in same if status == 409} == {"already_voted"}
    assert Counter(status for status, _ in crowd) == {201: VOTERS - 1}, crowd
    receipts = [body["receipt"] for status, body in same + crowd if status == 201]
    assert len(set(receipts)) == VOTERS
    assert Ballot.objects.filter(vote=vote).count() == VOTERS
    assert VoterMark.objects.filter(vote=vote).count() == VOTERS
    assert VoterMark.objects.filter(vote=vote).values("person").distinct().count() == VOTERS
