"""Governance: councils with members and decisions, public discussions with their survey."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from site_content.governance.models import (
    CouncilDecision,
    CouncilMember,
    CouncilPage,
    DiscussionPage,
    GovernanceIndexPage,
)
from site_content.pages.models import HomePage, StandardPage
from tests.factories import make_document, make_site, sign_in_editor
from tests.publish.helpers import all_output_text, page_html, publish_changes, publish_full

SURVEY = {
    "kind": "survey",
    "title": "Анкета",
    "reference": "dev-programme-2026",
    "fallback": "<p>Ответы принимаются по адресу sovet@example.org.</p>",
}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def governance_tree(*, discussion_status="open"):
    """A governance section with one council (adults and a student) and one discussion."""
    home = make_site()["ru"]
    index = publish(
        home, GovernanceIndexPage(title="Управление", slug="governance", lead="Кто решает")
    )
    council = publish(
        index,
        CouncilPage(
            title="Совет обучающихся",
            slug="students-council",
            purpose="Представляет интересы учеников.",
            contact_email="sovet@example.org",
            members=[
                CouncilMember(
                    name="Петрова Анна Сергеевна",
                    role="куратор",
                    group="teacher",
                    organisation="учитель истории",
                    email="petrova@example.org",
                ),
                CouncilMember(
                    name="Смирнова Варвара Олеговна",
                    role="председатель",
                    group="student",
                    school_class="10А",
                ),
            ],
            decisions=[
                CouncilDecision(
                    date=datetime.date(2025, 2, 10),
                    title="План весенних событий",
                    text="Провести неделю проектов в марте.",
                    document=make_document("Протокол № 3"),
                )
            ],
        ),
    )
    discussion = publish(
        index,
        DiscussionPage(
            title="Программа развития лицея",
            slug="development-programme",
            lead="Обсуждаем проект программы",
            status=discussion_status,
            initiator=council,
            opens_on=datetime.date(2025, 3, 1),
            closes_on=datetime.date(2025, 3, 31),
            results_on=datetime.date(2025, 4, 15),
            materials=[("document", {"document": make_document("Проект программы"), "title": ""})],
            participation=[("widget", SURVEY)],
            results=[("rich_text", "<p>Ответили 212 участников.</p>")]
            if discussion_status == "closed"
            else [],
        ),
    )
    return {"home": home, "index": index, "council": council, "discussion": discussion}


def add_form_status(client, model, parent) -> int:
    meta = model._meta
    url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
    return client.get(url).status_code


class GovernanceTreeRulesTest(WagtailPageTestCase):
    def test_councils_and_discussions_live_only_in_the_governance_section(self):
        for model in (CouncilPage, DiscussionPage):
            self.assertCanCreateAt(GovernanceIndexPage, model)
            self.assertCanNotCreateAt(HomePage, model)
            self.assertCanNotCreateAt(StandardPage, model)
            self.assertCanNotCreateAt(model, CouncilPage)

    def test_the_governance_section_goes_only_under_a_home_page(self):
        self.assertEqual(GovernanceIndexPage.parent_page_types, ["pages.HomePage"])
        self.assertCanNotCreateAt(StandardPage, GovernanceIndexPage)
        self.assertCanNotCreateAt(GovernanceIndexPage, GovernanceIndexPage)
        self.assertCanCreateAt(HomePage, GovernanceIndexPage)


@pytest.mark.django_db
def test_every_governance_page_renders_and_publishes_without_broken_links(site_dir, media_root):
    governance_tree()

    result = publish_full(strict=True)

    assert result.broken_links == []
    index = page_html("/ru/governance/")
    assert "Совет обучающихся" in index and "Программа развития лицея" in index
    council = page_html("/ru/governance/students-council/")
    assert "План весенних событий" in council
    assert "Протокол № 3" in council and "/files/" in council
    discussion = page_html("/ru/governance/development-programme/")
    assert "Проект программы" in discussion
    assert 'href="/ru/governance/students-council/"' in discussion


@pytest.mark.django_db
def test_a_student_member_appears_only_as_initials_and_class(site_dir, media_root):
    governance_tree()

    publish_full(strict=True)

    council = page_html("/ru/governance/students-council/")
    assert "С. В. О., 10А" in council
    assert "Петрова Анна Сергеевна" in council
    assert "petrova@example.org" in council
    everything = all_output_text()
    for private in ("Смирнова", "Варвара", "Олеговна"):
        assert private not in everything


def test_a_student_member_cannot_be_given_contacts():
    member = CouncilMember(
        name="Иванов Пётр",
        role="член совета",
        group="student",
        school_class="9Б",
        email="child@example.org",
    )

    with pytest.raises(ValidationError) as error:
        member.clean()

    assert "email" in error.value.message_dict


def test_a_student_member_needs_a_class():
    with pytest.raises(ValidationError) as error:
        CouncilMember(name="Иванов Пётр", role="член совета", group="student").clean()

    assert "school_class" in error.value.message_dict


@pytest.mark.django_db
def test_an_open_discussion_shows_its_survey_with_a_no_javascript_fallback(site_dir, media_root):
    governance_tree(discussion_status="open")

    publish_full(strict=True)

    html = page_html("/ru/governance/development-programme/")
    assert 'data-widget="survey"' in html
    assert 'data-ref="dev-programme-2026"' in html
    assert "sovet@example.org" in html
    assert "Итоги обсуждения" not in html
    assert "Идут общественные обсуждения" in page_html("/ru/governance/")


@pytest.mark.django_db
def test_a_closed_discussion_shows_results_instead_of_the_survey(site_dir, media_root):
    governance_tree(discussion_status="closed")

    publish_full(strict=True)

    html = page_html("/ru/governance/development-programme/")
    assert 'data-widget="survey"' not in html
    assert "Ответили 212 участников." in html
    assert "Завершённые обсуждения" in page_html("/ru/governance/")


@pytest.mark.django_db
def test_closing_a_discussion_updates_the_section_page_on_the_next_publish(site_dir, media_root):
    tree = governance_tree(discussion_status="open")
    publish_full(strict=True)

    discussion = DiscussionPage.objects.get(pk=tree["discussion"].pk)
    discussion.status = "closed"
    discussion.save_revision().publish()
    publish_changes()

    index = page_html("/ru/governance/")
    assert "Идут общественные обсуждения" not in index
    assert "Завершённые обсуждения" in index
    assert 'data-widget="survey"' not in page_html("/ru/governance/development-programme/")


# Wagtail reads the page type from the database when a page is made.
@pytest.mark.django_db
def test_a_discussion_cannot_close_before_it_opens():
    discussion = DiscussionPage(
        title="Обсуждение",
        status="closed",
        opens_on=datetime.date(2025, 3, 10),
        closes_on=datetime.date(2025, 3, 1),
    )

    with pytest.raises(ValidationError) as error:
        discussion.clean()

    assert "closes_on" in error.value.message_dict


# Wagtail reads the page type from the database when a page is made.
@pytest.mark.django_db
def test_an_open_discussion_needs_a_survey_or_a_vote():
    discussion = DiscussionPage(
        title="Обсуждение",
        slug="obsuzhdenie",
        status="open",
        opens_on=datetime.date(2025, 3, 1),
        closes_on=datetime.date(2025, 3, 10),
    )

    with pytest.raises(ValidationError) as error:
        discussion.clean()

    assert "participation" in error.value.message_dict


@pytest.mark.django_db
def test_the_english_section_lists_the_russian_councils_marked_as_russian(site_dir, media_root):
    tree = governance_tree()
    english = tree["index"].copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Governance"
    english.save_revision().publish()

    publish_full(strict=True)

    html = page_html("/en/governance/")
    assert (
        '<a href="/ru/governance/students-council/" hreflang="ru" lang="ru">Совет обучающихся</a>'
        in html
    )
    assert 'href="/ru/governance/development-programme/" hreflang="ru"' in html


@pytest.mark.django_db
def test_editors_can_open_the_add_form_of_every_governance_page_type(client):
    tree = governance_tree()
    sign_in_editor(client)

    assert add_form_status(client, GovernanceIndexPage, tree["home"]) == 200
    assert add_form_status(client, CouncilPage, tree["index"]) == 200
    assert add_form_status(client, DiscussionPage, tree["index"]) == 200


@pytest.mark.django_db
def test_a_discussion_takes_comments_beside_its_survey_but_each_widget_only_once():
    comments = {**SURVEY, "kind": "comments", "reference": "programme-comments"}
    discussion = DiscussionPage(
        title="Обсуждение",
        slug="obsuzhdenie",
        status="open",
        opens_on=datetime.date(2025, 3, 1),
        closes_on=datetime.date(2025, 3, 10),
        participation=[("widget", SURVEY), ("widget", comments)],
    )
    discussion.clean()

    discussion.participation = [("widget", SURVEY), ("widget", SURVEY)]
    with pytest.raises(ValidationError) as error:
        discussion.clean()

    assert "один раз" in " ".join(error.value.message_dict["participation"])
