"""Synthetic demo content for benchmarks and load tests: a deterministic tree of pages.

`generate_demo_content` plans the whole tree in memory first (titles, slugs, sections,
which pages get an English translation), then creates it in creation order, parents before
children, with one revision published per page. Everything that is drawn at random comes
from one `random.Random(seed)`, so the same seed on an empty database gives the same site.
"""

from __future__ import annotations

import io
import random
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from anyascii import anyascii
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.html import escape
from django.utils.text import slugify
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from publish.progress import Progress
from site_content.pages.models import HomePage, StandardPage

TRANSLATED_SHARE = 0.15
PAGES_PER_TRANSACTION = 50
MAX_LEVEL = 4  # levels below the home page; sections are 3 or 4 levels deep
CHILDREN_PER_SECTION = (5, 30)
TOP_SECTIONS = (6, 8)
FIRST_DATE = datetime(2020, 9, 1, 9, 0, tzinfo=UTC)
DATE_SPAN_DAYS = 5 * 365

RU_WORDS = """
лицей школа коворкинг пространство проект команда ученик учитель наставник урок занятие
модуль практика исследование открытие встреча форум семинар лаборатория мастерская
библиотека выставка экспозиция решение методика программа курс олимпиада конференция
партнёр сетевой цифровой образовательный открытый городской региональный научный
инженерный творческий учебный летний зимний весенний осенний новый лучший главный
развитие взаимодействие сотрудничество поддержка наука искусство история математика
физика химия биология литература география информатика робототехника дизайн медиа
журналистика экология технология будущее идея задача результат опыт знание навык
компетенция оценка портфолио публикация доклад статья сборник отчёт план расписание
площадка зона аудитория зал кабинет центр клуб сообщество объединение совет родитель
выпускник абитуриент студент педагог методист куратор эксперт жюри конкурс фестиваль
экскурсия поездка экспедиция смена неделя день год четверть семестр тема вопрос ответ
диалог дискуссия презентация защита модель карта маршрут путеводитель материал ресурс
""".split()

RU_SYLLABLES = """
ра ло ни ка ве то ми са де ко ле ру па на ти го зе бо ча мо ли ре ны ва ду се по
""".split()

EN_WORDS = """
lyceum school coworking space project team student teacher mentor lesson module practice
research meeting forum seminar laboratory workshop library exhibition solution method
programme course olympiad conference partner network digital open city regional science
engineering creative summer winter spring autumn new main development cooperation support
art history mathematics physics chemistry biology literature geography computing robotics
design media ecology technology future idea task result experience knowledge skill
assessment portfolio publication report article plan schedule venue zone hall centre club
community council parent graduate guide map route resource question answer dialogue
""".split()

RU_PEOPLE = [
    "Анна Соколова",
    "Игорь Лебедев",
    "Мария Кузнецова",
    "Дмитрий Орлов",
    "Елена Васильева",
    "Сергей Морозов",
    "Ольга Новикова",
    "Павел Фёдоров",
]
RU_ROLES = ["учитель физики", "директор лицея", "выпускница", "методист", "ученик 10 класса", ""]
EN_PEOPLE = ["Anna Sokolova", "Igor Lebedev", "Maria Kuznetsova", "Dmitry Orlov", "Elena Vasilieva"]
EN_ROLES = ["physics teacher", "head of the lyceum", "graduate", "methodologist", ""]


@dataclass
class PlannedPage:
    """One page of the planned tree; `parent` is an index into the plan, None for the home."""

    index: int
    parent: int | None
    level: int
    section: bool = False
    translated: bool = False
    children: list[int] = field(default_factory=list)


@dataclass
class DemoResult:
    russian: int
    english: int
    images: int
    documents: int
    seconds: float

    @property
    def pages(self) -> int:
        return self.russian + self.english

    def summary(self) -> str:
        rate = self.pages / self.seconds if self.seconds else 0
        return (
            f"demo content: {self.pages} pages ({self.russian} Russian, {self.english} English), "
            f"{self.images} images, {self.documents} documents in {self.seconds:.1f} s "
            f"({rate:.0f} pages/s)"
        )


class Text:
    """Russian-looking (or English) words, sentences and titles from one random generator."""

    def __init__(self, rng: random.Random, language: str):
        self.rng = rng
        self.language = language
        self.words = RU_WORDS if language == "ru" else EN_WORDS

    def word(self) -> str:
        if self.language == "ru" and self.rng.random() < 0.2:
            return "".join(self.rng.choices(RU_SYLLABLES, k=self.rng.randint(2, 4)))
        return self.rng.choice(self.words)

    def words_(self, count: int) -> str:
        return " ".join(self.word() for _ in range(count))

    def title(self) -> str:
        return self.words_(self.rng.randint(2, 5)).capitalize()

    def sentence(self) -> str:
        return self.words_(self.rng.randint(6, 16)).capitalize() + self.rng.choice(".....!?")

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))


