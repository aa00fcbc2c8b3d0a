"""Project solutions for synthetic demo content (benchmarks), with consent-limited authors."""

from __future__ import annotations

import random

from site_content.taxonomy.demo import demo_terms
from site_content.taxonomy.models import Grade, ProjectType, Subject

from .choices import AuthorDisplay, WorkFormat
from .models import SolutionAuthor, SolutionPage

__all__ = ["demo_solution", "demo_solution_classify"]

DEMO_TAGS = ["экология", "программирование", "краеведение", "исследование", "социальный проект"]


def demo_solution(
    rng: random.Random, *, title: str, slug: str, lead: str = "", text: str = "", terms=None
) -> SolutionPage:
    """An unsaved solution with its authors; after `parent.add_child(instance=page)`, call
    `demo_solution_classify(page, rng, terms)` and publish a revision."""
    terms = terms or demo_terms()
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
            full_name=f"Автор {n + 1}",
            school_class=f"{grade} «{rng.choice('АБВ')}»",
            display=rng.choice(list(AuthorDisplay)),
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
