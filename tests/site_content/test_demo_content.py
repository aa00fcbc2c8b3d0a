import random
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from cms.core.fields import StreamField
from media.models import Consent
from publish.builder import SiteBuilder
from publish.swap import live_dir
from site_content.demo import (
    INDEX_KINDS,
    MAX_LEVEL,
    MIN_PAGES,
    ZONE_MINIMUM,
    ZONE_SHARES,
    generate_demo_content,
    plan_site,
    plan_tree,
    split_languages,
    zone_counts,
)
from site_content.governance.models import CouncilMember, MemberGroup
from site_content.pages.models import HomePage
from site_content.solutions.models import AuthorDisplay, SolutionAuthor

PAGES = 60

# Every page type a school's site has below its homes, and the zone whose share it counts in.
TYPE_ZONES = {
    "StandardPage": "standard",
    "LibraryIndexPage": "index",
    "SolutionIndexPage": "index",
    "ExhibitionIndexPage": "index",
    "EventIndexPage": "index",
    "PressIndexPage": "index",
    "DisseminationIndexPage": "index",
    "GovernanceIndexPage": "index",
    "SupportIndexPage": "index",
    "PartnersPage": "index",
    "LegalSectionPage": "index",
    "SearchPage": "index",
    "CabinetPage": "index",
    "LibraryItemPage": "library",
    "SolutionPage": "solutions",
    "ExhibitionPage": "exhibitions",
    "ExhibitionHallPage": "exhibitions",
    "EventPage": "events",
    "NewsPage": "press",
    "MediaPlanPage": "press",
    "DisseminationMaterialPage": "dissemination",
    "CouncilPage": "governance",
    "DiscussionPage": "governance",
    "RelaxationRoomPage": "support",
    "SupportSectionPage": "support",
    "CoursePage": "support",
    "CourseModulePage": "support",
    "ParentGuidePage": "support",
    "FAQPage": "support",
}
KIND_ZONES = {
    "library_item": "library",
    "solution": "solutions",
    "exhibition": "exhibitions",
    "hall": "exhibitions",
    "event": "events",
    "news": "press",
    "media_plan": "press",
    "material": "dissemination",
    "council": "governance",
    "discussion": "governance",
    "standard": "standard",
}


class _Rollback(Exception):
    pass


def _live_pages() -> list[Page]:
    return list(Page.objects.filter(depth__gt=2).specific().order_by("path", "locale_id"))


def _stable_block(block, value, names):
    """A block's value with database ids replaced by names that are the same in every run."""
    if isinstance(block, ImageChooserBlock):
        return value.title if value else None
    if isinstance(block, DocumentChooserBlock):
        return value.title if value else None
    if isinstance(block, blocks.PageChooserBlock):
        return value.url_path if value else None
    if isinstance(block, blocks.StructBlock):
        return tuple(
            (name, _stable_block(child, value.get(name), names))
            for name, child in block.child_blocks.items()
        )
    if isinstance(block, blocks.ListBlock):
        return tuple(_stable_block(block.child_block, item, names) for item in value)
    if isinstance(block, blocks.StreamBlock):
        return tuple(
            (child.block_type, child.id, _stable_block(child.block, child.value, names))
            for child in value
        )
    if isinstance(block, blocks.RichTextBlock):
        source = value.source
        for page_id, url_path in names.items():
            source = source.replace(f'id="{page_id}"', f'id="{url_path}"')
        return source
    return str(value)


def _stable_object(obj, names, skip=()):
    values = []
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in skip or field.name.endswith("_ptr"):
            continue
        value = getattr(obj, field.name)
        if isinstance(field, StreamField):
            value = _stable_block(field.stream_block, value, names)
        elif field.is_relation:
            value = getattr(value, "url_path", None) or getattr(value, "title", None) or str(value)
        values.append((field.name, value))
    return tuple(values)


PAGE_SKIP = {"path", "content_type", "live_revision", "latest_revision", "locale", "draft_title"}
PAGE_SKIP |= {"url_path", "translation_key", "last_published_at", "latest_revision_created_at"}


def _signature() -> list[tuple]:
    """Every generated page with its fields, blocks, child objects and terms, database ids
    replaced by stable names, to compare runs."""
    names = {p.pk: p.url_path for p in Page.objects.all()}
    signature = []
    for page in _live_pages():
        related = []
        for relation in ("authors", "members", "decisions", "downloads"):
            objects = getattr(page, relation, None)
            if hasattr(objects, "all"):  # on some types a field of that name is text
                related += [
                    _stable_object(o, names, skip={"page", "sort_order"}) for o in objects.all()
                ]
        for m2m in ("subjects", "grades", "audience", "media_contacts"):
            terms = getattr(page, m2m, None)
            if hasattr(terms, "all"):
                related.append(tuple(sorted(str(t) for t in terms.all())))
        if hasattr(page, "tags"):
            related.append(tuple(sorted(t.name for t in page.tags.all())))
        signature.append(
            (
                page.url_path,
                page.locale.language_code,
                _stable_object(page, names, skip=PAGE_SKIP),
                tuple(related),
            )
        )
    return signature


