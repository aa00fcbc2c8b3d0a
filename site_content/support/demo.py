"""Pages of the support zone for synthetic demo content (benchmarks)."""

from __future__ import annotations

from .blocks import ResourceCategory
from .models import (
    CourseModulePage,
    CoursePage,
    FAQPage,
    ParentGuidePage,
    RelaxationRoomPage,
    SupportSectionPage,
)

__all__ = [
    "demo_course",
    "demo_course_module",
    "demo_faq",
    "demo_parent_guide",
    "demo_relaxation_room",
    "demo_support_section",
]


def demo_relaxation_room(kit, *, title: str, slug: str, lead: str = "") -> RelaxationRoomPage:
    """An unsaved relaxation room with resource cards in every category, one urgent."""
    rng, text = kit.rng, kit.text
    resources = []
    for number, (category, _label) in enumerate(ResourceCategory.CHOICES * 2):
        if number >= len(ResourceCategory.CHOICES) and rng.random() < 0.5:
            continue
        resources.append(
            kit.block(
                "resource",
                {
                    "category": category,
                    "title": text.title(),
                    "description": text.sentences(1, 2),
                    "who": rng.choice([r for r in text.roles() if r]),
                    "phone": "8-800-2000-122" if number == 0 else "",
                    "url": f"https://example.org/help/{number}" if rng.random() < 0.5 else "",
                    "hours": "пн–пт, 9:00–17:00" if rng.random() < 0.5 else "",
                    "urgent": number == 0,
                },
            )
        )
    return RelaxationRoomPage(
        title=title, slug=slug, lead=lead, urgent_help=text.sentences(1, 2), resources=resources
    )


def demo_support_section(kit, *, title: str, slug: str, lead: str = "") -> SupportSectionPage:
    return SupportSectionPage(title=title, slug=slug, lead=lead)


def demo_course(kit, *, title: str, slug: str, lead: str = "") -> CoursePage:
    rng, text = kit.rng, kit.text
    return CoursePage(
        title=title,
        slug=slug,
        lead=lead,
        audience="учителя и тьюторы общеобразовательных организаций",
        duration_hours=rng.choice((16, 24, 36, 72)),
        study_format=rng.choice(("очно", "очно-заочно, с дистанционными модулями", "онлайн")),
        developer="Лицей и ИМЦ района",
        outcomes=text.lines(3, 6),
    )


def demo_course_module(kit, *, title: str, slug: str, lead: str = "") -> CourseModulePage:
    rng, text = kit.rng, kit.text
    materials = [kit.block("document", kit.document_value())] if kit.documents else []
    return CourseModulePage(
        title=title,
        slug=slug,
        lead=lead,
        goals=text.lines(2, 4),
        duration_hours=rng.choice((2, 4, 6, 8)),
        materials=materials,
        assignment=text.sentences(1, 3) if rng.random() < 0.7 else "",
    )


def demo_parent_guide(kit, *, title: str, slug: str, lead: str = "") -> ParentGuidePage:
    """An unsaved guide; its body is required, so it gets one here."""
    rng = kit.rng
    return ParentGuidePage(
        title=title,
        slug=slug,
        lead=lead,
        grades=rng.choice(("5–9 классов", "10–11 классов", "всех классов")),
        reading_minutes=rng.randint(3, 15),
        body=kit.body(2, 4),
    )


def demo_faq(kit, *, title: str, slug: str, lead: str = "") -> FAQPage:
    """An unsaved FAQ page with three to eight questions (they are required)."""
    rng, text = kit.rng, kit.text
    questions = [
        kit.block(
            "question",
            {"question": text.sentence().rstrip(".!") + "?", "answer": kit.rich_text()},
        )
        for _ in range(rng.randint(3, 8))
    ]
    return FAQPage(
        title=title, slug=slug, lead=lead, questions=questions, contact="help@lyceum.example"
    )
