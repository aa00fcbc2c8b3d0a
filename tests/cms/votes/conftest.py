"""A roster to vote with: pupils of grades 7 and 9 with parents, a council with members linked
to their accounts, a teacher and an editor; and votes open now."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from cms.votes.services import vote_create
from tests.cms.users.conftest import make_person


def make_council(*, members=(), slug="students-council"):
    """A published council page under a governance section, with `members` (accounts)."""
    from site_content.governance.models import CouncilMember, CouncilPage, GovernanceIndexPage
    from tests.factories import make_site

    home = make_site(english=False)["ru"]
    index = GovernanceIndexPage(title="Управление", slug="governance", lead="Кто решает")
    home.add_child(instance=index)
    index.save_revision().publish()
    council = CouncilPage(
        title="Совет коворкинга",
        slug=slug,
        purpose="Решает, как живёт коворкинг.",
        members=[
            CouncilMember(name=f"Член {i}", role="член совета", group="teacher", person=person)
            for i, person in enumerate(members)
        ],
    )
    index.add_child(instance=council)
    council.save_revision().publish()
    return council


def make_vote(code="vote", *, open_now=True, **fields):
    """A vote open now (or one that closed a minute ago: `open_now=False`)."""
    now = timezone.now()
    if open_now:
        fields.setdefault("opens_at", now - timedelta(hours=1))
        fields.setdefault("closes_at", now + timedelta(days=1))
    else:
        fields.setdefault("opens_at", now - timedelta(days=1))
        fields.setdefault("closes_at", now - timedelta(minutes=1))
    fields.setdefault("title", f"Голосование {code}")
    fields.setdefault("question", "Вводим ли мы тихий час в коворкинге?")
    return vote_create(code=code, **fields)


def close(vote):
    """Move a vote's close into the past (as time passing would)."""
    from cms.votes.models import Vote

    Vote.objects.filter(pk=vote.pk).update(
        opens_at=vote.opens_at - timedelta(days=2), closes_at=timezone.now() - timedelta(seconds=1)
    )
    vote.refresh_from_db()
    return vote


@pytest.fixture
def roster(db):
    """Two pupils of 9А and one of 9Б, one of 7А, one of 10А; a parent of each 9th-grader
    (the first family has two parents and two children in grade 9), a parent of the
    7th-grader, a teacher and an editor."""
    p = {}
    p["anna"] = make_person("anna", RoleChoices.STUDENT, school_class="9А", first_name="Анна")
    p["boris"] = make_person("boris", RoleChoices.STUDENT, school_class="9А", first_name="Борис")
    p["vera"] = make_person("vera", RoleChoices.STUDENT, school_class="9Б", first_name="Вера")
    p["gleb"] = make_person("gleb", RoleChoices.STUDENT, school_class="7А", first_name="Глеб")
    p["dina"] = make_person("dina", RoleChoices.STUDENT, school_class="10А", first_name="Дина")
    p["mother"] = make_person("mother", RoleChoices.PARENT, first_name="Мама")
    p["father"] = make_person("father", RoleChoices.PARENT, first_name="Папа")
    p["vera_parent"] = make_person("vera-parent", RoleChoices.PARENT)
    p["gleb_parent"] = make_person("gleb-parent", RoleChoices.PARENT)
    for parent, child in [
        ("mother", "anna"),
        ("mother", "boris"),
        ("father", "anna"),
        ("father", "boris"),
        ("vera_parent", "vera"),
        ("gleb_parent", "gleb"),
    ]:
        Guardianship.objects.create(parent=p[parent], child=p[child])
    p["teacher"] = make_person("teacher", RoleChoices.TEACHER)
    p["editor"] = make_person("editor", RoleChoices.STAFF)
    return p
