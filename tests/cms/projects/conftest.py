"""The people around one collective project, and a client that asks as any of them."""

from __future__ import annotations

import pytest

from tests.cms.projects.factories import make_cast


@pytest.fixture
def cast(db):
    """Everyone around one collective project (see `make_cast`), by key."""
    return make_cast()


@pytest.fixture
def ask(client, cast):
    """`ask("tutor", "post", path, body)`: the request as that person (or "anonymous")."""

    def ask(who: str, method: str, path: str, body=None, **extra):
        client.logout()
        if who != "anonymous":
            client.force_login(cast[who])
        send = getattr(client, method)
        if body is None:
            return send(path, **extra)
        if extra.pop("multipart", False):
            return send(path, body, **extra)
        return send(path, body, content_type="application/json", **extra)

    return ask
