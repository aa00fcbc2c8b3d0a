"""What every page builder draws from: the random generator, words in the page's language, the
shared images and documents, pages created earlier, and StreamField blocks made of them."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.html import escape

from .text import Text

__all__ = ["FIRST_DATE", "MOSCOW", "DemoKit"]

FIRST_DATE = datetime(2020, 9, 1, 9, 0, tzinfo=UTC)
DATE_SPAN_DAYS = 5 * 365
MOSCOW = ZoneInfo("Europe/Moscow")


class DemoKit:
    """Shared by the builders of one language; `pages[kind]` are the pages made so far.

    Dates that depend on the present (upcoming events, open discussions) are counted from the
    start of today in Moscow, so two runs on the same day give the same site.
    """

    def __init__(self, rng: random.Random, language: str, images: list, documents: list):
        self.rng = rng
        self.text = Text(rng, language)
        self.language = language
        self.images = images
        self.documents = documents
        self.link_targets: list[int] = []
        self.pages: dict[str, list] = {}
        self.today = timezone.now().astimezone(MOSCOW).date()

    def remember(self, kind: str, page) -> None:
        self.pages.setdefault(kind, []).append(page)
        self.link_targets.append(page.pk)

    def published_at(self) -> datetime:
        """When a page first went live: some moment of the five school years from 2020."""
        return FIRST_DATE + timedelta(minutes=self.rng.randrange(DATE_SPAN_DAYS * 24 * 60))

    def day(self, offset: int) -> date:
        """Today (in Moscow) plus `offset` days."""
        return self.today + timedelta(days=offset)

    def past_day(self, low: int = 1, high: int = 5 * 365) -> date:
        return self.day(-self.rng.randint(low, high))

    def moment(self, day: date, hour: int, minute: int = 0) -> datetime:
        """A Moscow wall-clock time on `day`, as an aware datetime."""
        return datetime.combine(day, time(hour, minute), tzinfo=MOSCOW)

    def image(self):
        return self.rng.choice(self.images) if self.images else None

    def document(self):
        return self.rng.choice(self.documents) if self.documents else None

    def block(self, kind: str, value) -> dict:
        return {
            "type": kind,
            "value": value,
            "id": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
        }

    def image_value(self) -> dict:
        text = self.text
        return {
            "image": self.image().pk,
            "alt_text": text.sentence(),
            "caption": text.title() if self.rng.random() < 0.6 else "",
            "credit": text.person(),
        }

    def document_value(self) -> dict:
        return {
            "document": self.document().pk,
            "title": self.text.title() if self.rng.random() < 0.5 else "",
        }

    def body(self, low: int = 2, high: int = 5) -> list[dict]:
        """Paragraphs of rich text, now and then an image, a quote or a document."""
        rng, text = self.rng, self.text
        blocks = []
        for number in range(rng.randint(low, high)):
            blocks.append(self.block("rich_text", self.rich_text(heading=number > 0)))
            roll = rng.random()
            if roll < 0.25 and self.images:
                blocks.append(self.block("image", self.image_value()))
            elif roll < 0.35:
                quote = {
                    "quote": text.sentences(1, 3),
                    "author": text.person(),
                    "role": rng.choice(text.roles()),
                }
                blocks.append(self.block("quote", quote))
            elif roll < 0.42 and self.documents:
                blocks.append(self.block("document", self.document_value()))
        return blocks

    def rich_text(self, heading: bool = False) -> str:
        """Paragraphs, sometimes a heading, a list and links to pages created earlier."""
        rng, text = self.rng, self.text
        parts = []
        if heading and rng.random() < 0.5:
            parts.append(f"<h2>{escape(text.title())}</h2>")
        for _ in range(rng.randint(1, 3)):
            sentences = [escape(text.sentence()) for _ in range(rng.randint(2, 5))]
            if self.link_targets and rng.random() < 0.3:
                target = rng.choice(self.link_targets)
                words = escape(text.words_(rng.randint(1, 3)))
                sentences.insert(
                    rng.randrange(len(sentences) + 1),
                    f'<a linktype="page" id="{target}">{words}</a>.',
                )
            if rng.random() < 0.2:
                sentences[0] = f"<b>{sentences[0]}</b>"
            parts.append("<p>" + " ".join(sentences) + "</p>")
        if rng.random() < 0.15:
            items = "".join(
                f"<li>{escape(text.words_(rng.randint(2, 6)))}</li>"
                for _ in range(rng.randint(2, 5))
            )
            parts.append(f"<ul>{items}</ul>")
        return "".join(parts)

    def paragraph(self) -> str:
        return f"<p>{escape(self.text.sentences(1, 3))}</p>"

    def video_url(self) -> str:
        """A video page on one of the allowed providers (RuTube, VK Video, YouTube)."""
        rng = self.rng
        provider = rng.choice(("rutube", "vk", "youtube"))
        if provider == "rutube":
            return f"https://rutube.ru/video/{rng.getrandbits(128):032x}/"
        if provider == "vk":
            return f"https://vk.com/video-{rng.randint(10**7, 10**9)}_{rng.randint(10**5, 10**9)}"
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
        return "https://www.youtube.com/watch?v=" + "".join(rng.choices(alphabet, k=11))
