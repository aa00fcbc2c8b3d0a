"""Dissemination: materials for partner schools by kind and audience, with their downloads."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from site_content.dissemination.models import (
    DisseminationIndexPage,
    DisseminationMaterialPage,
    MaterialDownload,
)
from site_content.pages.models import HomePage, StandardPage
from tests.factories import make_document, make_site, sign_in_editor
from tests.publish.helpers import live, page_html, publish_full

ROADMAP = {
    "title": "Этапы внедрения",
    "entries": [
        {
            "start_date": "2024-09-01",
            "start_precision": "month",
            "end_date": "2025-08-31",
            "end_precision": "month",
            "date_note": "",
            "title": "Диссеминация опыта",
            "description": "<p>Семинары и конференции.</p>",
            "result": "Описание системы диссеминации",
        }
    ],
}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def material(index, title, slug, kind, date, *, documents=(), body=(), **audiences):
    return publish(
        index,
        DisseminationMaterialPage(
            title=title,
            slug=slug,
            material_type=kind,
            date=date,
            annotation=f"Аннотация: {title}.",
            body=list(body),
            downloads=[MaterialDownload(document=make_document(d)) for d in documents],
            **audiences,
        ),
    )


def dissemination_tree():
    home = make_site()["ru"]
    index = publish(
        home, DisseminationIndexPage(title="Школам-партнёрам", slug="dissemination", lead="Опыт")
    )
    material(
        index,
        "Дорожная карта внедрения",
        "roadmap",
        "roadmap",
        datetime.date(2024, 4, 1),
        body=[("timeline", ROADMAP)],
        for_leaders=True,
        for_methodologists=True,
    )
    material(
        index,
        "Семинар для учителей",
        "seminar",
        "seminar",
        datetime.date(2024, 11, 20),
        documents=["Презентация семинара"],
        for_teachers=True,
    )
    material(
        index,
        "Методические рекомендации",
        "guide",
        "guide",
        datetime.date(2025, 1, 15),
        documents=["Рекомендации для методистов"],
        for_methodologists=True,
        for_teachers=True,
    )
    return index


def add_form_status(client, model, parent) -> int:
    meta = model._meta
    url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
    return client.get(url).status_code


class DisseminationTreeRulesTest(WagtailPageTestCase):
    def test_materials_live_only_in_the_dissemination_section(self):
        self.assertCanCreateAt(DisseminationIndexPage, DisseminationMaterialPage)
        self.assertCanNotCreateAt(HomePage, DisseminationMaterialPage)
        self.assertCanNotCreateAt(StandardPage, DisseminationMaterialPage)
        self.assertCanNotCreateAt(DisseminationMaterialPage, DisseminationMaterialPage)

    def test_the_dissemination_section_goes_only_under_a_home_page(self):
        self.assertEqual(DisseminationIndexPage.parent_page_types, ["pages.HomePage"])
        self.assertCanNotCreateAt(StandardPage, DisseminationIndexPage)
        self.assertCanCreateAt(HomePage, DisseminationIndexPage)


@pytest.mark.django_db
def test_every_dissemination_page_renders_and_publishes_without_broken_links(site_dir, media_root):
    dissemination_tree()

    result = publish_full(strict=True)

    assert result.broken_links == []
    index = page_html("/ru/dissemination/")
    assert "Презентация семинара" in index and "Рекомендации для методистов" in index
    roadmap = page_html("/ru/dissemination/roadmap/")
    assert "Диссеминация опыта" in roadmap
    assert 'class="timeline"' in roadmap
    assert "Описание системы диссеминации" in roadmap
    assert "Презентация семинара" in page_html("/ru/dissemination/seminar/")


@pytest.mark.django_db
def test_the_index_groups_materials_by_kind_roadmap_first(site_dir, media_root):
    dissemination_tree()

    publish_full(strict=True)

    html = page_html("/ru/dissemination/")
    positions = [
        html.index(label)
        for label in (
            "Дорожная карта внедрения</h2>",
            "Методические рекомендации</h2>",
            "Материалы семинаров и конференций</h2>",
        )
    ]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_each_audience_has_its_own_listing_with_only_its_materials(site_dir, media_root):
    dissemination_tree()

    publish_full(strict=True)

    teachers = page_html("/ru/dissemination/audience/teachers/")
    assert "Семинар для учителей" in teachers
    assert "Методические рекомендации" in teachers
    assert "Дорожная карта внедрения" not in teachers
    leaders = page_html("/ru/dissemination/audience/leaders/")
    assert "Дорожная карта внедрения" in leaders
    assert "Семинар для учителей" not in leaders
    index = page_html("/ru/dissemination/")
    assert 'href="/ru/dissemination/audience/methodologists/"' in index


@pytest.mark.django_db
def test_downloads_are_copied_into_the_static_site(site_dir, media_root):
    dissemination_tree()

    publish_full(strict=True)

    files = [p.name for p in (live() / "files").rglob("*.pdf")]
    assert any(name.startswith("prezentatsi") for name in files)


# Wagtail reads the page type from the database when a page is made.
@pytest.mark.django_db
def test_a_material_must_name_at_least_one_audience():
    page = DisseminationMaterialPage(
        title="Статья", material_type="publication", date=datetime.date(2025, 1, 1)
    )

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert "for_leaders" in error.value.message_dict


@pytest.mark.django_db
def test_the_english_section_offers_the_russian_materials_until_it_has_its_own(
    site_dir, media_root
):
    index = dissemination_tree()
    english = index.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "For partner schools"
    english.save_revision().publish()

    publish_full(strict=True)

    html = page_html("/en/dissemination/audience/teachers/")
    assert 'href="/ru/dissemination/seminar/" hreflang="ru" lang="ru"' in html
    assert "Дорожная карта внедрения</a>" not in html
    assert 'href="/en/dissemination/audience/leaders/"' in html
    base = settings.PUBLIC_BASE_URL
    assert f'<link rel="canonical" href="{base}/en/dissemination/audience/teachers/">' in html
    assert (
        f'<link rel="alternate" hreflang="ru" href="{base}/ru/dissemination/audience/teachers/">'
        in html
    )


@pytest.mark.django_db
def test_editors_can_open_the_add_form_of_every_dissemination_page_type(client):
    index = dissemination_tree()
    sign_in_editor(client)

    assert add_form_status(client, DisseminationIndexPage, index.get_parent()) == 200
    assert add_form_status(client, DisseminationMaterialPage, index) == 200
