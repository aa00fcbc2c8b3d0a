"""Reads for virtual exhibitions: the halls of an exhibition and the walk-through order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publish.site_index import SiteIndex

    from .models import ExhibitionHallPage, ExhibitionPage

__all__ = [
    "ExhibitStop",
    "HallEntry",
    "exhibit_path",
    "exhibition_halls",
    "exhibition_list",
    "exhibition_walkthrough",
]


def exhibit_path(number: int) -> str:
    """The address of the n-th exhibit of a hall, relative to the hall (1-based)."""
    return f"exhibit-{number}/"


@dataclass(frozen=True)
class HallEntry:
    """A published hall of an exhibition, in the order editors arranged the halls."""

    page: ExhibitionHallPage
    url: str
    number: int

    @property
    def exhibit_count(self) -> int:
        return len(self.page.exhibits)


@dataclass(frozen=True)
class ExhibitStop:
    """One exhibit on the walk-through: where it is and how to link to it."""

    hall: HallEntry
    number: int
    position: int
    total: int
    title: str
    block: object

    @property
    def url(self) -> str:
        return self.hall.url + exhibit_path(self.number)


def exhibition_halls(
    *, exhibition_id: int, index: SiteIndex, current: ExhibitionHallPage | None = None
) -> list[HallEntry]:
    """The exhibition's public halls in tree order, each with its public address.

    `current` is the hall being rendered: it is used as is, so an admin preview of a hall
    that is not published yet still shows its own exhibits.
    """
    from .models import ExhibitionHallPage

    infos = index.children_of(exhibition_id)
    pages = {
        page.pk: page
        for page in ExhibitionHallPage.objects.filter(pk__in=[info.id for info in infos])
    }
    if current is not None:
        pages[current.pk] = current
    entries = []
    for info in infos:
        if info.id in pages:
            entries.append(HallEntry(page=pages[info.id], url=info.url, number=len(entries) + 1))
    if current is not None and not any(e.page.pk == current.pk for e in entries):
        entries.append(HallEntry(page=current, url=current.url or "", number=len(entries) + 1))
    return entries


def exhibition_walkthrough(*, halls: list[HallEntry]) -> list[ExhibitStop]:
    """Every exhibit of the exhibition in visiting order: halls in order, exhibits in order."""
    stops: list[tuple[HallEntry, int, object]] = []
    for hall in halls:
        for number, block in enumerate(hall.page.exhibits, start=1):
            stops.append((hall, number, block))
    total = len(stops)
    return [
        ExhibitStop(
            hall=hall,
            number=number,
            position=position,
            total=total,
            title=block.value["title"],
            block=block,
        )
        for position, (hall, number, block) in enumerate(stops, start=1)
    ]


def exhibition_list(*, index_id: int, index: SiteIndex) -> list[tuple[ExhibitionPage, str]]:
    """The public exhibitions under an index with their addresses, newest opening first."""
    from .models import ExhibitionPage

    urls = {info.id: info.url for info in index.children_of(index_id)}
    pages = ExhibitionPage.objects.filter(pk__in=list(urls)).select_related("cover_image")
    ordered = sorted(pages, key=lambda p: (p.start_date, p.pk), reverse=True)
    return [(page, urls[page.pk]) for page in ordered]
