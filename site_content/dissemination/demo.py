"""Materials for partner schools for synthetic demo content (benchmarks)."""

from __future__ import annotations

from datetime import timedelta

from .models import DisseminationMaterialPage, MaterialDownload, MaterialType

__all__ = ["demo_material"]


def demo_material(
    kit, *, title: str, slug: str, lead: str = "", material_type: str
) -> DisseminationMaterialPage:
    """An unsaved material of the given type for one to three audiences, with files to
    download; a roadmap gets its stages as a timeline."""
    rng, text = kit.rng, kit.text
    flags = [rng.random() < 0.5 for _ in range(3)]
    if not any(flags):
        flags[rng.randrange(3)] = True
    page = DisseminationMaterialPage(
        title=title,
        slug=slug,
        lead=lead,
        material_type=material_type,
        date=kit.past_day(10, 4 * 365),
        for_leaders=flags[0],
        for_teachers=flags[1],
        for_methodologists=flags[2],
        authors="Рабочая группа лицея" if rng.random() < 0.5 else text.person(),
        annotation=text.sentences(3, 5),
    )
    if material_type == MaterialType.ROADMAP:
        start = page.date - timedelta(days=3 * 365)
        entries = []
        for number in range(rng.randint(3, 5)):
            begins = start + timedelta(days=number * 240)
            entries.append(
                kit.block(
                    "item",
                    {
                        "start_date": begins.isoformat(),
                        "start_precision": "month",
                        "end_date": (begins + timedelta(days=200)).isoformat(),
                        "end_precision": "month",
                        "date_note": "",
                        "title": text.title(),
                        "description": kit.paragraph(),
                        "result": text.sentence(),
                    },
                )
            )
        page.body = [
            kit.block("rich_text", kit.rich_text()),
            kit.block("timeline", {"title": text.title(), "entries": entries}),
        ]
    if kit.documents:
        page.downloads = [
            MaterialDownload(
                document=kit.document(),
                title=text.title() if rng.random() < 0.5 else "",
                sort_order=number,
            )
            for number in range(rng.randint(1, 3))
        ]
    return page
