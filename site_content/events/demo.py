"""Events for synthetic demo content (benchmarks): past and upcoming, as seen from today."""

from __future__ import annotations

import random
from datetime import timedelta

from site_content.taxonomy.demo import demo_terms
from site_content.taxonomy.models import EventType, Grade

from .models import EventPage

__all__ = ["demo_event", "demo_event_classify"]

PLACES = ["Лицей, актовый зал", "Лицей, библиотека", "Коворкинг, зона 2", "Лицей, кабинет 214"]


def demo_event(
    kit, *, title: str, slug: str, lead: str = "", upcoming: bool, event_type=None
) -> EventPage:
    """An unsaved event in Moscow time: an upcoming one within three months with its
    registration window (open now or opening soon) and capacity, a past one within three
    years with materials; both with a programme and speakers (`kit` is a
    `site_content.demo.DemoKit`). After `add_child`, call `demo_event_classify`."""
    rng, text = kit.rng, kit.text
    day = kit.day(rng.randint(2, 90)) if upcoming else kit.past_day(3, 3 * 365)
    start = kit.moment(day, rng.choice((10, 11, 14, 15, 16)), rng.choice((0, 30)))
    days = 2 if rng.random() < 0.15 else 1
    end = start + timedelta(days=days - 1, hours=rng.choice((1, 2, 3, 4, 6)))
    online = rng.random() < 0.35
    page = EventPage(
        title=title,
        slug=slug,
        lead=lead,
        event_type=event_type or rng.choice(demo_terms()[EventType]),
        start=start,
        end=end,
        place="" if online and rng.random() < 0.5 else rng.choice(PLACES),
        online_url=f"https://example.org/online/{slug}" if online else "",
    )
    if rng.random() < 0.8:
        page.capacity = rng.choice((20, 30, 40, 60, 100, 150))
        page.registration_opens = start - timedelta(days=rng.randint(14, 45))
        page.registration_closes = start - timedelta(hours=rng.choice((2, 24, 48)))
    image = kit.image() if rng.random() < 0.6 else None
    if image is not None:
        page.image, page.image_alt = image, text.sentence()
    page.programme = _programme(kit, start, end)
    page.speakers = [kit.block("speaker", _speaker(kit)) for _ in range(rng.randint(1, 3))]
    if not upcoming and kit.documents:
        materials = [kit.block("document", kit.document_value())]
        if rng.random() < 0.5:
            materials.append(kit.block("link", {"title": text.title(), "url": kit.video_url()}))
        page.materials = materials
    return page


def demo_event_classify(page: EventPage, rng: random.Random, terms=None) -> None:
    """The audience of a demo event (saved with the next revision)."""
    terms = terms or demo_terms()
    page.audience = rng.sample(terms[Grade], k=min(len(terms[Grade]), rng.randint(1, 3)))


def _programme(kit, start, end) -> list[dict]:
    """Sessions of the first day, half an hour to two hours each, in order."""
    rng, text = kit.rng, kit.text
    minutes = start.hour * 60 + start.minute  # `start` is in Moscow time
    last = min(minutes + max(60, int((end - start).total_seconds() // 60)), 21 * 60)
    sessions = []
    while minutes + 30 <= last and len(sessions) < 6:
        length = min(rng.choice((30, 45, 60, 90, 120)), last - minutes)
        sessions.append(
            kit.block(
                "session",
                {
                    "day": None,
                    "starts": f"{minutes // 60:02d}:{minutes % 60:02d}:00",
                    "ends": f"{(minutes + length) // 60:02d}:{(minutes + length) % 60:02d}:00",
                    "title": text.title(),
                    "speakers": text.person() if rng.random() < 0.6 else "",
                    "place": rng.choice(PLACES) if rng.random() < 0.3 else "",
                    "description": text.sentence() if rng.random() < 0.4 else "",
                },
            )
        )
        minutes += length
    return sessions


def _speaker(kit) -> dict:
    rng, text = kit.rng, kit.text
    photo = kit.image() if rng.random() < 0.5 else None
    name = text.person()
    return {
        "name": name,
        "role": rng.choice([r for r in text.roles() if r] or ["—"]),
        "photo": photo.pk if photo else None,
        "photo_alt": text.sentence() if photo else "",
        "bio": text.sentence() if rng.random() < 0.5 else "",
    }
