"""Partners: organisations kept as snippets, listed with logos and links on one page."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from site_content.pages.models import HomePage, StandardPage
from site_content.partners.models import Partner, PartnersPage
from site_content.partners.selectors import PARTNERS_KEY
from tests.factories import make_image, make_site, sign_in_editor
from tests.publish.helpers import live, page_html, publish_changes, publish_full


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def partner(name, slug, kind, **fields):
    return Partner.objects.create(
        name=name, slug=slug, kind=kind, locale=Locale.get_default(), **fields
    )


def partners_site():
    homes = make_site()
    page = publish(homes["ru"], PartnersPage(title="Партнёры", slug="partners"))
    university = partner(
        "Педагогический университет",
        "university",
        "university",
        website="https://example.edu",
        description="Экспертиза проектов.",
        logo=make_image("Логотип университета", size=(400, 200)),
    )
    partner("ИМЦ района", "imc", "methodology", description="Программа повышения квалификации.")
    return {"homes": homes, "page": page, "university": university}


def add_form_status(client, model, parent) -> int:
    meta = model._meta
    url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
    return client.get(url).status_code


class PartnersTreeRulesTest(WagtailPageTestCase):
    def test_the_partners_page_goes_only_under_a_home_page_and_has_no_children(self):
        self.assertEqual(PartnersPage.parent_page_types, ["pages.HomePage"])
        self.assertCanNotCreateAt(StandardPage, PartnersPage)
        self.assertCanNotCreateAt(PartnersPage, StandardPage)
        self.assertCanCreateAt(HomePage, PartnersPage)


pytestmark = pytest.mark.django_db


def test_the_partners_page_shows_each_partner_with_logo_and_link(site_dir, media_root):
    partners_site()

    result = publish_full(strict=True)

    assert result.broken_links == []
    html = page_html("/ru/partners/")
    assert (
        '<a href="https://example.edu" rel="external noopener">Педагогический университет</a>'
        in (html)
    )
    assert 'alt="Логотип: Педагогический университет"' in html
    assert "<picture>" in html
    assert "ИМЦ района" in html
    assert html.index("Вузы и научные организации") < html.index("Методические центры")
    assert list((live() / "images").iterdir())


def test_the_english_page_shows_translated_partners_and_falls_back_to_russian(site_dir, media_root):
    site = partners_site()
    english_page = site["page"].copy_for_translation(Locale.objects.get(language_code="en"))
    english_page.title = "Partners"
    english_page.save_revision().publish()
    translated = site["university"].copy_for_translation(Locale.objects.get(language_code="en"))
    translated.name = "Pedagogical University"
    translated.save()

    publish_full(strict=True)

    html = page_html("/en/partners/")
    assert "Pedagogical University" in html
    assert "Педагогический университет" not in html
    assert "ИМЦ района" in html
    assert "Universities and research institutions</h2>" in html
    assert 'alt="Logo: Pedagogical University"' in html


def test_a_publish_naming_the_partners_key_shows_an_edited_partner(site_dir, media_root):
    site = partners_site()
    publish_full(strict=True)

    site["university"].name = "Университет имени Герцена"
    site["university"].save()
    publish_changes(extra_keys={PARTNERS_KEY})

    assert "Университет имени Герцена" in page_html("/ru/partners/")


def test_editors_can_add_and_list_partners_in_the_admin(client):
    site = partners_site()
    sign_in_editor(client)

    assert add_form_status(client, PartnersPage, site["homes"]["ru"]) == 200
    assert client.get(reverse("wagtailsnippets_partners_partner:add")).status_code == 200
    listing = client.get(reverse("wagtailsnippets_partners_partner:list"))
    assert "Педагогический университет" in listing.content.decode()
