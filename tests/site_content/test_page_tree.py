"""The tree stays well-formed: each page type lives only where it belongs."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from site_content.pages.models import HomePage, StandardPage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_a_home_page_sits_only_at_the_top_of_the_tree(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_pages_go_under_the_home_page_or_another_standard_page(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_every_page_type_declares_its_template(self):
        for model in (HomePage, StandardPage):
            self.assertTrue(model.template.startswith("pages/"), model)
