"""The project workspace in the permission matrix: everyone around one collective project, and
the outsiders that matter here (another pupil, another child's parent, a consultant and a
tutor of another project, an expert not assigned to it), ask to see it and act in it.

Its people see it; an outsider finds nothing at its address (404, so even its existence is
not told); an anonymous visitor is asked to sign in. The assigned expert sees the handed-in
files and nothing else of the workspace.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.projects import services
from cms.users.choices import RoleChoices
from tests.cms.projects.factories import make_cast, make_evaluation
from tests.cms.users.conftest import make_person

pytestmark = pytest.mark.django_db

ASKERS = [
    "author",
    "coauthor",
    "other_student",
    "tutor",
    "other_tutor",
    "parent",
    "other_parent",
    "consultant",
    "other_consultant",
    "expert",
    "other_expert",
    "staff",
    "anonymous",
]
PEOPLE = {"author", "coauthor", "tutor", "parent", "consultant", "staff"}
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def world(db):
    cast = make_cast()
    make_evaluation(cast["project"], cast["expert"])
    stage = cast["project"].stages.get(position=1)
    submission = services.stage_submit(
        stage=stage, by=cast["author"], text="Тема", files=[SimpleUploadedFile("plan.pdf", PDF)]
    )
    services.comment_create(project=cast["project"], by=cast["tutor"], body="Посмотрю")
    cast["stage"] = stage
    cast["file"] = submission.files.get()
    cast["base"] = f"/api/projects/{cast['project'].pk}"
    return cast


def ask(client, world, asker, method, path, body=None, multipart=False):
    if asker != "anonymous":
        client.force_login(world[asker])
    send = getattr(client, method)
    if body is None:
        return send(path)
    if multipart:
        return send(path, body)
    return send(path, body, content_type="application/json")


def expect(asker, allowed: set[str], *, ok: int = 200, people=PEOPLE) -> int:
    if asker == "anonymous":
        return 401
    if asker in allowed:
        return ok
    return 403 if asker in people else 404


@pytest.mark.parametrize("asker", ASKERS)
def test_who_sees_the_project(client, world, asker):
    response = ask(client, world, asker, "get", world["base"])

    assert response.status_code == expect(asker, PEOPLE)
    if response.status_code != 200:
        assert "Умная теплица" not in response.content.decode()


@pytest.mark.parametrize("asker", ASKERS)
def test_who_reads_the_comments(client, world, asker):
    response = ask(client, world, asker, "get", f"{world['base']}/comments")

    assert response.status_code == expect(asker, PEOPLE)
    assert ("Посмотрю" in response.content.decode()) is (asker in PEOPLE)


@pytest.mark.parametrize("asker", ASKERS)
def test_who_reads_the_stage_history(client, world, asker):
    response = ask(client, world, asker, "get", f"{world['base']}/stages/{world['stage'].pk}")

    assert response.status_code == expect(asker, PEOPLE)


@pytest.mark.parametrize("asker", ASKERS)
def test_who_downloads_a_handed_in_file(client, world, asker):
    path = f"{world['base']}/files/{world['file'].pk}"
    response = ask(client, world, asker, "get", path)

    assert response.status_code == expect(asker, PEOPLE | {"expert"})
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF
    else:
        assert b"%PDF" not in response.content


@pytest.mark.parametrize("asker", ASKERS)
def test_who_hands_in_a_stage(client, world, asker):
    path = f"{world['base']}/stages/{world['stage'].pk}/submissions"
    response = ask(client, world, asker, "post", path, {"text": "Версия"}, multipart=True)

    assert response.status_code == expect(asker, {"author", "coauthor"}, ok=201)
    assert world["stage"].submissions.count() == (2 if response.status_code == 201 else 1)


@pytest.mark.parametrize("asker", ASKERS)
def test_who_decides_on_a_stage(client, world, asker):
    path = f"{world['base']}/stages/{world['stage'].pk}/decision"
    response = ask(client, world, asker, "post", path, {"accepted": True})

    assert response.status_code == expect(asker, {"tutor"}, ok=201)
    world["stage"].refresh_from_db()
    assert (world["stage"].status == "accepted") is (asker == "tutor")


@pytest.mark.parametrize("asker", ASKERS)
def test_who_invites_a_co_author(client, world, asker):
    newcomer = make_person("newcomer", RoleChoices.STUDENT, school_class="8А")
    path = f"{world['base']}/members"
    response = ask(client, world, asker, "post", path, {"person_id": newcomer.pk})

    assert response.status_code == expect(asker, {"author", "coauthor", "tutor"}, ok=201)


@pytest.mark.parametrize("asker", ASKERS)
def test_who_invites_a_consultant(client, world, asker):
    partner = make_person("partner2", RoleChoices.PARTNER, email="lab@partner.example")
    path = f"{world['base']}/members"
    response = ask(client, world, asker, "post", path, {"person_id": partner.pk})

    assert response.status_code == expect(asker, {"tutor"}, ok=201)


@pytest.mark.parametrize("asker", ASKERS)
def test_who_comments(client, world, asker):
    path = f"{world['base']}/comments"
    response = ask(client, world, asker, "post", path, {"body": f"от {asker}"})

    assert response.status_code == expect(asker, PEOPLE, ok=201)


@pytest.mark.parametrize("asker", ASKERS)
def test_only_those_allowed_contacts_see_a_pupils_email(client, world, asker):
    response = ask(client, world, asker, "get", world["base"])

    shown = "anya@school.example" in response.content.decode()
    assert shown is (asker in {"author", "coauthor", "tutor", "parent", "staff"})
