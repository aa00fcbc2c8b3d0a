"""Creates the planned pages, parents first, each by its app's demo builder, and their
English translations."""

from __future__ import annotations

import random
from datetime import timedelta

from anyascii import anyascii
from django.db import models, transaction
from django.utils.text import slugify
from wagtail.models import Page

from cms.core.fields import StreamField
from cms.users.models import CabinetPage
from publish.progress import Progress
from search.models import SearchPage
from site_content.dissemination.demo import demo_material
from site_content.dissemination.models import DisseminationIndexPage
from site_content.events.demo import demo_event, demo_event_classify
from site_content.events.models import EventIndexPage
from site_content.exhibitions.demo import demo_exhibition, demo_exhibition_hall
from site_content.exhibitions.models import ExhibitionIndexPage
from site_content.governance.demo import COUNCILS, demo_council, demo_discussion
from site_content.governance.models import GovernanceIndexPage
from site_content.legal.models import LegalSectionPage
from site_content.library.demo import demo_library_item, demo_library_item_classify
from site_content.library.models import LibraryIndexPage
from site_content.media_plan.demo import demo_media_contact, demo_media_plan, demo_news
from site_content.media_plan.models import PressIndexPage
from site_content.pages.models import StandardPage
from site_content.partners.demo import demo_partners
from site_content.partners.models import PartnersPage
from site_content.solutions.demo import (
    demo_solution,
    demo_solution_classify,
    demo_solution_extras,
)
from site_content.solutions.models import SolutionIndexPage
from site_content.support import demo as support
from site_content.support.models import SupportIndexPage
from site_content.taxonomy.demo import demo_terms
from site_content.taxonomy.models import EventType

from .kit import DemoKit
from .plan import PlannedPage

__all__ = ["INDEXES", "Creator"]

PAGES_PER_TRANSACTION = 50

# kind: (model, Russian title, English title, slug), as a school's site names its zones.
INDEXES = {
    "library_index": (LibraryIndexPage, "Библиотека", "Library", "library"),
    "solution_index": (
        SolutionIndexPage,
        "Банк проектных решений",
        "Project solutions",
        "solutions",
    ),
    "exhibition_index": (ExhibitionIndexPage, "Выставки", "Exhibitions", "exhibitions"),
    "event_index": (EventIndexPage, "События", "Events", "events"),
    "press_index": (PressIndexPage, "Пресс-центр", "Press centre", "press"),
    "dissemination_index": (
        DisseminationIndexPage,
        "Диссеминация",
        "Dissemination",
        "dissemination",
    ),
    "governance_index": (GovernanceIndexPage, "Управление", "Governance", "governance"),
    "support_index": (SupportIndexPage, "Сопровождение", "Support", "support"),
    "partners": (PartnersPage, "Партнёры", "Partners", "partners"),
    "legal": (
        LegalSectionPage,
        "Сведения об образовательной организации",
        "Information about the school",
        "sveden",
    ),
    "search": (SearchPage, "Поиск", "Search", "search"),
    "cabinet": (CabinetPage, "Личный кабинет", "My cabinet", "cabinet"),
}