def generate_demo_content(
    *,
    pages: int,
    seed: int = 1,
    images: int = 20,
    documents: int = 8,
    stream=None,
    show_progress: bool = True,
) -> DemoResult:
    """Create `pages` standard pages (Russian plus ~15% English translations) under the homes.

    The site and its home pages are created first when the database has none. Publishing on
    save should be off (settings.PUBLISH_ON_CHANGE) while this runs: the signal handlers would
    otherwise rebuild the site after every page.
    """
    started = time.monotonic()
    stream = stream or sys.stdout
    rng = random.Random(seed)
    russian_count = max(1, round(pages / (1 + TRANSLATED_SHARE))) if pages else 0
    plan = plan_tree(russian_count, pages - russian_count, rng)
    with transaction.atomic():
        homes = ensure_site()
    with deferred_indexing():
        with transaction.atomic():
            image_pool = make_images(images, rng)
            document_pool = make_documents(documents, rng)
        progress = Progress("pages", pages, stream=stream, enabled=show_progress)
        creator = _Creator(rng, homes, image_pool, document_pool, plan, progress)
        creator.create_russian()
        creator.create_english()
        progress.done()
    created = [p.pk for p in creator.ru_pages.values()] + [p.pk for p in creator.en_pages.values()]
    index_in_bulk(StandardPage, created)
    index_in_bulk(get_image_model(), [i.pk for i in image_pool])
    index_in_bulk(get_document_model(), [d.pk for d in document_pool])
    return DemoResult(
        russian=russian_count,
        english=pages - russian_count,
        images=len(image_pool),
        documents=len(document_pool),
        seconds=time.monotonic() - started,
    )


def plan_tree(russian: int, english: int, rng: random.Random) -> list[PlannedPage]:
    """A tree of `russian` pages in creation order: top sections under the home, each section
    with 5-30 children, sections nested up to MAX_LEVEL; `english` of them marked translated,
    always together with their ancestors."""
    plan: list[PlannedPage] = []
    if russian == 0:
        return plan
    low, high = CHILDREN_PER_SECTION
    open_sections: list[PlannedPage] = []
    for _ in range(min(russian, rng.randint(*TOP_SECTIONS))):
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


