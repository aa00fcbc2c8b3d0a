"""Support: the relaxation room, courses of modules for teachers, guides and FAQ for parents."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from site_content.pages.models import HomePage, StandardPage
from site_content.support.models import (
    CourseModulePage,
    CoursePage,
    FAQPage,
    ParentGuidePage,
    RelaxationRoomPage,
    SupportIndexPage,
    SupportSectionPage,
)
from tests.factories import make_site, sign_in_editor
from tests.publish.helpers import page_html, publish_changes, publish_full

HOTLINE = {
    "category": "psychology",
    "title": "Детский телефон доверия",
    "description": "Бесплатно и анонимно.",
    "who": "",
    "phone": "8-800-2000-122",
    "url": "",
    "hours": "круглосуточно",
    "urgent": True,
}
CLUB = {
    "category": "leisure",
    "title": "Шахматный клуб",
    "description": "Партии по переписке.",
    "who": "",
    "phone": "",
    "url": "https://example.org/chess",
    "hours": "",
    "urgent": False,
}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def support_tree():
    home = make_site()["ru"]
    index = publish(home, SupportIndexPage(title="Сопровождение", slug="support"))
    room = publish(
        index,
        RelaxationRoomPage(
            title="Комната отдыха",
            slug="relaxation-room",
            urgent_help="Если угрожает опасность, звоните 112.",
            resources=[("resource", CLUB), ("resource", HOTLINE)],
        ),
    )
    teachers = publish(index, SupportSectionPage(title="Педагогам", slug="teachers"))
    course = publish(
        teachers,
        CoursePage(
            title="Сопровождение проектов",
            slug="course",
            audience="учителя и тьюторы",
            duration_hours=36,
            outcomes="Планировать проект\nОценивать продукт",
        ),
    )
    modules = [
        publish(
            course,
            CourseModulePage(
                title=title, slug=slug, goals="Цель первая\nЦель вторая", duration_hours=hours
            ),
        )
        for title, slug, hours in [
            ("Проект как способ учиться", "module-1", 8),
            ("Роль тьютора", "module-2", 12),
            ("Оценка результатов", "module-3", 16),
        ]
    ]
    parents = publish(index, SupportSectionPage(title="Родителям", slug="parents"))
    guide = publish(
        parents,
        ParentGuidePage(
            title="Как поддержать проект ребёнка",
            slug="project-guide",
            grades="5–9 классов",
            reading_minutes=5,
            body=[("rich_text", "<p>Спрашивайте о цели, а не об оценке.</p>")],
        ),
    )
    faq = publish(
        parents,
        FAQPage(
            title="Вопросы и ответы",
            slug="faq",
            questions=[
                (
                    "question",
                    {
                        "question": "Как войти в личный кабинет?",
                        "answer": "<p>Через «Госуслуги».</p>",
                    },
                ),
                (
                    "question",
                    {"question": "Кто видит проект?", "answer": "<p>Только участники.</p>"},
                ),
            ],
            contact="parents@example.org",
        ),
    )
    return {
        "index": index,
        "room": room,
        "course": course,
        "modules": modules,
        "guide": guide,
        "faq": faq,
    }


def add_form_status(client, model, parent) -> int:
    meta = model._meta
    url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
    return client.get(url).status_code


class SupportTreeRulesTest(WagtailPageTestCase):
    def test_the_relaxation_room_and_sections_go_under_the_support_index(self):
        self.assertCanCreateAt(SupportIndexPage, RelaxationRoomPage)
        self.assertCanCreateAt(SupportIndexPage, SupportSectionPage)
        self.assertCanNotCreateAt(SupportSectionPage, RelaxationRoomPage)
        self.assertCanNotCreateAt(HomePage, RelaxationRoomPage)

    def test_courses_guides_and_faq_go_under_support_pages_only(self):
        for model in (CoursePage, ParentGuidePage, FAQPage):
            self.assertCanCreateAt(SupportSectionPage, model)
            self.assertCanCreateAt(SupportIndexPage, model)
            self.assertCanNotCreateAt(StandardPage, model)
            self.assertCanNotCreateAt(HomePage, model)

    def test_modules_live_only_inside_a_course(self):
        self.assertCanCreateAt(CoursePage, CourseModulePage)
        self.assertCanNotCreateAt(SupportSectionPage, CourseModulePage)
        self.assertCanNotCreateAt(CourseModulePage, CourseModulePage)
        self.assertCanNotCreateAt(CoursePage, ParentGuidePage)

    def test_the_support_index_goes_only_under_a_home_page(self):
        self.assertEqual(SupportIndexPage.parent_page_types, ["pages.HomePage"])
        self.assertCanNotCreateAt(StandardPage, SupportIndexPage)
        self.assertCanCreateAt(HomePage, SupportIndexPage)


pytestmark = pytest.mark.django_db


def test_every_support_page_renders_and_publishes_without_broken_links(site_dir, media_root):
    support_tree()

    result = publish_full(strict=True)

    assert result.broken_links == []
    assert "Комната отдыха" in page_html("/ru/support/")
    assert "Сопровождение проектов" in page_html("/ru/support/teachers/")
    assert "Как поддержать проект ребёнка" in page_html("/ru/support/parents/")
    guide = page_html("/ru/support/parents/project-guide/")
    assert "Спрашивайте о цели, а не об оценке." in guide
    assert "5–9 классов" in guide


def test_the_relaxation_room_puts_urgent_help_first_and_makes_hotlines_dialable(
    site_dir, media_root
):
    support_tree()

    publish_full(strict=True)

    html = page_html("/ru/support/relaxation-room/")
    assert html.index("звоните 112") < html.index("Детский телефон доверия")
    assert 'href="tel:88002000122"' in html
    assert html.index("Психологическая поддержка") < html.index("Досуг")
    assert 'href="https://example.org/chess"' in html


def test_a_course_lists_its_modules_in_order_with_their_hours(site_dir, media_root):
    support_tree()

    publish_full(strict=True)

    html = page_html("/ru/support/teachers/course/")
    first, second, third = (
        html.index(t) for t in ("Проект как способ учиться", "Роль тьютора", "Оценка результатов")
    )
    assert first < second < third
    assert "<dd>36 ч</dd>" in html and '<p class="meta">12 ч</p>' in html
    assert 'href="/ru/support/teachers/course/module-1/"' in html
    assert "Оценивать продукт" in html


def test_course_modules_link_to_their_previous_and_next_module(site_dir, media_root):
    support_tree()

    publish_full(strict=True)

    first = page_html("/ru/support/teachers/course/module-1/")
    middle = page_html("/ru/support/teachers/course/module-2/")
    last = page_html("/ru/support/teachers/course/module-3/")
    assert 'rel="prev"' not in first
    assert '<a rel="next" href="/ru/support/teachers/course/module-2/">' in first
    assert "Модуль 2 из 3" in middle
    assert '<a rel="prev" href="/ru/support/teachers/course/module-1/">' in middle
    assert '<a rel="next" href="/ru/support/teachers/course/module-3/">' in middle
    assert 'rel="next"' not in last
    assert "Вернуться к программе курса" in last


def test_adding_a_module_updates_the_navigation_of_the_former_last_module(site_dir, media_root):
    tree = support_tree()
    publish_full(strict=True)

    publish(
        tree["course"],
        CourseModulePage(title="Защита проекта", slug="module-4", goals="Подготовить защиту"),
    )
    publish_changes()

    assert '<a rel="next" href="/ru/support/teachers/course/module-4/">' in page_html(
        "/ru/support/teachers/course/module-3/"
    )
    assert "Модуль 1 из 4" in page_html("/ru/support/teachers/course/module-1/")


def test_faq_answers_unfold_without_javascript(site_dir, media_root):
    support_tree()

    publish_full(strict=True)

    html = page_html("/ru/support/parents/faq/")
    assert html.count("<details") == 2
    assert "<summary>Как войти в личный кабинет?</summary>" in html
    assert "parents@example.org" in html


def test_editors_can_open_the_add_form_of_every_support_page_type(client):
    tree = support_tree()
    sign_in_editor(client)

    assert add_form_status(client, SupportIndexPage, tree["index"].get_parent()) == 200
    for model in (RelaxationRoomPage, SupportSectionPage, CoursePage, ParentGuidePage, FAQPage):
        assert add_form_status(client, model, tree["index"]) == 200, model
    assert add_form_status(client, CourseModulePage, tree["course"]) == 200
