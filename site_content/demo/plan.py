"""The plan of a demo site: every page's type, place and language, decided before any is saved.

A school's site has one index per zone under each home (library, solutions, exhibitions…),
and the zones hold most of the pages, in the shares of `ZONE_SHARES`; standard pages ("about
the model") make up the rest, in a 3-4 level tree. Only the random generator decides, so the
same seed gives the same plan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = [
    "CHILDREN_PER_SECTION",
    "INDEX_KINDS",
    "MAX_LEVEL",
    "MIN_PAGES",
    "TRANSLATED_SHARE",
    "ZONE_MINIMUM",
    "ZONE_SHARES",
    "PlannedPage",
    "plan_site",
    "plan_tree",
    "split_languages",
    "zone_counts",
]

TRANSLATED_SHARE = 0.15
MAX_LEVEL = 4  # levels below the home page; sections are 3 or 4 levels deep
CHILDREN_PER_SECTION = (5, 30)
TOP_SECTIONS = (6, 8)

# One of each under every home, in menu order.
INDEX_KINDS = (
    "library_index",
    "solution_index",
    "exhibition_index",
    "event_index",
    "press_index",
    "dissemination_index",
    "governance_index",
    "support_index",
    "partners",
    "legal",
    "search",
    "cabinet",
)

# Shares of the Russian pages below the homes, apart from the indexes; standard pages get
# what is left.
ZONE_SHARES = {
    "library": 0.25,
    "solutions": 0.20,
    "events": 0.12,
    "press": 0.12,
    "exhibitions": 0.08,
    "dissemination": 0.06,
    "support": 0.07,
    "governance": 0.03,
}
# The fewest pages that still show every type and variant of a zone: each library item type;
# an individual and a collective solution; an exhibition with two halls; a past and an
# upcoming event and a third; news, a press release and the media plan; each material type;
# three councils with an open and a closed discussion; the six kinds of support page; and a
# section with a subpage and a sub-subpage.
ZONE_MINIMUM = {
    "library": 5,
    "solutions": 2,
    "events": 3,
    "press": 3,
    "exhibitions": 3,
    "dissemination": 4,
    "support": 6,
    "governance": 5,
    "standard": 3,
}
MATERIAL_TYPES = ("roadmap", "guide", "seminar", "publication")
LIBRARY_TYPES = ("book", "article", "methodology", "video", "resource")
COUNCILS = ("coworking", "parents", "students")


def _top_standard_sections(russian: int) -> int:
    return 1 if russian < 200 else 2


def split_languages(pages: int) -> tuple[int, int]:
    """(Russian, English) page counts for `pages` in all: about 15% English, but never fewer
    than the pages under the homes that are always translated (the indexes, the top sections)."""
    if pages <= 0:
        return 0, 0
    russian = round(pages / (1 + TRANSLATED_SHARE))
    always = len(INDEX_KINDS) + _top_standard_sections(russian)
    english = max(pages - russian, always)
    return pages - english, english


MIN_PAGES = 59  # checked by the tests against `split_languages` and `ZONE_MINIMUM`


def zone_counts(budget: int) -> dict[str, int]:
    """How many of `budget` pages each zone gets (its share, at least its minimum), standard
    pages the rest; raises ValueError when the budget cannot hold every type."""
    counts = {
        zone: max(ZONE_MINIMUM[zone], round(share * budget)) for zone, share in ZONE_SHARES.items()
    }
    counts["standard"] = budget - sum(counts.values())
    while counts["standard"] < ZONE_MINIMUM["standard"]:
        zone = max(ZONE_SHARES, key=lambda z: counts[z] - ZONE_MINIMUM[z])
        if counts[zone] <= ZONE_MINIMUM[zone]:
            raise ValueError(f"{budget} pages cannot hold one of every page type")
        counts[zone] -= 1
        counts["standard"] += 1
    return counts


@dataclass
class PlannedPage:
    """One page of the planned tree; `parent` is an index into the plan, None for the home.

    `kind` names the page type (see INDEX_KINDS and `plan_site`); `variant` what kind of that
    type it is (a library item type, "past" or "upcoming" for an event…).
    """

    index: int
    parent: int | None
    level: int
    section: bool = False
    translated: bool = False
    children: list[int] = field(default_factory=list)
    kind: str = "standard"
    variant: str = ""


def plan_site(russian: int, english: int, rng: random.Random) -> list[PlannedPage]:
    """Every page of the demo site in creation order (parents first): standard sections and
    the zone indexes under the home, the zones' pages below them; `english` of them marked
    translated, the top level first, a page only together with its parent."""
    if russian == 0:
        return []
    counts = zone_counts(russian - len(INDEX_KINDS))
    plan = plan_tree(
        counts["standard"], 0, rng, top_sections=(_top_standard_sections(russian),) * 2
    )

    def add(kind: str, parent: PlannedPage | None, variant: str = "") -> PlannedPage:
        page = PlannedPage(
            index=len(plan),
            parent=None if parent is None else parent.index,
            level=1 if parent is None else parent.level + 1,
            kind=kind,
            variant=variant,
        )
        plan.append(page)
        if parent is not None:
            parent.section = True
            parent.children.append(page.index)
        return page

    index = {kind: add(kind, None) for kind in INDEX_KINDS}
    for kind in INDEX_KINDS:
        index[kind].section = True

    for variant in _variants(counts["library"], LIBRARY_TYPES, rng):
        add("library_item", index["library_index"], variant)
    for number in range(counts["solutions"]):
        collective = number == 1 or (number > 1 and rng.random() < 0.4)
        add("solution", index["solution_index"], "collective" if collective else "individual")

    exhibitions = max(1, counts["exhibitions"] // 4)
    halls = _spread(counts["exhibitions"] - exhibitions, exhibitions, rng)
    for hall_count in halls:
        exhibition = add("exhibition", index["exhibition_index"])
        for _ in range(hall_count):
            add("hall", exhibition)

    for number in range(counts["events"]):
        upcoming = number == 1 or (number > 2 and rng.random() < 0.35)
        add("event", index["event_index"], "upcoming" if upcoming else "past")

    for number in range(counts["press"] - 1):
        release = number == 1 or (number > 1 and rng.random() < 0.25)
        add("news", index["press_index"], "press_release" if release else "news")
    # Last, so that its entries can point at news, events and exhibitions made before it.
    media_plan = add("media_plan", index["press_index"])

    for variant in _variants(counts["dissemination"], MATERIAL_TYPES, rng):
        add("material", index["dissemination_index"], variant)

    for council in COUNCILS:
        add("council", index["governance_index"], council)
    for number in range(counts["governance"] - len(COUNCILS)):
        is_open = number == 0 or (number > 1 and rng.random() < 0.3)
        add("discussion", index["governance_index"], "open" if is_open else "closed")

    _plan_support(counts["support"], index["support_index"], add, rng)

    # The media plan is created after the pages its entries point at (all on lower levels or
    # earlier on its own).
    plan.sort(key=lambda p: (p.level, p is media_plan, p.index))
    _mark_translated(plan, english, rng)
    return plan


def _plan_support(count: int, support: PlannedPage, add, rng: random.Random) -> None:
    """The relaxation room, one or two sections, courses with their modules, parents' guides
    and FAQ pages, some straight under the support index, some in a section."""
    add("relaxation_room", support)
    sections = [add("support_section", support) for _ in range(1 if count < 14 else 2)]
    rest = count - 1 - len(sections)
    courses = max(1, round(rest * 0.1))
    guides = max(1, round(rest * 0.25))
    faqs = max(1, round(rest * 0.15))
    modules = rest - courses - guides - faqs
    places = [support, *sections]

    def place(number: int) -> PlannedPage:
        return sections[0] if number == 0 else rng.choice(places)

    for number, module_count in enumerate(_spread(modules, courses, rng)):
        course = add("course", place(number))
        for _ in range(module_count):
            add("course_module", course)
    for number in range(guides):
        add("parent_guide", place(number))
    for number in range(faqs):
        add("faq", place(number))


def _variants(count: int, choices: tuple[str, ...], rng: random.Random) -> list[str]:
    """`count` choices: each one once (in a random order), then drawn at random."""
    first = list(choices)
    rng.shuffle(first)
    return (first + [rng.choice(choices) for _ in range(count - len(first))])[:count]


def _spread(items: int, buckets: int, rng: random.Random) -> list[int]:
    """`items` spread over `buckets`, at least one each."""
    sizes = [1] * buckets
    for _ in range(items - buckets):
        sizes[rng.randrange(buckets)] += 1
    return sizes


def plan_tree(
    russian: int,
    english: int,
    rng: random.Random,
    top_sections: tuple[int, int] = TOP_SECTIONS,
) -> list[PlannedPage]:
    """A tree of `russian` pages in creation order: top sections under the home, each section
    with 5-30 children, sections nested up to MAX_LEVEL; `english` of them marked translated,
    always together with their ancestors."""
    plan: list[PlannedPage] = []
    if russian == 0:
        return plan
    low, high = CHILDREN_PER_SECTION
    open_sections: list[PlannedPage] = []
    for _ in range(min(russian, rng.randint(*top_sections))):
        page = PlannedPage(index=len(plan), parent=None, level=1, section=True)
        plan.append(page)
        open_sections.append(page)
    while len(plan) < russian:
        if open_sections:
            parent = open_sections.pop(rng.randrange(len(open_sections)))
            # Keep enough pages back for every other open section to get its minimum.
            spare = russian - len(plan) - low * len(open_sections)
            wanted = max(min(rng.randint(low, high), spare), min(low, russian - len(plan)))
        else:
            # Every section is filled: nest under a leaf that may still have children, or
            # widen a section that has room.
            promotable = [p for p in plan if not p.section and p.level < MAX_LEVEL]
            roomy = [p for p in plan if p.section and len(p.children) < high]
            parent = rng.choice(promotable or roomy or [p for p in plan if p.section])
            parent.section = True
            wanted = low if promotable else high - len(parent.children)
        wanted = max(1, min(wanted, russian - len(plan)))
        for number in range(wanted):
            child = PlannedPage(index=len(plan), parent=parent.index, level=parent.level + 1)
            plan.append(child)
            parent.children.append(child.index)
            still_needed = russian - len(plan) - (wanted - number - 1)
            room = still_needed - low * (len(open_sections) + 1)
            if child.level < MAX_LEVEL and room >= 0 and rng.random() < 0.3:
                child.section = True
                open_sections.append(child)
    for page in open_sections:  # only for very small trees: sections that got no children
        page.section = bool(page.children)
    plan.sort(key=lambda p: (p.level, p.index))
    _mark_translated(plan, english, rng)
    return plan


def _mark_translated(plan: list[PlannedPage], count: int, rng: random.Random) -> None:
    """Mark `count` pages translated; a page is translated only if its parent is."""
    by_index = {p.index: p for p in plan}
    remaining = min(count, len(plan))
    share = remaining / len(plan) if plan else 0
    while remaining:
        before = remaining
        for page in plan:  # levels ascending: parents are decided before their children
            if not remaining:
                break
            if page.translated:
                continue
            parent_ok = page.parent is None or by_index[page.parent].translated
            chance = 1.0 if page.level == 1 else (share * 2 if page.section else share)
            if parent_ok and rng.random() < chance:
                page.translated = True
                remaining -= 1
        if remaining == before:
            break
