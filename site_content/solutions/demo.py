"""Project solutions for synthetic demo content (benchmarks), with consent-limited authors."""

from __future__ import annotations

import random

from site_content.taxonomy.demo import demo_terms
from site_content.taxonomy.models import Grade, ProjectType, Subject

from .choices import AuthorDisplay, WorkFormat
from .models import SolutionAuthor, SolutionPage

__all__ = ["demo_solution", "demo_solution_classify", "demo_solution_extras"]

FIRST_NAMES = ["Алиса", "Борис", "Вера", "Глеб", "Дарья", "Егор", "Злата", "Илья", "Кира", "Лев"]
SURNAMES = ["Антонова", "Белов", "Воронина", "Гусев", "Дмитриева", "Ершов", "Жукова", "Зайцев"]
MONTHS = ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март"]
DEMO_TAGS = ["экология", "программирование", "краеведение", "исследование", "социальный проект"]


def demo_solution(
    rng: random.Random,
    *,
    title: str,
    slug: str,
    lead: str = "",
    text: str = "",
    terms=None,
    collective: bool | None = None,
) -> SolutionPage:
    """An unsaved solution with its authors (collective or not as given, else at random);
    after `parent.add_child(instance=page)`, call `demo_solution_classify(page, rng, terms)`
    and publish a revision.

    The authors' consent varies: some may be named in full, some by initials, some only by
    their class; their full names are stored either way, as the school keeps them.
    """
    terms = terms or demo_terms()
    if collective is None:
        collective = rng.random() < 0.4
    grade = rng.randint(7, 11)
    page = SolutionPage(
        title=title,
        slug=slug,
        lead=lead,
        problem=text or lead or title,
        goal=lead or title,
        result=text or lead or title,
        work_format=WorkFormat.COLLECTIVE if collective else WorkFormat.INDIVIDUAL,
        tutor="Рабочая группа проекта",
        year=rng.randint(2022, 2025),
        project_type=rng.choice(terms[ProjectType]),
    )
    page.authors = [
        SolutionAuthor(
            full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            school_class=f"{grade} «{rng.choice('АБВ')}»",
            display=rng.choice(list(AuthorDisplay)),
            sort_order=n,
        )
        for n in range(rng.randint(2, 4) if collective else 1)
    ]
    return page


def demo_solution_classify(page: SolutionPage, rng: random.Random, terms=None) -> None:
    """Subjects, grades and tags for a demo solution (saved with the next revision)."""
    terms = terms or demo_terms()
    page.subjects = rng.sample(terms[Subject], k=min(len(terms[Subject]), rng.randint(1, 2)))
    page.grades = rng.sample(terms[Grade], k=1)
    page.tags.add(*rng.sample(DEMO_TAGS, k=rng.randint(0, 2)))


def demo_solution_extras(page: SolutionPage, kit) -> None:
    """Stages, photos and project files from the demo kit (see `site_content.demo.DemoKit`)."""
    rng, text = kit.rng, kit.text
    year = page.year
    page.stages = [
        kit.block(
            "stage",
            {
                "title": text.title(),
                "period": f"{rng.choice(MONTHS)} {year - 1}" if rng.random() < 0.7 else "",
                "description": text.sentences(1, 3),
            },
        )
        for _ in range(rng.randint(2, 5))
    ]
    if kit.images and rng.random() < 0.6:
        page.gallery = [kit.block("image", kit.image_value()) for _ in range(rng.randint(1, 3))]
    if kit.documents and rng.random() < 0.7:
        page.materials = [kit.block("document", kit.document_value())]
