"""Nothing of a project's workspace reaches the static site or the search index, on either
search backend: not a comment, not a returned stage or the tutor's feedback on it, not the
draft solution page before an editor publishes it, not an expert's private note, not anyone's
email, not a name the consent withholds. The published solution shows the expert rating."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from cms.projects import solution_bank
from cms.projects.models import SolutionProposal
from cms.users.choices import RoleChoices
from search.models import SearchDocument
from site_content.solutions.models import SolutionPage
from site_content.taxonomy.models import Licence
from tests.cms.projects.factories import make_cast
from tests.cms.projects.factories_solutions import PRIVATE, evaluated_project, make_bank
from tests.cms.users.conftest import make_person
from tests.publish.helpers import all_output_text, page_html, publish_full

from .helpers import search, urls

pytestmark = pytest.mark.django_db

EMAILS = [
    "anya@school.example",
    "borya@school.example",
    "tutor@school.example",
    "mother@home.example",
    "father@home.example",
    "guest@partner.example",
]


@pytest.fixture
def proposed(backend, site_dir, media_root, settings, tmp_path):
    """A finished, evaluated project proposed by its tutor and consented by both parents:
    its draft solution page waits in moderation."""
    settings.PROJECT_FILES_ROOT = tmp_path / "private"
    make_bank()
    cast = make_cast()
    project = evaluated_project(cast)
    proposal = solution_bank.solution_propose(
        project=project, by=cast["tutor"], licence=Licence.CC_BY
    )
    for parent, child in (("parent", "author"), ("coparent", "coauthor")):
        solution_bank.consent_confirm(
            proposal=proposal,
            author_id=cast[child].pk,
            by=cast[parent],
            display="initials",
            licence=Licence.CC_BY,
        )
    proposal.refresh_from_db()
    assert proposal.page_id is not None
    return cast, project, proposal


def everything_indexed() -> str:
    return " ".join(
        " ".join([d.title, d.lead, d.body, " ".join(d.tags)]) for d in SearchDocument.objects.all()
    )


def publish_by_editor(proposal: SolutionProposal) -> SolutionPage:
    editor = make_person("editor", RoleChoices.STAFF)
    editor.groups.add(Group.objects.get(name="Moderators"))
    page = SolutionPage.objects.get(pk=proposal.page_id)
    page.current_workflow_state.current_task_state.approve(user=editor)
    page.refresh_from_db()
    assert page.live
    return page


def test_the_draft_solution_is_neither_built_nor_indexed_before_an_editor_publishes(proposed):
    _cast, project, _proposal = proposed

    publish_full()

    assert project.title not in all_output_text()
    assert project.title not in everything_indexed()
    assert search("теплица")["total"] == 0


@pytest.mark.parametrize(
    "private",
    [*PRIVATE.values(), *EMAILS, "Соколова", "Петров"],
    ids=[*PRIVATE.keys(), *EMAILS, "withheld-surname", "withheld-surname-2"],
)
def test_nothing_of_the_workspace_reaches_the_site_or_the_index(proposed, private):
    _cast, _project, proposal = proposed
    publish_by_editor(proposal)

    publish_full()

    assert private not in all_output_text()
    assert private not in everything_indexed()
    assert search(private)["total"] == 0


def test_the_published_solution_shows_the_rating_and_is_found(proposed):
    _cast, project, proposal = proposed
    page = publish_by_editor(proposal)

    publish_full()

    html = page_html(page.url)
    assert '<table class="expert-rating">' in html
    assert "по оценкам 2 экспертов" in html
    assert "А. С., 8 класс" in html or "А. С." in html
    assert "/cabinet/projects" not in html and "/api/projects" not in html
    assert page.url in urls(search("теплица"))
