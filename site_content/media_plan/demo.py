"""News, press releases, the media plan and a press contact for synthetic demo content."""

from __future__ import annotations

from .blocks import MEDIA_PLAN_STATUSES
from .models import MediaContact, MediaPlanPage, NewsPage

__all__ = ["demo_media_contact", "demo_media_plan", "demo_news"]

CHANNELS = ["Сайт лицея", "Телеграм-канал лицея", "Районная газета", "Городское радио"]


def demo_media_contact() -> MediaContact:
    """The press office: an adult staff member who agreed to be a public contact."""
    contact, _ = MediaContact.objects.get_or_create(
        slug="demo-press-office",
        defaults={
            "name": "Пресс-служба лицея",
            "role": "заместитель директора по информатизации",
            "email": "press@lyceum.example",
            "is_public_adult_contact": True,
        },
    )
    return contact


def demo_news(kit, *, title: str, slug: str, lead: str = "", release: bool) -> NewsPage:
    """An unsaved news item or press release (with a press kit), dated in the past."""
    rng, text = kit.rng, kit.text
    image = kit.image() if rng.random() < 0.7 else None
    page = NewsPage(
        title=title,
        slug=slug,
        lead=lead,
        kind=NewsPage.KIND_PRESS_RELEASE if release else NewsPage.KIND_NEWS,
        date=kit.past_day(1, 4 * 365),
        image=image,
        image_alt=text.sentence() if image else "",
    )
    if release and kit.documents:
        page.press_kit = [
            kit.block("document", kit.document_value()) for _ in range(rng.randint(1, 3))
        ]
    return page


def demo_media_plan(kit, *, title: str, slug: str, lead: str = "", pages=()) -> MediaPlanPage:
    """An unsaved media plan of the school year: entries, some pointing at `pages` (news,
    events, exhibitions of this site), some published elsewhere."""
    rng, text = kit.rng, kit.text
    entries = []
    for _ in range(rng.randint(6, 14)):
        status = rng.choice(MEDIA_PLAN_STATUSES)[0]
        page = rng.choice(pages) if pages and status == "published" and rng.random() < 0.6 else None
        entries.append(
            kit.block(
                "entry",
                {
                    "date": kit.day(rng.randint(-200, 120)).isoformat(),
                    "channel": rng.choice(CHANNELS),
                    "topic": text.title(),
                    "status": status,
                    "page": page.pk if page else None,
                    "link": "https://example.org/press/" + str(rng.randint(100, 999))
                    if status == "published" and page is None
                    else "",
                },
            )
        )
    year = kit.today.year if kit.today.month >= 9 else kit.today.year - 1
    return MediaPlanPage(
        title=title, slug=slug, lead=lead, period=f"{year}/{(year + 1) % 100:02d}", entries=entries
    )
