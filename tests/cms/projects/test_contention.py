"""The workspace's rules hold when people press at once (threads, each with its own database
connection, released together): version numbers stay unique, one tutor request waits per
project, and a stage is decided once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from cms.projects import services
from cms.projects.models import StageDecision, TutorRequest
from cms.users.choices import RoleChoices
from tests.cms.projects.factories import make_project
from tests.cms.users.conftest import make_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def default_template():
    """The default stage template its data migration made, which an earlier transactional
    test's flush removed."""
    from importlib import import_module

    from django.apps import apps

    from cms.projects.models import StageTemplate

    if not StageTemplate.objects.filter(is_default=True).exists():
        import_module("cms.projects.migrations.0002_default_stage_template").create(apps, None)


def at_once(calls) -> list:
    """Run every call in its own thread, released together; each result or the exception."""
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


def test_simultaneous_submissions_get_one_version_number_each():
    authors = [make_person(f"a{i}", RoleChoices.STUDENT) for i in range(6)]
    project = make_project(*authors)
    stage = project.stages.get(position=1)

    results = at_once(
        [
            lambda author=author: services.stage_submit(stage=stage, by=author, text="Версия")
            for author in authors
        ]
    )

    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(stage.submissions.values_list("version", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_of_simultaneous_tutor_requests_one_waits_and_the_others_are_told_why():
    author = make_person("author", RoleChoices.STUDENT)
    tutors = [make_person(f"t{i}", RoleChoices.TUTOR) for i in range(5)]
    project = make_project(author)

    results = at_once(
        [
            lambda tutor=tutor: services.tutor_request_create(
                project=project, by=author, tutor=tutor
            )
            for tutor in tutors
        ]
    )

    refused = [r for r in results if isinstance(r, services.ProjectError)]
    assert len(refused) == 4 and {r.code for r in refused} == {"request_pending"}
    assert TutorRequest.objects.filter(project=project, status="pending").count() == 1


def test_a_stage_decided_twice_at_once_is_decided_once():
    author = make_person("author", RoleChoices.STUDENT)
    tutor = make_person("tutor", RoleChoices.TUTOR)
    project = make_project(author, tutor=tutor)
    stage = project.stages.get(position=1)
    services.stage_submit(stage=stage, by=author, text="Готово")

    results = at_once(
        [
            lambda: services.stage_decide(stage=stage, by=tutor, accepted=True),
            lambda: services.stage_decide(stage=stage, by=tutor, accepted=False, feedback="Нет"),
        ]
    )

    assert len([r for r in results if isinstance(r, services.ProjectError)]) == 1
    assert StageDecision.objects.filter(submission__stage=stage).count() == 1
