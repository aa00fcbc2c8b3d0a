"""The three councils and public discussions for synthetic demo content (benchmarks)."""

from __future__ import annotations

from datetime import timedelta

from .models import (
    CouncilDecision,
    CouncilMember,
    CouncilPage,
    DiscussionPage,
    DiscussionStatus,
    MemberGroup,
)

__all__ = ["COUNCILS", "demo_council", "demo_discussion"]

# (variant, Russian title, English title, slug, the groups its members come from)
COUNCILS = {
    "coworking": (
        "Совет коворкинга",
        "Coworking council",
        "coworking-council",
        ("administration", "teacher", "parent", "student", "partner"),
    ),
    "parents": (
        "Совет родителей",
        "Parents' council",
        "parents-council",
        ("parent", "parent", "parent", "teacher"),
    ),
    "students": (
        "Совет обучающихся",
        "Students' council",
        "students-council",
        ("student", "student", "student", "student", "teacher"),
    ),
}
NAMES = ["Орлова Мария", "Захаров Илья", "Белова Анна", "Козлов Артём", "Лебедева Вера"]
ROLES = ["председатель", "заместитель председателя", "секретарь", "член совета"]


def demo_council(kit, *, variant: str, title: str, slug: str, lead: str = "") -> CouncilPage:
    """An unsaved council with members of its groups (students named, as the school keeps
    them; the page shows their initials and class) and past decisions."""
    rng, text = kit.rng, kit.text
    groups = COUNCILS[variant][3]
    page = CouncilPage(
        title=title,
        slug=slug,
        lead=lead,
        purpose=text.sentences(2, 3),
        regulation=kit.document() if rng.random() < 0.7 else None,
        contact_email=f"{slug}@lyceum.example",
    )
    members = []
    for number, group in enumerate(groups + tuple(rng.choices(groups, k=rng.randint(0, 4)))):
        student = group == MemberGroup.STUDENT
        members.append(
            CouncilMember(
                name=rng.choice(NAMES) if student else text.person(),
                role=ROLES[min(number, len(ROLES) - 1)],
                group=group,
                school_class=f"{rng.randint(7, 11)}{rng.choice('АБВ')}" if student else "",
                organisation="" if student else rng.choice([r for r in text.roles() if r]),
                email="" if student or rng.random() < 0.6 else f"member{number}@lyceum.example",
                sort_order=number,
            )
        )
    page.members = members
    page.decisions = [
        CouncilDecision(
            date=kit.past_day(7, 3 * 365),
            title=text.title(),
            text=text.sentences(1, 3),
            document=kit.document() if rng.random() < 0.4 else None,
            sort_order=number,
        )
        for number in range(rng.randint(2, 6))
    ]
    return page


def demo_discussion(
    kit, *, is_open: bool, title: str, slug: str, lead: str = "", initiator=None
) -> DiscussionPage:
    """An unsaved discussion: an open one (running today) with its survey or vote, or a
    closed one with its results."""
    rng, text = kit.rng, kit.text
    if is_open:
        opens = kit.day(-rng.randint(1, 20))
        closes = kit.day(rng.randint(3, 30))
    else:
        closes = kit.past_day(20, 3 * 365)
        opens = closes - timedelta(days=rng.randint(7, 30))
    page = DiscussionPage(
        title=title,
        slug=slug,
        lead=lead,
        status=DiscussionStatus.OPEN if is_open else DiscussionStatus.CLOSED,
        initiator=initiator,
        opens_on=opens,
        closes_on=closes,
        results_on=closes + timedelta(days=rng.randint(5, 20)),
        materials=[kit.block("document", kit.document_value())] if kit.documents else [],
    )
    if is_open:
        kind = rng.choice(("survey", "voting"))
        page.participation = [
            kit.block(
                "widget",
                {
                    "kind": kind,
                    "title": text.title(),
                    "reference": f"{kind}-{slug}"[:100],
                    "fallback": kit.paragraph(),
                },
            )
        ]
    else:
        results = [kit.block("rich_text", kit.rich_text())]
        if kit.documents and rng.random() < 0.6:
            results.append(kit.block("document", kit.document_value()))
        page.results = results
    return page