class Creator:
    """Creates the planned pages and remembers them (for links, media plan entries and the
    bulk indexing afterwards)."""

    def __init__(self, rng: random.Random, homes, images, documents, plan, progress: Progress):
        self.rng = rng
        self.homes = homes
        self.plan = plan
        self.progress = progress
        self.kits = {lang: DemoKit(rng, lang, images, documents) for lang in ("ru", "en")}
        self.ru_pages: dict[int, Page] = {}
        self.en_pages: dict[int, Page] = {}
        self.en_locale = homes["en"].locale
        self.used_slugs: dict[int, set[str]] = {}
        self.terms = demo_terms()
        self.contact = demo_media_contact()
        demo_partners(self.kits["ru"])
        self.events_made = 0

    @property
    def created(self) -> list[Page]:
        return [*self.ru_pages.values(), *self.en_pages.values()]

    def create_russian(self) -> None:
        for batch in _batches(self.plan, PAGES_PER_TRANSACTION):
            with transaction.atomic():
                for planned in batch:
                    self._create_russian(planned)

    def create_english(self) -> None:
        translated = [p for p in self.plan if p.translated]
        for batch in _batches(translated, PAGES_PER_TRANSACTION):
            with transaction.atomic():
                for planned in batch:
                    self._create_english(planned)

    def _create_russian(self, planned: PlannedPage) -> None:
        kit = self.kits["ru"]
        parent = self.homes["ru"] if planned.parent is None else self.ru_pages[planned.parent]
        page = self._build(kit, planned, parent)
        page.show_in_menus = planned.level == 1 and planned.kind not in ("search", "cabinet")
        if not page.first_published_at:
            page.first_published_at = kit.published_at()
        page.locale_id = parent.locale_id  # what Wagtail would look up, one query per page
        parent.add_child(instance=page)
        self._classify(planned, page)
        page.save_revision(clean=False, log_action=False).publish(log_action=False)
        self.ru_pages[planned.index] = page
        kit.remember(planned.kind, page)
        self.progress.advance()

    def _build(self, kit: DemoKit, planned: PlannedPage, parent: Page) -> Page:
        text, kind, variant = kit.text, planned.kind, planned.variant
        lead = text.sentence()
        if kind in INDEXES:
            model, title, _english, slug = INDEXES[kind]
            page = model(title=title, slug=self._unique_slug(parent, slug), lead=lead)
        else:
            title = COUNCILS[variant][0] if kind == "council" else text.title()
            base = COUNCILS[variant][2] if kind == "council" else title
            fields = {"title": title, "slug": self._unique_slug(parent, base), "lead": lead}
            page = self._builders[kind](self, kit, planned, fields)
        if _has_field(page, "body") and not page.body:
            page.body = kit.body(1, 3) if planned.section else kit.body()
        return page

    def _classify(self, planned: PlannedPage, page: Page) -> None:
        """Tags and vocabulary terms, set once the page exists (as the admin form does)."""
        rng, kind = self.rng, planned.kind
        if kind == "library_item":
            demo_library_item_classify(page, rng, self.terms)
        elif kind == "solution":
            demo_solution_classify(page, rng, self.terms)
        elif kind == "event":
            demo_event_classify(page, rng, self.terms)
        elif kind == "press_index" or (kind == "news" and rng.random() < 0.5):
            page.media_contacts = [self.contact]

    def _create_english(self, planned: PlannedPage) -> None:
        kit = self.kits["en"]
        text = kit.text
        source = self.ru_pages[planned.index]
        page = source.copy_for_translation(self.en_locale)
        if planned.kind in INDEXES:
            page.title = INDEXES[planned.kind][2]
        elif planned.kind == "council":
            page.title = COUNCILS[planned.variant][1]
        else:
            page.title = text.title()
        page.first_published_at = source.first_published_at + timedelta(
            hours=self.rng.randrange(1, 24 * 30)
        )
        page.lead = text.sentence()
        # The page's own texts in English; blocks other than the body (programmes, exhibits)
        # stay as copied, as a partly translated page would.
        for field in type(page)._meta.local_fields:
            if field.name == "lead" or not getattr(page, field.name):
                continue
            if isinstance(field, models.TextField) and not isinstance(field, StreamField):
                value = getattr(page, field.name)
                lines = value.count("\n") + 1
                setattr(
                    page,
                    field.name,
                    text.lines(lines, lines) if lines > 1 else text.sentences(1, 3),
                )
        if _has_field(page, "body") and page.body:
            page.body = kit.body(1, 3) if planned.section else kit.body()
        page.save_revision(clean=False, log_action=False).publish(log_action=False)
        self.en_pages[planned.index] = page
        kit.remember(planned.kind, page)
        self.progress.advance()

    def _unique_slug(self, parent: Page, title: str) -> str:
        taken = self.used_slugs.get(parent.pk)
        if taken is None:
            taken = set(parent.get_children().values_list("slug", flat=True))
            # Addresses the parent publishes itself (facet listings, feeds) are not free.
            reserved = getattr(parent.specific_class, "reserved_child_slugs", None)
            if reserved is not None:
                taken |= set(reserved())
            self.used_slugs[parent.pk] = taken
        base = (slugify(anyascii(title))[:48].strip("-")) or "page"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    def _next_event_type(self):
        types = self.terms[EventType]
        self.events_made += 1
        return types[(self.events_made - 1) % len(types)]

    _builders = {
        "standard": lambda self, kit, planned, fields: StandardPage(**fields),
        "library_item": lambda self, kit, planned, fields: demo_library_item(
            kit.rng,
            item_type=planned.variant,
            document=kit.document(),
            cover=kit.image(),
            **fields,
        ),
        "solution": lambda self, kit, planned, fields: _with_extras(
            demo_solution(
                kit.rng,
                collective=planned.variant == "collective",
                terms=self.terms,
                text=kit.text.sentences(2, 5),
                **fields,
            ),
            kit,
        ),
        "exhibition": lambda self, kit, planned, fields: demo_exhibition(kit, **fields),
        "hall": lambda self, kit, planned, fields: demo_exhibition_hall(kit, **fields),
        "event": lambda self, kit, planned, fields: demo_event(
            kit,
            upcoming=planned.variant == "upcoming",
            event_type=self._next_event_type(),
            **fields,
        ),
        "news": lambda self, kit, planned, fields: _dated_news(
            demo_news(kit, release=planned.variant == "press_release", **fields), kit
        ),
        "media_plan": lambda self, kit, planned, fields: demo_media_plan(
            kit,
            pages=[
                *kit.pages.get("news", []),
                *kit.pages.get("event", []),
                *kit.pages.get("exhibition", []),
            ],
            **fields,
        ),
        "material": lambda self, kit, planned, fields: demo_material(
            kit, material_type=planned.variant, **fields
        ),
        "council": lambda self, kit, planned, fields: demo_council(
            kit, variant=planned.variant, **fields
        ),
        "discussion": lambda self, kit, planned, fields: demo_discussion(
            kit,
            is_open=planned.variant == "open",
            initiator=kit.rng.choice(kit.pages["council"]),
            **fields,
        ),
        "relaxation_room": lambda self, kit, planned, fields: support.demo_relaxation_room(
            kit, **fields
        ),
        "support_section": lambda self, kit, planned, fields: support.demo_support_section(
            kit, **fields
        ),
        "course": lambda self, kit, planned, fields: support.demo_course(kit, **fields),
        "course_module": lambda self, kit, planned, fields: support.demo_course_module(
            kit, **fields
        ),
        "parent_guide": lambda self, kit, planned, fields: support.demo_parent_guide(kit, **fields),
        "faq": lambda self, kit, planned, fields: support.demo_faq(kit, **fields),
    }


def _with_extras(page, kit):
    demo_solution_extras(page, kit)
    return page


def _dated_news(page, kit):
    """News goes live on its own date, in the morning."""
    page.first_published_at = kit.moment(page.date, 9, kit.rng.randrange(60))
    return page


def _has_field(page: Page, name: str) -> bool:
    return any(f.name == name for f in type(page)._meta.concrete_fields)


def _batches(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
