"""The projects page is published like the cabinet: one shell for everyone, its widgets wired to
the workspace API, its "start a project" form holding the solution bank's choices, and nothing of
anyone's projects in the built files or the search index."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.models import Locale

from cms.projects.models import Comment, ProjectsPage
from site_content.taxonomy.models import Grade, ProjectType, Subject
from tests.cms.projects.factories import make_cast, stage_accept, stage_submit
from tests.factories import add_cabinet, make_site
from tests.publish.helpers import all_output_text, page_html, publish_full

pytestmark = pytest.mark.django_db


def _workspace_api_mounted() -> bool:
    try:
        reverse("api:projects")
        reverse("api:project-people")
    except NoReverseMatch:
        return False
    return True


def add_projects_page(cabinet, title: str = "Проекты") -> ProjectsPage:
    page = ProjectsPage(title=title, slug="projects")
    cabinet.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def site(site_dir):
    """Both homes with their cabinets and projects pages, and a few vocabulary terms."""
    homes = make_site()
    ru, en = add_cabinet(homes["ru"]), add_cabinet(homes["en"], "My cabinet")
    add_projects_page(ru)
    add_projects_page(en, "Projects")
    russian = Locale.objects.get(language_code="ru")
    Subject.objects.create(name="Биология", slug="biology", locale=russian, sort_order=2)
    Subject.objects.create(name="Физика", slug="physics", locale=russian, sort_order=1)
    Grade.objects.create(name="8 класс", slug="8", locale=russian)
    ProjectType.objects.create(name="Инженерный", slug="engineering", locale=russian)
    return homes


def mounts(url: str) -> dict[str, dict]:
    soup = BeautifulSoup(page_html(url), "html.parser")
    return {node["data-widget"]: node for node in soup.select("[data-widget]")}


def test_the_projects_page_mounts_the_list_and_the_project_widgets_with_language_and_fallback(
    site,
):
    publish_full(strict=True)

    found = mounts("/ru/cabinet/projects/")
    for kind in ("projects", "project"):
        node = found[kind]
        assert node.has_attr("data-endpoint"), kind
        assert node["data-lang"] == "ru"
        assert node["data-me"] == "/api/me"
        # Read aloud by screen readers when a widget reports what happened.
        assert node.select_one('[role="status"][aria-live="polite"]') is not None
        # What a reader sees before the widget starts (or without an API answering).
        assert node.get_text(strip=True)
    assert found["projects"].select_one("#projects-mine")["tabindex"] == "-1"
    assert found["project"].select_one("[data-heading]")["tabindex"] == "-1"
    assert mounts("/en/cabinet/projects/")["project"]["data-lang"] == "en"


def test_the_widgets_are_wired_to_the_workspace_api(site):
    if not _workspace_api_mounted():
        pytest.xfail("the Workspace API (api:projects) is not mounted in this branch yet")
    publish_full(strict=True)

    found = mounts("/ru/cabinet/projects/")
    assert found["projects"]["data-endpoint"] == reverse("api:projects")
    assert found["project"]["data-endpoint"] == reverse("api:projects")
    assert found["project"]["data-people"] == reverse("api:project-people")


def test_the_start_form_offers_the_solution_bank_choices_each_with_a_label(site):
    publish_full(strict=True)

    form = BeautifulSoup(page_html("/ru/cabinet/projects/"), "html.parser").select_one(
        "form[data-new-project]"
    )
    subjects = [
        box.find_next_sibling("label").get_text(strip=True)
        for box in form.select("input[name=subject_ids]")
    ]
    assert subjects == ["Физика", "Биология"]  # the vocabulary's own order
    grade = Grade.objects.get(slug="8")
    assert form.select_one(f'select[name=grade_id] option[value="{grade.pk}"]').text == "8 класс"
    assert "Инженерный" in form.select_one("select[name=project_type_id]").get_text()
    assert {box["value"] for box in form.select("input[name=kind]")} == {
        "individual",
        "collective",
    }
    for control in form.select("input:not([type=radio]):not([type=checkbox]), select, textarea"):
        assert form.select_one(f'label[for="{control["id"]}"]') is not None, control["name"]
    assert form.has_attr("hidden")  # shown by the widget to students only


def test_the_english_page_names_the_terms_in_english_and_sends_the_source_ids(site):
    biology = Subject.objects.get(slug="biology")
    english = biology.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Biology"
    english.save()

    publish_full(strict=True)

    form = BeautifulSoup(page_html("/en/cabinet/projects/"), "html.parser")
    box = form.select_one(f'input[name=subject_ids][value="{biology.pk}"]')
    assert box.find_next_sibling("label").get_text(strip=True) == "Biology"


def test_nothing_of_anyones_project_reaches_the_built_site(site):
    cast = make_cast()
    project = cast["project"]
    first = project.stages.first()
    stage_submit(first, author=cast["author"], text="Черновик плана с ошибками")
    stage_accept(first, tutor=cast["tutor"], accepted=False, feedback="Переделайте смету")
    Comment.objects.create(project=project, author=cast["parent"], body="Мама: молодцы!")
    # A signed-in request while building must not change what is published.
    Client().force_login(cast["author"])

    publish_full(strict=True)

    text = all_output_text()
    for private in (
        project.title,
        project.problem,
        "Черновик плана с ошибками",
        "Переделайте смету",
        "Мама: молодцы!",
        "Соколова",
        "anya@school.example",
        "tutor@school.example",
        "guest@partner.example",
        "Чужой проект",
    ):
        assert private not in text, private


def test_the_projects_page_is_not_a_search_result(site):
    from search.models import SearchDocument

    publish_full(strict=True)

    assert not SearchDocument.objects.filter(url__contains="/cabinet/projects/").exists()


def test_the_cabinet_links_to_its_projects_page(site):
    publish_full(strict=True)

    html = page_html("/ru/cabinet/")
    section = re.search(r'<section[^>]*aria-labelledby="cabinet-projects".*?</section>', html, re.S)
    assert section is not None
    assert 'href="/ru/cabinet/projects/"' in section.group(0)
    assert "Мои проекты" in section.group(0)
    assert 'href="/en/cabinet/projects/"' in page_html("/en/cabinet/")


def test_a_cabinet_without_a_projects_page_shows_no_link_to_one(site_dir):
    homes = make_site(english=False)
    add_cabinet(homes["ru"])

    publish_full(strict=True)

    assert 'aria-labelledby="cabinet-projects"' not in page_html("/ru/cabinet/")
