"""The per-build cache: shared reads happen once per build and never outlive it."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from cms.core.build_cache import per_build, prefetch_page_relations
from publish.context import rendering
from publish.site_index import SiteIndex
from site_content.library.models import LibraryItemPage
from tests.factories import make_image, make_site


def test_pages_of_one_build_share_a_value_and_the_next_build_reads_it_afresh():
    loads = []

    def load():
        loads.append(1)
        return len(loads)

    first_build, second_build = SiteIndex([]), SiteIndex([])
    seen = []
    for index in (first_build, first_build, second_build):
        with rendering(index):
            seen.append(per_build(None, "vocabulary", load))

    assert seen == [1, 1, 2]


@pytest.mark.django_db
def test_two_previews_outside_a_build_do_not_share_what_they_read():
    make_site(english=False)
    factory = RequestFactory()
    values = iter(["first", "second"])

    seen = [per_build(factory.get("/"), "vocabulary", lambda: next(values)) for _ in range(2)]

    assert seen == ["first", "second"]


@pytest.mark.django_db
def test_a_preview_shows_the_illustration_the_editor_just_chose_not_the_saved_one(media_root):
    home = make_site(english=False)["ru"]
    saved, chosen = make_image("Сохранённая"), make_image("Выбранная")
    item = LibraryItemPage(
        title="Книга", slug="kniga", item_type="book", year=2024, cover_image=saved
    )
    home.add_child(instance=item)
    item.save_revision().publish()
    preview = LibraryItemPage.objects.get(pk=item.pk)
    preview.cover_image = chosen

    prefetch_page_relations(preview, RequestFactory().get("/"), select_related=("cover_image",))

    assert preview.cover_image == chosen
