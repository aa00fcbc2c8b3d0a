"""Small factories of the initiatives tests: a council that takes initiatives, pupils, and an
initiative brought to any step of its path."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cms.initiatives import services
from cms.users.choices import RoleChoices
from site_content.governance.models import CouncilPage, GovernanceIndexPage
from tests.cms.users.conftest import make_person
from tests.factories import make_site


def make_council(*, threshold: int = 3, home=None) -> CouncilPage:
    home = home or make_site(english=False)["ru"]
    index = GovernanceIndexPage(title="Управление", slug="governance", lead="Кто решает")
    home.add_child(instance=index)
    index.save_revision().publish()
    council = CouncilPage(
        title="Совет обучающихся",
        slug="students-council",
        purpose="Представляет интересы учеников.",
        initiative_threshold=threshold,
    )
    index.add_child(instance=council)
    council.save_revision().publish()
    return council


def make_pupil(username: str, *, consent: bool = True, school_class: str = "9А", **fields):
    fields.setdefault("first_name", username.capitalize())
    fields.setdefault("last_name", "Учеников")
    return make_person(
        username,
        RoleChoices.STUDENT,
        school_class=school_class,
        parental_consent=consent,
        email=f"{username}@example.org",
        **fields,
    )


def make_initiative(council, author, *, title="Школьная теплица", co_authors=()):
    return services.initiative_propose(
        by=author,
        council=council,
        title=title,
        description="Построить теплицу во дворе и выращивать зелень для столовой.",
        co_author_ids=[p.pk for p in co_authors],
    )


def supported_to_threshold(initiative, council, *, prefix="fan"):
    for i in range(council.initiative_threshold):
        services.initiative_support(initiative=initiative, by=make_pupil(f"{prefix}{i}"))
    initiative.refresh_from_db()
    return initiative


def to_vote(initiative, council, checker, *, electorate="students", **kwargs):
    supported_to_threshold(initiative, council)
    services.initiative_check(initiative=initiative, by=checker, accept=True, comment="Можно.")
    return services.initiative_vote_start(
        initiative=initiative,
        by=checker,
        electorate=electorate,
        closes_at=timezone.now() + dt.timedelta(days=3),
        **kwargs,
    )
