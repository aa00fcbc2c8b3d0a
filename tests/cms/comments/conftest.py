"""A discussion with a document of three passages, its comment section (pupils, parents and
teachers of the school may comment), and the people who ask about it."""

import datetime

import pytest
from django.contrib.auth.models import Group

from cms.comments.models import CommentSection
from site_content.governance.models import DiscussionPage, GovernanceIndexPage
from tests.cms.users.conftest import make_person
from tests.factories import make_site

DOCUMENT = (
    "<h2>Цели программы</h2>"
    "<p>Лицей открывает коворкинг для проектов учеников.</p>"
    "<ul><li>Проектные недели</li><li>Наставники</li></ul>"
)


def make_discussion(*, document: str = DOCUMENT, slug: str = "programme") -> DiscussionPage:
    home = make_site(english=False)["ru"]
    index = GovernanceIndexPage(title="Управление", slug="governance")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = DiscussionPage(
        title="Программа развития",
        slug=slug,
        opens_on=datetime.date(2025, 3, 1),
        closes_on=datetime.date(2025, 3, 31),
        document=document,
        participation=[
            (
                "widget",
                {
                    "kind": "comments",
                    "title": "Комментарии",
                    "reference": "programme",
                    "fallback": "<p>Комментарии доступны после входа.</p>",
                },
            )
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_section(page=None, *, code="programme", roles=("student", "parent", "teacher"), **kw):
    return CommentSection.objects.create(
        code=code, title="Обсуждение программы", page=page, audience_roles=list(roles), **kw
    )


@pytest.fixture
def discussion(db):
    return make_discussion()


@pytest.fixture
def section(discussion):
    return make_section(discussion)


@pytest.fixture
def people(db):
    """A pupil (Иванов, with consent), their parent, a teacher, an outside partner (not in
    the audience), a moderator (the "Модераторы" group, a tutor) and staff."""
    pupil = make_person(
        "pupil", "student", school_class="9А", last_name="Иванов", first_name="Пётр",
        parental_consent=True,
    )  # fmt: skip
    parent = make_person("parent", "parent", last_name="Иванова", first_name="Анна")
    from cms.users.models import Guardianship

    Guardianship.objects.create(parent=parent, child=pupil)
    moderator = make_person("moderator", "tutor", last_name="Модераторова", first_name="Ольга")
    moderator.groups.add(Group.objects.get(name="Модераторы"))
    return {
        "pupil": pupil,
        "parent": parent,
        "teacher": make_person("teacher", "teacher", last_name="Учителева", first_name="Вера"),
        "partner": make_person("partner", "partner", last_name="Fischer", first_name="Max"),
        "moderator": moderator,
        "staff": make_person("staff", "staff", last_name="Сотрудникова", first_name="Ирина"),
    }