@contextmanager
def deferred_indexing():
    """Skip the search and reference index updates on every save (a page is saved three times
    on its way to being published); `index_in_bulk` catches up afterwards."""
    models = [
        m for m in search_index.get_indexed_models() if getattr(m, "search_auto_update", True)
    ]
    disconnected = [m for m in models if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_in_bulk(model, ids: list[int], chunk: int = 500) -> None:
    """Add the objects to the search backends and the reference index, a chunk at a time."""
    for start in range(0, len(ids), chunk):
        objects = list(model.objects.filter(pk__in=ids[start : start + chunk]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)
        with transaction.atomic():
            for obj in objects:
                ReferenceIndex.create_or_update_for_object(obj)


def ensure_site() -> dict[str, Page]:
    """The Russian home of the default site and its English translation, created if missing."""
    ru, _ = Locale.objects.get_or_create(language_code="ru")
    en, _ = Locale.objects.get_or_create(language_code="en")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = None
    if site is not None and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    elif HomePage.objects.filter(locale=ru).exists():
        home = HomePage.objects.filter(locale=ru).order_by("path").first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title="Коворкинг", slug="coworking", locale=ru, lead="Главная")
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.depth == 2 and not isinstance(old_root.specific, HomePage):
            old_root.delete()
    home_en = home.get_translation_or_none(en)
    if home_en is None:
        home_en = home.copy_for_translation(en)
        home_en.title = "Coworking"
        home_en.lead = "Home"
        home_en.save_revision().publish()
    return {"ru": home, "en": home_en.specific}


def make_images(count: int, rng: random.Random) -> list:
    """A pool of generated JPEG photos (gradients with shapes), reused across pages."""
    text = Text(rng, "ru")
    pool = []
    for number in range(count):
        width, height = rng.choice([(1600, 1067), (1200, 800), (1200, 1200), (900, 1200)])
        base = tuple(rng.randrange(40, 200) for _ in range(3))
        img = PILImage.new("RGB", (width, height), base)
        draw = ImageDraw.Draw(img)
        for y in range(0, height, 8):
            shade = tuple(min(255, c + y * 60 // height) for c in base)
            draw.rectangle([0, y, width, y + 8], fill=shade)
        for _ in range(rng.randint(3, 8)):
            x0, y0 = rng.randrange(width), rng.randrange(height)
            size = rng.randrange(60, 400)
            colour = tuple(rng.randrange(256) for _ in range(3))
            shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
            shape([x0, y0, x0 + size, y0 + size], fill=colour)
        buffer = io.BytesIO()
        img.save(buffer, "JPEG", quality=82)
        title = f"{text.title()} {number + 1}"
        pool.append(
            get_image_model().objects.create(
                title=title,
                file=ContentFile(buffer.getvalue(), name=f"demo-{number + 1:03d}.jpg"),
            )
        )
    return pool


def make_documents(count: int, rng: random.Random) -> list:
    """A pool of small one-page PDF documents."""
    text = Text(rng, "ru")
    pool = []
    for number in range(count):
        title = text.title()
        pool.append(
            get_document_model().objects.create(
                title=title,
                file=ContentFile(
                    _tiny_pdf(f"Demo document {number + 1}"), name=f"demo-{number + 1:03d}.pdf"
                ),
            )
        )
    return pool


def _tiny_pdf(line: str) -> bytes:
    content = f"BT /F1 24 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


class _Creator:
    """Creates the planned pages, parents first, and remembers them for links."""

    def __init__(self, rng, homes, images, documents, plan, progress):
        self.rng = rng
        self.homes = homes
        self.images = images
        self.documents = documents
        self.plan = plan
        self.progress = progress
        self.ru_pages: dict[int, StandardPage] = {}
        self.en_pages: dict[int, Page] = {}
        self.link_targets: dict[str, list[int]] = {"ru": [], "en": []}
        self.en_locale = homes["en"].locale
        self.used_slugs: dict[int, set[str]] = {}

    def create_russian(self) -> None:
        text = Text(self.rng, "ru")
        for batch in _batches(self.plan, PAGES_PER_TRANSACTION):
            with transaction.atomic():
                for planned in batch:
                    self._create_russian(text, planned)

    def create_english(self) -> None:
        text = Text(self.rng, "en")
        translated = [p for p in self.plan if p.translated]
        for batch in _batches(translated, PAGES_PER_TRANSACTION):
            with transaction.atomic():
                for planned in batch:
                    self._create_english(text, planned)

    def _create_russian(self, text: Text, planned: PlannedPage) -> None:
        parent = self.homes["ru"] if planned.parent is None else self.ru_pages[planned.parent]
        title = text.title()
        page = StandardPage(
            title=title,
            slug=self._unique_slug(parent, title),
            lead=text.sentence(),
            body=self._body(text, planned),
            show_in_menus=planned.level == 1,
            first_published_at=self._date(),
        )
        parent.add_child(instance=page)
        page.save_revision(clean=False, log_action=False).publish(log_action=False)
        self.ru_pages[planned.index] = page
        self.link_targets["ru"].append(page.pk)
        self.progress.advance()

    def _create_english(self, text: Text, planned: PlannedPage) -> None:
        source = self.ru_pages[planned.index]
        page = source.copy_for_translation(self.en_locale)
        page.title = text.title()
        page.first_published_at = source.first_published_at + timedelta(
            hours=self.rng.randrange(1, 24 * 30)
        )
        page.lead = text.sentence()
        page.body = self._body(text, planned)
        page.save_revision(clean=False, log_action=False).publish(log_action=False)
        self.en_pages[planned.index] = page
        self.link_targets["en"].append(page.pk)
        self.progress.advance()

    def _unique_slug(self, parent: Page, title: str) -> str:
        taken = self.used_slugs.get(parent.pk)
        if taken is None:
            taken = set(parent.get_children().values_list("slug", flat=True))
            self.used_slugs[parent.pk] = taken
        base = (slugify(anyascii(title))[:48].strip("-")) or "page"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    def _date(self) -> datetime:
        return FIRST_DATE + timedelta(minutes=self.rng.randrange(DATE_SPAN_DAYS * 24 * 60))

    def _block(self, kind: str, value) -> dict:
        return {
            "type": kind,
            "value": value,
            "id": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
        }

    def _body(self, text: Text, planned: PlannedPage) -> list[dict]:
        rng = self.rng
        blocks = []
        paragraphs = rng.randint(1, 3) if planned.section else rng.randint(2, 5)
        for number in range(paragraphs):
            blocks.append(self._block("rich_text", self._rich_text(text, number > 0)))
            roll = rng.random()
            if roll < 0.25 and self.images:
                blocks.append(self._block("image", self._image(text)))
            elif roll < 0.35:
                people = RU_PEOPLE if text.language == "ru" else EN_PEOPLE
                roles = RU_ROLES if text.language == "ru" else EN_ROLES
                blocks.append(
                    self._block(
                        "quote",
                        {
                            "quote": text.sentences(1, 3),
                            "author": rng.choice(people),
                            "role": rng.choice(roles),
                        },
                    )
                )
            elif roll < 0.42 and self.documents:
                document = rng.choice(self.documents)
                blocks.append(
                    self._block(
                        "document",
                        {
                            "document": document.pk,
                            "title": text.title() if rng.random() < 0.5 else "",
                        },
                    )
                )
        return blocks

    def _image(self, text: Text) -> dict:
        return {
            "image": self.rng.choice(self.images).pk,
            "alt_text": text.sentence(),
            "caption": text.title() if self.rng.random() < 0.6 else "",
            "credit": self.rng.choice(RU_PEOPLE if text.language == "ru" else EN_PEOPLE),
        }

    def _rich_text(self, text: Text, heading: bool) -> str:
        """Paragraphs, sometimes a heading, a list and links to pages created earlier."""
        rng = self.rng
        linkable = self.link_targets[text.language]
        parts = []
        if heading and rng.random() < 0.5:
            parts.append(f"<h2>{escape(text.title())}</h2>")
        for _ in range(rng.randint(1, 3)):
            sentences = [escape(text.sentence()) for _ in range(rng.randint(2, 5))]
            if linkable and rng.random() < 0.3:
                target = rng.choice(linkable)
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


def _batches(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