def test_the_planned_site_gives_each_zone_its_share_and_translates_whole_branches():
    russian, english = split_languages(1000)
    plan = plan_site(russian, english, random.Random(4))
    by_index = {p.index: p for p in plan}
    zones = Counter(KIND_ZONES.get(p.kind, "support") for p in plan if p.level > 1)
    zones["standard"] += sum(1 for p in plan if p.level == 1 and p.kind == "standard")
    budget = russian - len(INDEX_KINDS)

    assert len(plan) == russian
    assert sum(p.translated for p in plan) == english
    assert all(p.translated for p in plan if p.level == 1)
    assert all(by_index[p.parent].translated for p in plan if p.translated and p.parent is not None)
    for zone, share in ZONE_SHARES.items():
        assert abs(zones[zone] / budget - share) < 0.01, zone
    assert zones["standard"] == budget - sum(zones[z] for z in ZONE_SHARES)
    assert sum(1 for p in plan if p.kind == "council") == 3
    assert sum(1 for p in plan if p.kind == "media_plan") == 1


def test_the_smallest_site_still_has_room_for_every_zone_minimum():
    russian, english = split_languages(MIN_PAGES)

    assert zone_counts(russian - len(INDEX_KINDS)) == ZONE_MINIMUM
    assert english >= len(INDEX_KINDS) + 1
    with pytest.raises(ValueError):
        zone_counts(sum(ZONE_MINIMUM.values()) - 1)


def test_the_planned_standard_tree_nests_sections_and_translates_whole_branches():
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
def test_a_site_too_small_for_every_page_type_is_refused_before_anything_is_created():
    with pytest.raises(CommandError, match=str(MIN_PAGES)):
        call_command("generate_demo_content", pages=MIN_PAGES - 1, quiet=True)

    assert not HomePage.objects.exists()


@pytest.mark.django_db
def test_a_small_demo_site_has_every_page_type_live_valid_and_in_its_share(media_root):
    call_command("generate_demo_content", pages=120, seed=3, images=3, documents=2, quiet=True)

    pages = _live_pages()
    russian = [p for p in pages if p.locale.language_code == "ru"]
    english = [p for p in pages if p.locale.language_code == "en"]
    assert len(pages) == 120
    assert all(p.live and p.live_revision_id for p in pages)
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == {"ru", "en"}
    assert {type(p).__name__ for p in russian} == set(TYPE_ZONES)
    zones = Counter(TYPE_ZONES[type(p).__name__] for p in russian)
    assert zones.pop("index") == len(INDEX_KINDS)
    assert zones == zone_counts(len(russian) - len(INDEX_KINDS))
    assert len(english) == 120 - split_languages(120)[0]

    translated = {p.translation_key for p in english}
    parents = {p.pk: p for p in pages} | {h.pk: h for h in HomePage.objects.all()}
    assert all(p.translation_key in translated for p in russian if p.depth == 3)
    for page in english:
        assert parents[page.get_parent().pk].locale.language_code == "en"

    for model_name in TYPE_ZONES:
        sample = next(p for p in russian if type(p).__name__ == model_name)
        sample.full_clean()
        for field in type(sample)._meta.concrete_fields:
            if isinstance(field, StreamField):
                field.stream_block.clean(getattr(sample, field.name))
    assert not get_image_model().objects.filter(consent=Consent.REFUSED).exists()


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
    assert not Page.objects.filter(depth__gt=2).exists()

    second = generate()

    assert first == second
    assert len(second) == PAGES


@pytest.mark.django_db
def test_a_strict_full_build_writes_every_type_and_no_withheld_names_of_students(
    site_dir, media_root
):
    generate_demo_content(pages=PAGES, seed=5, images=2, documents=2, show_progress=False)

    result = SiteBuilder(progress=False, strict=True).build_full()

    live = live_dir(Path(site_dir))
    assert result.broken_links == []
    assert result.pages == PAGES + 2
    for page in _live_pages():
        assert (live / page.url.strip("/") / "index.html").exists(), type(page).__name__
    output = "\n".join(p.read_text(encoding="utf-8") for p in live.rglob("*.html"))
    shown = set(
        SolutionAuthor.objects.filter(display=AuthorDisplay.FULL_NAME).values_list(
            "full_name", flat=True
        )
    )
    withheld = SolutionAuthor.objects.exclude(display=AuthorDisplay.FULL_NAME)
    assert withheld.exists()
    for author in withheld:
        if author.full_name not in shown:
            assert author.full_name not in output
    students = CouncilMember.objects.filter(group=MemberGroup.STUDENT)
    assert students.exists()
    for student in students:
        assert student.name not in output
        assert student.public_name in output
