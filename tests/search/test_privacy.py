"""Only what the public site shows can be found: drafts, restricted pages and fields a
template leaves out never enter the index."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search.models import SearchDocument
from site_content.governance.models import CouncilMember, CouncilPage, GovernanceIndexPage
from site_content.solutions.models import SolutionAuthor, SolutionIndexPage, SolutionPage
from tests.factories import add_page, make_site
from tests.publish.helpers import publish_full

from .helpers import body, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(backend, site_dir, morphology):
    return make_site(english=False)["ru"]


def everything_indexed() -> str:
    return " ".join(
        " ".join([d.title, d.lead, d.body, " ".join(d.tags)]) for d in SearchDocument.objects.all()
    )


def assert_nowhere(word):
    assert word not in everything_indexed()
    assert search(word)["total"] == 0


def test_a_page_never_published_is_not_indexed(home):
    add_page(home, "Черновик", slug="draft", live=False, body=body("Секретноеслово"))

    publish_full()

    assert_nowhere("Секретноеслово")


def test_unpublished_changes_of_a_live_page_are_not_indexed(home):
    page = add_page(home, "Конкурс", slug="contest", body=body("Условия конкурса"))
    page.body = body("Победитель Неопубликованныйфамилия")
    page.save_revision()

    publish_full()

    assert search("конкурс")["total"] == 1
    assert_nowhere("Неопубликованныйфамилия")


def test_a_restricted_page_and_its_children_are_not_indexed(home):
    section = add_page(home, "Кабинет", slug="office", body=body("Закрытоеслово"))
    add_page(section, "Контакты", slug="contacts", body=body("Телефонребёнка"))
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="секрет"
    )

    publish_full()

    assert_nowhere("Закрытоеслово")
    assert_nowhere("Телефонребёнка")


def test_an_expired_page_is_not_indexed_even_before_it_is_unpublished(home):
    add_page(
        home,
        "Набор",
        slug="enrolment",
        body=body("Истекшееслово"),
        expire_at=timezone.now() - timedelta(hours=1),
    )
    add_page(home, "Набор 2026", slug="enrolment-2026", body=body("Действующееслово"))

    publish_full()

    assert_nowhere("Истекшееслово")
    assert search("действующееслово")["total"] == 1


def test_an_author_is_indexed_only_as_far_as_their_consent_allows(home):
    bank = SolutionIndexPage(title="Банк решений", slug="solutions")
    home.add_child(instance=bank)
    bank.save_revision().publish()
    solution = SolutionPage(
        title="Датчик качества воздуха",
        slug="sensor",
        work_format="collective",
        year=2024,
        problem="Душно в классе.",
        goal="Измерять углекислый газ.",
        result="Датчик на перемене подаёт сигнал.",
    )
    solution.authors = [
        SolutionAuthor(
            full_name="Анна Сергеевна Полякова", school_class="10 «Б»", display="full_name"
        ),
        SolutionAuthor(
            full_name="Борис Игоревич Кузнецовский", school_class="9 «А»", display="initials"
        ),
        SolutionAuthor(
            full_name="Вера Олеговна Смирновская", school_class="8 «В»", display="class_only"
        ),
    ]
    bank.add_child(instance=solution)
    solution.save_revision().publish()

    publish_full()

    assert search("полякова")["total"] == 1
    for word in ("Кузнецовский", "Игоревич", "Смирновская", "Вера Олеговна"):
        assert_nowhere(word)


def test_a_student_council_member_contact_and_full_name_are_not_indexed(home):
    index = GovernanceIndexPage(title="Управление", slug="governance")
    home.add_child(instance=index)
    index.save_revision().publish()
    # Saved without the form's validation, as an import might: the page still must not leak it.
    council = CouncilPage(
        title="Совет обучающихся",
        slug="students-council",
        purpose="Представляет интересы учеников.",
        members=[
            CouncilMember(
                name="Петрова Анна Сергеевна",
                role="куратор",
                group="teacher",
                email="petrova@example.org",
            ),
            CouncilMember(
                name="Ученицына Варвара Олеговна",
                role="председатель",
                group="student",
                school_class="10А",
                email="varvara.uchenitsyna@example.org",
            ),
        ],
    )
    index.add_child(instance=council)
    council.save_revision().publish()

    publish_full()

    assert search("петрова")["total"] == 1
    assert_nowhere("Ученицына")
    assert_nowhere("uchenitsyna")


def test_pages_under_an_unpublished_section_are_not_indexed(home):
    section = add_page(home, "Раздел", slug="section")
    add_page(section, "Вложенная", slug="inner", body=body("Вложенноеслово"))
    section.unpublish()

    publish_full()

    assert_nowhere("Вложенноеслово")


def test_a_field_the_template_does_not_show_is_not_indexed(home):
    add_page(
        home,
        "Выставка",
        slug="exhibition",
        search_description="Скрытоеполе",
        seo_title="Скрытыйзаголовок",
        body=body("Работы учеников"),
    )

    publish_full()

    assert search("выставка")["total"] == 1
    assert_nowhere("Скрытоеполе")
    assert_nowhere("Скрытыйзаголовок")


def test_navigation_and_listings_of_other_pages_are_not_part_of_a_page_text(home):
    section = add_page(home, "Проекты", slug="projects", body=body("Раздел проектов"))
    add_page(section, "Метеостанция", slug="weather", body=body("Датчики и измерения"))

    publish_full()

    document = SearchDocument.objects.get(page_id=section.pk)
    assert "Метеостанция" not in document.body
    assert search("метеостанция")["total"] == 1
