"""The search page: where it may live, and that it publishes with its form and script."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from search.models import SearchPage
from site_content.pages.models import HomePage, StandardPage
from tests.factories import make_site
from tests.publish.helpers import page_html, publish_full

pytestmark = pytest.mark.django_db


class TestTreeRules(WagtailPageTestCase):
    def test_the_search_page_goes_under_a_home_page_and_has_no_children(self):
        self.assertCanNotCreateAt(StandardPage, SearchPage)
        self.assertCanNotCreateAt(SearchPage, StandardPage)


def add_search_page(home, title="Поиск"):
    page = SearchPage(title=title, slug="search", lead="Поиск по всем разделам сайта.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_search_page_publishes_with_its_form_script_and_noscript_notice(site_dir):
    home = make_site(english=False)["ru"]
    add_search_page(home)

    publish_full(strict=True)

    html = page_html("/ru/search/")
    assert 'data-widget="search" data-endpoint="/api/search"' in html
    assert 'name="q"' in html
    assert "widgets/search.js" in html
    assert "<noscript>" in html
    assert 'data-lang="ru"' in html


def test_the_english_search_page_speaks_english(site_dir):
    homes = make_site()
    page = add_search_page(homes["ru"])
    from tests.factories import translate

    translate(page, "en", "Search")

    publish_full(strict=True)

    html = page_html("/en/search/")
    assert 'data-lang="en"' in html
    assert "What are you looking for?" in html or "Что вы ищете?" in html


def test_the_search_page_itself_is_not_a_search_result(site_dir):
    from search.models import SearchDocument

    home = make_site(english=False)["ru"]
    add_search_page(home)

    publish_full()

    assert not SearchDocument.objects.filter(type="search").exists()


def test_the_search_box_tag_finds_the_search_page_of_the_language(site_dir, rf):
    from django.template import Context, Template

    from publish.context import LINK_PREFIX, rendering
    from publish.site_index import SiteIndex

    home = make_site(english=False)["ru"]
    assert HomePage.objects.count() >= 1
    template = Template("{% load search_tags %}{% search_page_url 'ru' as url %}[{{ url }}]")
    with rendering(SiteIndex.load()):
        assert template.render(Context({"request": rf.get("/")})) == "[]"
    add_search_page(home)
    with rendering(SiteIndex.load()) as record:
        assert template.render(Context({"request": rf.get("/")})) == "[/ru/search/]"
    # The box shows only where the search page is: a link-level dependency on the home's children.
    assert any(key == f"{LINK_PREFIX}children:{home.pk}" for key in record.keys)
