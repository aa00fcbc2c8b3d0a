"""Exhibitions and their halls for synthetic demo content (benchmarks)."""

from __future__ import annotations

from datetime import timedelta

from .models import ExhibitionHallPage, ExhibitionPage

__all__ = ["demo_exhibition", "demo_exhibition_hall"]

EXHIBIT_KINDS = ("image", "video", "document")


def demo_exhibition(kit, *, title: str, slug: str, lead: str = "") -> ExhibitionPage:
    """An unsaved exhibition, opened some time in the last years, sometimes permanent, with a
    described cover (`kit` is a `site_content.demo.DemoKit`)."""
    rng, text = kit.rng, kit.text
    start = kit.past_day(30, 4 * 365)
    cover = kit.image() if rng.random() < 0.8 else None
    return ExhibitionPage(
        title=title,
        slug=slug,
        lead=lead,
        curator=f"{text.person()}, {rng.choice(text.roles()) or 'куратор'}",
        start_date=start,
        end_date=None if rng.random() < 0.3 else start + timedelta(days=rng.randint(7, 120)),
        cover_image=cover,
        cover_alt=text.sentence() if cover else "",
    )


def demo_exhibition_hall(kit, *, title: str, slug: str, lead: str = "") -> ExhibitionHallPage:
    """An unsaved hall with three to eight exhibits, at least one of each kind."""
    rng = kit.rng
    kinds = list(EXHIBIT_KINDS)
    kinds += rng.choices(EXHIBIT_KINDS, weights=(6, 2, 2), k=rng.randint(0, 5))
    rng.shuffle(kinds)
    if not kit.images:
        kinds = [k for k in kinds if k != "image"] or ["video"]
    if not kit.documents:
        kinds = [k for k in kinds if k != "document"] or ["video"]
    return ExhibitionHallPage(
        title=title,
        slug=slug,
        lead=lead,
        exhibits=[kit.block("exhibit", _exhibit(kit, kind)) for kind in kinds],
    )


def _exhibit(kit, kind: str) -> dict:
    rng, text = kit.rng, kit.text
    image = kit.image() if kind == "image" or (kit.images and rng.random() < 0.4) else None
    return {
        "kind": kind,
        "title": text.title(),
        "image": image.pk if image else None,
        "video_url": kit.video_url() if kind == "video" else "",
        "document": kit.document().pk if kind == "document" else None,
        "alt_text": text.sentence(),
        "caption": text.title(),
        "description": kit.paragraph() if rng.random() < 0.7 else "",
        "credit": text.person(),
    }
