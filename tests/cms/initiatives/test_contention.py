"""The threshold sends an initiative to the check exactly once when many pupils support it at
the same moment (threads, each with its own PostgreSQL connection, released together)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from cms.initiatives import services
from cms.initiatives.models import InitiativeStatus, InitiativeSupport
from cms.initiatives.services import InitiativeError
from cms.notifications.models import Notification

from .factories import make_council, make_initiative, make_pupil

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(calls) -> list:
    gate = threading.Barrier(len(calls))

    def run(call):
        try:
            gate.wait()
            return call()
        except Exception as error:  # noqa: BLE001 - the test looks at what each got
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_simultaneous_supports_cross_the_threshold_once_and_late_ones_are_told_why():
    council = make_council(threshold=4)
    author = make_pupil("author")
    initiative = make_initiative(council, author)
    fans = [make_pupil(f"fan{i}") for i in range(8)]

    results = at_once(
        [lambda fan=fan: services.initiative_support(initiative=initiative, by=fan) for fan in fans]
    )

    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 4
    assert all(isinstance(r, InitiativeError) and r.code == "not_proposed" for r in refused)
    assert InitiativeSupport.objects.filter(initiative=initiative).count() == 4
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.IN_CHECK
    assert Notification.objects.filter(recipient=author, kind="initiative_in_check").count() == 1


def test_one_pupil_pressing_many_times_at_once_supports_once():
    council = make_council(threshold=10)
    initiative = make_initiative(council, make_pupil("author"))
    fan = make_pupil("fan")

    results = at_once(
        [lambda: services.initiative_support(initiative=initiative, by=fan) for _ in range(6)]
    )

    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert InitiativeSupport.objects.filter(initiative=initiative, person=fan).count() == 1
