"""The psychologist's help in the permission matrix: only the psychologist and a request's own
author read it. An administrator, an editor, a superuser, a teacher, another pupil and another
child's parent find nothing at a request's address (404, so not even its existence is told),
are refused the queue and the crisis list (403), and never see a word of the text; a visitor
who is not signed in is asked to sign in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.cms.wellbeing.conftest import make_cast, write

pytestmark = pytest.mark.django_db

SECRET = "Секрет для психолога"
OUTSIDERS = ["administrator", "editor", "superuser", "teacher", "other_student", "other_parent"]
ASKERS = ["psychologist", "student", "parent", *OUTSIDERS, "anonymous"]


@pytest.fixture
def world(db):
    cast = make_cast()
    cast["request"] = write(SECRET, requester=cast["student"], wants_consultation=True).request
    cast["base"] = f"/api/help/requests/{cast['request'].pk}"
    return cast


def ask(client, world, asker, method, path, body=None):
    if asker != "anonymous":
        client.force_login(world[asker])
    send = getattr(client, method)
    if method in ("get", "delete"):
        return send(path)
    return send(path, body or {}, content_type="application/json")


def expect(asker, *, allowed: set[str], ok=200, author=403):
    if asker == "anonymous":
        return 401
    if asker in allowed:
        return ok
    if asker == "student":
        return author
    return 404


@pytest.mark.parametrize("asker", ASKERS)
def test_who_reads_a_request(client, world, asker):
    response = ask(client, world, asker, "get", world["base"])

    assert response.status_code == expect(asker, allowed={"psychologist", "student"})
    assert (SECRET in response.content.decode()) is (asker in {"psychologist", "student"})


@pytest.mark.parametrize("asker", ASKERS)
def test_who_lists_requests(client, world, asker):
    response = ask(client, world, asker, "get", "/api/help/requests")

    expected = 401 if asker == "anonymous" else 403 if asker in OUTSIDERS[:4] else 200
    assert response.status_code == expected
    ids = [item["id"] for item in response.json()] if expected == 200 else []
    assert (world["request"].pk in ids) is (asker in {"psychologist", "student"})
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("asker", ASKERS)
def test_who_replies(client, world, asker):
    response = ask(client, world, asker, "post", f"{world['base']}/replies", {"text": "Ответ"})

    assert response.status_code == expect(asker, allowed={"psychologist"}, ok=201)
    assert world["request"].replies.count() == (1 if asker == "psychologist" else 0)
    if asker != "psychologist":
        assert SECRET not in response.content.decode()


@pytest.mark.parametrize("asker", ASKERS)
def test_who_proposes_a_consultation(client, world, asker):
    when = (timezone.now() + timedelta(days=3)).isoformat()
    response = ask(
        client, world, asker, "post", f"{world['base']}/consultation", {"starts_at": when}
    )

    assert response.status_code == expect(asker, allowed={"psychologist"}, ok=201)


@pytest.mark.parametrize("asker", ASKERS)
def test_who_closes_a_request(client, world, asker):
    response = ask(client, world, asker, "post", f"{world['base']}/close")

    assert response.status_code == expect(asker, allowed={"psychologist", "student"})
    world["request"].refresh_from_db()
    assert (world["request"].status == "closed") is (asker in {"psychologist", "student"})


@pytest.mark.parametrize("asker", ASKERS)
def test_who_keeps_the_crisis_list(client, world, asker):
    listed = ask(client, world, asker, "get", "/api/help/crisis-words")
    added = ask(client, world, asker, "post", "/api/help/crisis-words", {"word": "страшно"})
    word_id = 1 if added.status_code != 201 else added.json()["id"]
    removed = ask(client, world, asker, "delete", f"/api/help/crisis-words/{word_id}")

    if asker == "anonymous":
        assert (listed.status_code, added.status_code, removed.status_code) == (401, 401, 401)
    elif asker == "psychologist":
        assert (listed.status_code, added.status_code, removed.status_code) == (200, 201, 204)
    else:
        assert (listed.status_code, added.status_code, removed.status_code) == (403, 403, 403)


@pytest.mark.parametrize("asker", ASKERS)
def test_nobody_reads_a_signed_in_request_by_a_guessed_code(client, world, asker):
    response = ask(
        client, world, asker, "post", "/api/help/requests/lookup", {"code": "ABCD-EFGH-JKMN-PQRS"}
    )

    assert response.status_code == 404
    assert SECRET not in response.content.decode()
