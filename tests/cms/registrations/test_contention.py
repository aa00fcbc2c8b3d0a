"""Capacity holds when everyone presses the button at once: 200 people register through a real
gunicorn (several workers and threads) on the test database (PostgreSQL under `make test`) for
50 places; then 20 cancel at once and exactly 20 from the waiting list move up."""

from __future__ import annotations

import http.client
import json
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore

from cms.registrations.models import EventPlaces, Registration, RegistrationStatus
from tests.publish import processes

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

S = RegistrationStatus
CLIENTS = 200
PLACES = 50
CANCELLATIONS = 20


def signed_in_people(count: int) -> list[tuple[int, str]]:
    """(id, session key) of `count` people, each signed in with a session of their own."""
    User = get_user_model()
    people = User.objects.bulk_create(
        User(username=f"crowd{i}", email=f"crowd{i}@example.org") for i in range(count)
    )
    sessions = []
    for person in User.objects.filter(pk__in=[p.pk for p in people]).order_by("pk"):
        session = SessionStore()
        session["_auth_user_id"] = str(person.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = person.get_session_auth_hash()
        session.create()
        sessions.append((person.pk, session.session_key))
    return sessions


def all_at_once(base_url: str, method: str, path: str, sessions: list[str]) -> list[tuple]:
    """Every session sends one request, released together; (status, body) in session order."""
    host, port = base_url.removeprefix("http://").split(":")
    gate = threading.Barrier(len(sessions))

    def send(session_key: str):
        csrf = secrets.token_hex(16)
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        connection.connect()
        gate.wait()
        connection.request(
            method,
            path,
            body=b"{}" if method == "POST" else None,
            headers={
                "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, json.loads(body or b"null")

    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        return list(pool.map(send, sessions))


def test_200_at_once_for_50_places_then_20_cancellations_promote_exactly_20(tmp_path, make_event):
    event = make_event(capacity=PLACES)
    people = signed_in_people(CLIENTS)
    env = processes.django_env(
        site_dir=tmp_path / "site", media_root=tmp_path / "media", var_dir=tmp_path / "var"
    )
    # The sessions made here are signed with the test settings' key: gunicorn must share it.
    env["SECRET_KEY"] = settings.SECRET_KEY
    env["API_RATE_LIMITS"] = "address=100000,100000;user=100000,100000;write=100000,100000"
    path = f"/api/events/{event.pk}/registration"

    with processes.gunicorn(env=env, ready_path="/api/health") as base_url:
        answers = all_at_once(base_url, "POST", path, [key for _, key in people])

        statuses = [status for status, _ in answers]
        assert all(status < 500 for status in statuses), statuses
        assert statuses.count(201) == CLIENTS
        mine = [body["me"] for _, body in answers]
        assert sum(me["status"] == "confirmed" for me in mine) == PLACES
        assert sorted(me["position"] for me in mine if me["status"] == "waiting") == list(
            range(1, CLIENTS - PLACES + 1)
        )
        confirmed = Registration.objects.filter(event_id=event.pk, status=S.CONFIRMED)
        waiting = Registration.objects.filter(event_id=event.pk, status=S.WAITING)
        assert confirmed.count() == PLACES
        assert waiting.count() == CLIENTS - PLACES
        assert EventPlaces.objects.get(event_id=event.pk).taken == PLACES
        # The line is the order of arrival: by time and by id alike.
        in_line = list(waiting.order_by("created_at", "pk").values_list("pk", flat=True))
        assert in_line == sorted(in_line)
        # Every reply told its person the place they hold in that line.
        position_of = {pk: i + 1 for i, pk in enumerate(
            waiting.order_by("created_at", "pk").values_list("person_id", flat=True)
        )}  # fmt: skip
        for (person_id, _), me in zip(people, mine, strict=True):
            if me["status"] == "waiting":
                assert me["position"] == position_of[person_id]

        first_in_line = set(
            waiting.order_by("created_at", "pk").values_list("person_id", flat=True)[:CANCELLATIONS]
        )
        leaving = set(confirmed.values_list("person_id", flat=True)[:CANCELLATIONS])
        keys = [key for person_id, key in people if person_id in leaving]
        cancelled = all_at_once(base_url, "DELETE", path, keys)

    assert [status for status, _ in cancelled] == [200] * CANCELLATIONS
    now_confirmed = set(confirmed.values_list("person_id", flat=True))
    assert len(now_confirmed) == PLACES
    assert now_confirmed - (set(p for p, _ in people) - leaving) == set()
    assert first_in_line <= now_confirmed
    assert waiting.count() == CLIENTS - PLACES - CANCELLATIONS
    assert EventPlaces.objects.get(event_id=event.pk).taken == PLACES
