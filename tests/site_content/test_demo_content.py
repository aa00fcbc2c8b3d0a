import random
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from publish.builder import SiteBuilder
from publish.swap import live_dir
from site_content.demo import MAX_LEVEL, generate_demo_content, plan_tree
from site_content.pages.models import HomePage, StandardPage

PAGES = 30


class _Rollback(Exception):
    pass


def _signature() -> list[tuple]:
    """The generated content with database ids replaced by stable names, to compare runs."""
    names = {p.pk: p.url_path for p in Page.objects.all()}
    names |= {("image", i.pk): i.title for i in get_image_model().objects.all()}
    names |= {("document", d.pk): d.title for d in get_document_model().objects.all()}

    def stable(block):
        value = block["value"]
        if block["type"] == "image":
            value = {**value, "image": names[("image", value["image"])]}
        elif block["type"] == "document":
            value = {**value, "document": names[("document", value["document"])]}
        elif block["type"] == "rich_text":
            for page_id, url_path in names.items():
                if isinstance(page_id, int):
                    value = value.replace(f'id="{page_id}"', f'id="{url_path}"')
        return (block["type"], block["id"], str(value))

    return [
        (
            p.url_path,
            p.locale.language_code,
            p.title,
            p.lead,
            p.first_published_at,
            tuple(stable(b) for b in p.body.raw_data),
        )
        for p in StandardPage.objects.select_related("locale").order_by("url_path", "locale_id")
    ]


def test_the_planned_tree_nests_sections_and_translates_whole_branches():
    plan = plan_tree(3500, 500, random.Random(4))
    by_index = {p.index: p for p in plan}

    assert len(plan) == 3500
    assert max(p.level for p in plan) in (MAX_LEVEL - 1, MAX_LEVEL)
    assert sum(p.translated for p in plan) == 500
    assert all(by_index[p.parent].translated for p in plan if p.translated and p.parent is not None)
    full_sections = [p for p in plan if p.section and len(p.children) >= 5]
    assert len(full_sections) >= 0.9 * sum(p.section for p in plan)
    assert all(len(p.children) <= 30 for p in plan)


@pytest.mark.django_db
def test_generate_demo_content_creates_the_requested_number_of_published_pages(media_root):
    call_command("generate_demo_content", pages=PAGES, seed=3, images=3, documents=2, quiet=True)

    pages = StandardPage.objects.all()
    assert pages.count() == PAGES
    assert pages.filter(live=True, live_revision__isnull=False).count() == PAGES
    assert pages.filter(locale__language_code="en").count() == PAGES - round(PAGES / 1.15)
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == {"ru", "en"}
    assert get_image_model().objects.count() == 3
    kinds = {b["type"] for p in pages for b in p.body.raw_data}
    assert kinds == {"rich_text", "image", "quote", "document"}
    assert any(
        'linktype="page"' in b["value"]
        for p in pages
        for b in p.body.raw_data
        if b["type"] == "rich_text"
    )


@pytest.mark.django_db
def test_the_same_seed_generates_the_same_site(media_root):
    def generate():
        generate_demo_content(pages=PAGES, seed=11, images=2, documents=2, show_progress=False)
        return _signature()

    try:
        with transaction.atomic():
            first = generate()
            raise _Rollback
    except _Rollback:
        pass
    assert not StandardPage.objects.exists()

    second = generate()

    assert first == second
    assert len(second) == PAGES


@pytest.mark.django_db
def test_a_strict_full_build_of_the_demo_site_has_no_broken_links(site_dir, media_root):
    generate_demo_content(pages=PAGES, seed=5, images=2, documents=2, show_progress=False)

    result = SiteBuilder(progress=False, strict=True).build_full()

    live = live_dir(Path(site_dir))
    assert result.broken_links == []
    assert result.pages == PAGES + 2
    assert len(list(live.glob("*/**/index.html"))) == PAGES + 2
