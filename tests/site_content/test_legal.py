"""«Сведения об образовательной организации»: every subsection, always, at the legal addresses."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from site_content.legal.models import (
    EducationProgramme,
    Founder,
    LegalDocument,
    LegalSectionPage,
    SchoolDetails,
    StaffMember,
    Vacancy,
)
from site_content.legal.selectors import LEGAL_KEY
from site_content.legal.subsections import SUBSECTIONS
from site_content.pages.models import HomePage, StandardPage
from tests.factories import make_document, make_site, sign_in_editor
from tests.publish.helpers import live, page_html, publish_changes, publish_full

LAW_ADDRESSES = [
    "common",
    "struct",
    "document",
    "education",
    "managers",
    "employees",
    "objects",
    "paid_edu",
    "budget",
    "vacant",
    "grants",
    "inter",
    "catering",
    "eduStandarts",
]


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def legal_section():
    home = make_site()["ru"]
    return publish(
        home, LegalSectionPage(title="Сведения об образовательной организации", slug="sveden")
    )


def fill_in_school_data():
    """Sample data of a school: generic names, no real person."""
    site = Site.objects.get(is_default_site=True)
    school = SchoolDetails.objects.create(
        site=site,
        full_name="Государственное бюджетное общеобразовательное учреждение лицей № 1",
        short_name="ГБОУ лицей № 1",
        founded_on=datetime.date(1990, 9, 1),
        address="190000, Санкт-Петербург, ул. Примерная, д. 1",
        phones="+7 (812) 000-00-00",
        emails="info@example.org",
    )
    Founder.objects.create(school=school, name="Комитет по образованию", email="ko@example.org")
    StaffMember.objects.create(
        slug="director",
        full_name="Иванова Ирина Ивановна",
        position="директор",
        category="head",
        phone="+7 (812) 000-00-01",
        email="director@example.org",
    )
    StaffMember.objects.create(
        slug="teacher",
        full_name="Петров Пётр Петрович",
        position="учитель информатики",
        category="teacher",
        subjects="информатика",
        total_experience=12,
        teaching_experience=10,
    )
    LegalDocument.objects.create(
        slug="charter",
        kind="charter",
        title="Устав лицея",
        document=make_document("Устав"),
    )
    LegalDocument.objects.create(
        slug="fgos-ooo",
        kind="fed_standard",
        title="ФГОС основного общего образования",
        url="http://publication.pravo.gov.ru/Document/View/0001202107050027",
    )
    basic = EducationProgramme.objects.create(
        slug="basic",
        name="Основная образовательная программа ООО",
        level="basic",
        term="5 лет",
        number_regional=540,
        curriculum=make_document("Учебный план"),
    )
    Vacancy.objects.create(slug="basic-5", programme=basic, grade="5", regional=3)


def add_form_status(client, model, parent) -> int:
    meta = model._meta
    url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
    return client.get(url).status_code


class LegalTreeRulesTest(WagtailPageTestCase):
    def test_the_section_goes_only_under_a_home_page_and_has_no_child_pages(self):
        self.assertEqual(LegalSectionPage.parent_page_types, ["pages.HomePage"])
        self.assertEqual(LegalSectionPage.subpage_types, [])
        self.assertEqual(LegalSectionPage.max_count_per_parent, 1)
        self.assertCanNotCreateAt(StandardPage, LegalSectionPage)
        self.assertCanCreateAt(HomePage, LegalSectionPage)


def test_the_subsections_are_those_of_the_law_in_its_order():
    assert [s.slug for s in SUBSECTIONS] == LAW_ADDRESSES


pytestmark = pytest.mark.django_db


def test_with_no_data_every_subsection_exists_with_its_microdata_and_says_so(site_dir, media_root):
    legal_section()

    result = publish_full(strict=True)

    assert result.broken_links == []
    base = settings.PUBLIC_BASE_URL
    for subsection in SUBSECTIONS:
        html = page_html(f"/ru/sveden/{subsection.slug}/")
        assert f"<h1>{subsection.title}</h1>" in html
        missing = [p for p in subsection.itemprops if f'itemprop="{p}"' not in html]
        assert missing == [], f"{subsection.slug} lacks {missing}"
        assert "Сведения будут опубликованы" in html, subsection.slug
        assert f'<link rel="canonical" href="{base}/ru/sveden/{subsection.slug}/">' in html


def test_the_section_page_links_to_every_subsection(site_dir, media_root):
    legal_section()

    publish_full(strict=True)

    html = page_html("/ru/sveden/")
    for slug in LAW_ADDRESSES:
        assert f'href="/ru/sveden/{slug}/"' in html


def test_the_school_data_appear_in_their_subsections_with_microdata(site_dir, media_root):
    legal_section()
    fill_in_school_data()

    publish_full(strict=True)

    common = page_html("/ru/sveden/common/")
    assert re.search(r'itemprop="fullName">Государственное бюджетное [^<]*лицей № 1<', common)
    assert '<time datetime="1990-09-01">01.09.1990</time>' in common
    assert 'href="tel:+78120000000"' in common
    assert '<td itemprop="nameUchred">Комитет по образованию</td>' in common
    managers = page_html("/ru/sveden/managers/")
    assert '<td itemprop="fio">Иванова Ирина Ивановна</td>' in managers
    assert "director@example.org" in managers
    employees = page_html("/ru/sveden/employees/")
    assert '<h2 itemprop="fio">Петров Пётр Петрович</h2>' in employees
    assert '<dd itemprop="specExperience">10</dd>' in employees
    document = page_html("/ru/sveden/document/")
    link = re.search(r'<a itemprop="ustavDocLink" href="([^"]+)"', document)
    assert link and (live() / link.group(1).lstrip("/")).is_file()
    standards = page_html("/ru/sveden/eduStandarts/")
    assert 'itemprop="eduFedDoc" href="http://publication.pravo.gov.ru/' in standards
    education = page_html("/ru/sveden/education/")
    assert '<td itemprop="numberBR">540</td>' in education
    assert 'itemprop="educationPlan"' in education
    vacant = page_html("/ru/sveden/vacant/")
    assert '<td itemprop="eduCourse">5</td>' in vacant


def test_teachers_contacts_are_not_published_only_the_managements(site_dir, media_root):
    legal_section()
    fill_in_school_data()
    StaffMember.objects.filter(slug="teacher").update(
        phone="+7 999 000-00-00", email="teacher@example.org"
    )

    publish_full(strict=True)

    employees = page_html("/ru/sveden/employees/")
    assert "teacher@example.org" not in employees
    assert "999" not in employees


def test_publishing_the_section_points_the_short_sveden_addresses_at_it(site_dir, media_root):
    legal_section()

    publish_full(strict=True)

    assert Redirect.objects.get(old_path="/sveden").redirect_page.specific_class is LegalSectionPage
    common = Redirect.objects.get(old_path="/sveden/common")
    assert common.redirect_link == "/ru/sveden/common/"
    assert "/ru/sveden/common/" in (live() / "sveden/common/index.html").read_text()
    assert "/ru/sveden/" in (live() / "sveden/index.html").read_text()


def test_republishing_the_section_does_not_duplicate_its_redirects(site_dir, media_root):
    section = legal_section()
    section.save_revision().publish()

    assert Redirect.objects.filter(old_path__startswith="/sveden").count() == len(SUBSECTIONS) + 1


def test_a_publish_naming_the_legal_key_shows_changed_school_data(site_dir, media_root):
    legal_section()
    publish_full(strict=True)

    fill_in_school_data()
    publish_changes(extra_keys={LEGAL_KEY})

    assert "ГБОУ лицей № 1" in page_html("/ru/sveden/common/")


def test_editors_can_open_the_school_data_forms_but_not_add_a_second_section(client):
    section = legal_section()
    sign_in_editor(client)
    site = Site.objects.get(is_default_site=True)

    settings_form = reverse("wagtailsettings:edit", args=["legal", "schooldetails", site.pk])
    assert client.get(settings_form).status_code == 200
    # One section per language: the admin sends the editor back instead of a second form.
    assert add_form_status(client, LegalSectionPage, section.get_parent()) == 302
    for name in (
        "staffmember",
        "governingbody",
        "legaldocument",
        "educationprogramme",
        "vacancy",
        "facility",
        "internationalagreement",
        "financialyear",
    ):
        assert client.get(reverse(f"wagtailsnippets_legal_{name}:add")).status_code == 200
        assert client.get(reverse(f"wagtailsnippets_legal_{name}:list")).status_code == 200
