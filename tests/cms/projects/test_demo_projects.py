"""`make run` fills the workspace: the demo student, tutor and experts find projects at
different stages, and a second run changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from cms.projects.models import Project, ProjectKind, ProjectStatus, StageStatus, TutorRequest
from cms.reviews.models import ExpertAssignment
from cms.users.models import User

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_people(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-Passw0rd-2024")
    run("load_demo_people")
    return {p.email.split("@")[0]: p for p in User.objects.filter(email__endswith="example.org")}


def test_the_demo_projects_stand_at_different_stages(demo_people):
    run("load_demo_projects")

    student, classmate = demo_people["student"], demo_people["student2"]
    individual = Project.objects.get(kind=ProjectKind.INDIVIDUAL, tutor=demo_people["tutor"])
    statuses = list(individual.stages.order_by("position").values_list("status", flat=True))
    assert statuses[:4] == [
        StageStatus.ACCEPTED,
        StageStatus.RETURNED,
        StageStatus.SUBMITTED,
        StageStatus.NOT_STARTED,
    ]
    returned = individual.stages.get(position=2).submissions.get().decision
    assert not returned.accepted and returned.feedback

    collective = Project.objects.get(kind=ProjectKind.COLLECTIVE)
    assert collective.status == ProjectStatus.FINISHED
    assert set(collective.members.values_list("person", flat=True)) == {student.pk, classmate.pk}
    assert not collective.stages.exclude(status=StageStatus.ACCEPTED).exists()
    assignments = ExpertAssignment.objects.filter(evaluation__project=collective)
    assert {a.expert.email: a.submitted_at is not None for a in assignments} == {
        "expert@example.org": True,
        "expert2@example.org": False,
    }
    submitted = assignments.get(expert=demo_people["expert"])
    assert set(submitted.scores) == {c["id"] for c in submitted.evaluation.criteria}

    fresh = Project.objects.get(tutor__isnull=True)
    assert TutorRequest.objects.get(project=fresh).tutor == demo_people["tutor"]


def test_the_demo_tutor_sees_work_waiting_on_the_dashboard(client, demo_people):
    run("load_demo_projects")
    client.force_login(demo_people["tutor"])

    body = client.get("/api/projects/dashboard/tutor").json()

    assert body["totals"]["waiting"] == 1
    assert body["totals"]["tutor_requests"] == 1
    assert body["projects"][0]["waiting"][0]["position"] == 3


def test_a_second_run_changes_nothing(demo_people):
    run("load_demo_projects")
    second = run("load_demo_projects")

    assert "nothing to do" in second
    assert Project.objects.count() == 3


def test_without_demo_people_make_run_skips_quietly_and_a_direct_call_explains(db):
    assert "nothing to do" in run("load_demo_projects", "--if-any")
    with pytest.raises(CommandError, match="load_demo_people"):
        run("load_demo_projects")
    assert not Project.objects.exists()
