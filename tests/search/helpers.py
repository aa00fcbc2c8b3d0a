"""Small builders for search tests: a published site and API calls."""

from __future__ import annotations

from django.test import Client

from tests.factories import add_page, make_site, translate
from tests.publish.helpers import publish_full

RICH = '[{"type": "rich_text", "value": "%s"}]'


def body(*paragraphs: str) -> str:
    return RICH % "".join(f"<p>{p}</p>" for p in paragraphs)


def small_site():
    """A Russian and English site with pages that need morphology to be found."""
    homes = make_site()
    ru = homes["ru"]
    library = add_page(
        ru, "Библиотека", slug="library", lead="Книги, статьи и методические материалы лицея."
    )
    robots = add_page(
        library,
        "Робототехника для начинающих",
        slug="robots",
        lead="Курс о том, как собрать первого робота.",
        body=body("Ученики собирают роботов из конструкторов и программируют их на Python."),
    )
    trees = add_page(
        library,
        "Зелёные ёлки у школы",
        slug="trees",
        lead="Экологический проект учеников седьмых классов.",
        body=body("Посадили ели и берёзы, ведём наблюдения за ростом деревьев."),
    )
    olympiad = add_page(
        ru,
        "Олимпиада по математике",
        slug="olympiad",
        lead="Городская олимпиада для учеников 5–11 классов.",
        body=body("Задачи олимпиады по геометрии и алгебре, разбор решений."),
    )
    translate(library, "en", "Library")
    english = translate(robots, "en", "Robotics for beginners")
    english.lead = "A course on building your first robot."
    english.save_revision().publish()
    return {
        "homes": homes,
        "library": library,
        "robots": robots,
        "trees": trees,
        "olympiad": olympiad,
        "robots_en": english,
    }


def published_site():
    pages = small_site()
    publish_full(strict=True)
    return pages


def api(path="/api/search", **params):
    response = Client().get(path, params)
    return response


def search(q, **params):
    response = api(q=q, **params)
    assert response.status_code == 200, response.content
    return response.json()


def urls(data) -> list[str]:
    return [item["url"] for item in data["results"]]
