"""Publishing, unpublishing, moving or deleting a page updates exactly what shows it."""

import pytest
from wagtail.models import PageViewRestriction

from site_content.pages.models import StandardPage
from tests.factories import add_page, make_site, translate

from .helpers import live, page_html, publish_changes, publish_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site_dir):
    homes = make_site()
    about = add_page(homes["ru"], "О модели", slug="about", show_in_menus=True)
    zones = add_page(about, "Зоны", slug="zones")
    add_page(homes["ru"], "События", slug="events", show_in_menus=True)
    publish_full()
    return {"home": homes["ru"], "home_en": homes["en"], "about": about, "zones": zones}


def test_a_newly_published_page_appears_in_its_parent_listing_the_home_page_and_the_sitemap(site):
    add_page(site["about"], "Банк решений", slug="solutions", lead="Открытые проекты")

    result = publish_changes()

    assert "Банк решений" in page_html("/ru/about/solutions/")
    assert "/ru/about/solutions/" in page_html("/ru/about/")
    assert "/ru/about/solutions/" in page_html("/ru/")
    assert "/ru/about/solutions/" in (live() / "sitemap.xml").read_text()
    assert "/ru/about/solutions/" in (live() / "ru/feed.xml").read_text()
    assert result.rendered < result.pages


def test_renaming_a_menu_section_updates_every_page_that_shows_it(site):
    site["about"].title = "О коворкинге"
    site["about"].save_revision().publish()

    publish_changes()

    for url in ("/ru/", "/ru/about/", "/ru/about/zones/", "/ru/events/"):
        assert "О коворкинге" in page_html(url), url
    assert "О модели" not in page_html("/ru/events/")


def test_editing_a_leaf_page_rerenders_only_it_and_the_pages_that_list_it(site):
    site["zones"].lead = "Открытая и закрытые зоны"
    site["zones"].save_revision().publish()

    result = publish_changes()

    assert "Открытая и закрытые зоны" in page_html("/ru/about/zones/")
    assert "Открытая и закрытые зоны" in page_html("/ru/about/")
    # The page itself, its parent's listing and the home page's latest items.
    assert result.rendered == 3


def test_editing_only_a_page_body_rerenders_that_page_alone(site):
    add_page(site["about"], "Правила", slug="rules", body=_link_to(site["zones"]))
    publish_changes()
    zones = StandardPage.objects.get(pk=site["zones"].pk)
    zones.body = [("rich_text", "<p>Новые правила бронирования</p>")]
    zones.save_revision().publish()

    result = publish_changes()

    assert "Новые правила бронирования" in page_html("/ru/about/zones/")
    assert result.rendered == 1


def test_renaming_a_page_after_a_body_only_edit_still_updates_the_pages_that_link_to_it(site):
    add_page(site["about"], "Правила", slug="rules", body=_link_to(site["zones"]))
    publish_changes()
    zones = StandardPage.objects.get(pk=site["zones"].pk)
    zones.body = [("rich_text", "<p>Тело</p>")]
    zones.save_revision().publish()
    publish_changes()
    zones = StandardPage.objects.get(pk=site["zones"].pk)
    zones.title = "Зоны и комнаты"
    zones.slug = "rooms"
    zones.save_revision().publish()

    publish_changes()

    assert 'href="/ru/about/rooms/"' in page_html("/ru/about/rules/")
    assert "Зоны и комнаты" in page_html("/ru/about/")


def _link_to(page):
    return [("rich_text", f'<p>См. <a linktype="page" id="{page.pk}">зоны</a></p>')]


def test_an_unpublished_page_disappears_from_the_site_and_its_parent_listing(site):
    site["zones"].unpublish()

    publish_changes()

    assert not (live() / "ru/about/zones").exists()
    assert "/ru/about/zones/" not in page_html("/ru/about/")
    assert "/ru/about/zones/" not in (live() / "sitemap.xml").read_text()


def test_a_deleted_section_takes_its_subtree_with_it(site):
    site["about"].delete()

    publish_changes()

    assert not (live() / "ru/about").exists()
    assert "/ru/about/" not in page_html("/ru/events/")


def test_a_moved_page_appears_at_its_new_address_and_the_old_one_redirects_there(site):
    events = site["home"].get_children().get(slug="events")
    site["zones"].move(events, pos="last-child")

    publish_changes()

    # Wagtail records a redirect from the old path when a page moves; it is published too.
    old_address = page_html("/ru/about/zones/")
    assert 'http-equiv="refresh" content="0; url=/ru/events/zones/"' in old_address
    assert "<h1>" not in old_address
    assert "Зоны" in page_html("/ru/events/zones/")
    assert "/ru/events/zones/" in page_html("/ru/events/")
    assert "/ru/about/zones/" not in page_html("/ru/about/")


def test_a_new_view_restriction_takes_the_page_off_the_site(site):
    PageViewRestriction.objects.create(
        page=site["about"], restriction_type=PageViewRestriction.LOGIN
    )

    publish_changes()

    assert not (live() / "ru/about").exists()
    assert "О модели" not in page_html("/ru/")


def test_a_new_translation_is_linked_from_the_language_switcher_of_the_original(site):
    translate(site["about"], "en", "About the model")

    publish_changes()

    assert 'href="/en/about/"' in page_html("/ru/about/")
    assert "About the model" in page_html("/en/about/")


def test_publishing_with_nothing_changed_rerenders_nothing(site):
    result = publish_changes()

    assert result.rendered == 0
    assert result.mode == "incremental"


def test_an_editor_publishing_in_wagtail_updates_the_live_site(
    site, settings, django_capture_on_commit_callbacks
):
    settings.PUBLISH_ON_CHANGE = True

    with django_capture_on_commit_callbacks(execute=True):
        site["zones"].title = "Зоны пространства"
        site["zones"].save_revision().publish()

    assert "Зоны пространства" in page_html("/ru/about/zones/")
    assert "Зоны пространства" in page_html("/ru/about/")


def test_an_editor_deleting_a_page_in_wagtail_removes_it_from_the_live_site(
    site, settings, django_capture_on_commit_callbacks
):
    settings.PUBLISH_ON_CHANGE = True

    with django_capture_on_commit_callbacks(execute=True):
        site["zones"].delete()

    assert not (live() / "ru/about/zones").exists()


def test_listeners_hear_which_pages_a_publish_rendered_and_removed(site):
    from publish.signals import site_published

    heard = []

    def listener(**kwargs):
        heard.append(kwargs)

    site_published.connect(listener)
    try:
        site["zones"].title = "Зоны пространства"
        site["zones"].save_revision().publish()
        events = site["home"].get_children().get(slug="events")
        events.delete()
        publish_changes()
    finally:
        site_published.disconnect(listener)

    assert len(heard) == 1
    assert heard[0]["mode"] == "incremental"
    assert heard[0]["rendered"][site["zones"].pk] == "/ru/about/zones/"
    assert heard[0]["removed"] == {events.pk: "/ru/events/"}
    assert heard[0]["index"].get(site["zones"].pk).title == "Зоны пространства"


def test_renaming_a_snippet_rebuilds_the_whole_site(
    site, settings, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale

    from publish.signals import site_published
    from site_content.taxonomy.models import Subject

    settings.PUBLISH_ON_CHANGE = True
    modes = []

    def listener(mode, **kwargs):
        modes.append(mode)

    site_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            Subject.objects.create(
                name="Математика", slug="mathematics", locale=Locale.get_default()
            )
    finally:
        site_published.disconnect(listener)

    assert modes == ["full"]
