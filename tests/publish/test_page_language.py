"""Each language version of the published site speaks its own language: the theme's labels
(menu, breadcrumbs, search box, footer), dates and image captions of an English page are
English, those of a Russian page Russian."""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Locale

from search.models import SearchPage
from site_content.events.models import EventIndexPage, EventPage
from site_content.taxonomy.models import EventType
from tests.factories import add_page, make_image, make_site, translate
from tests.publish.helpers import page_html, publish_full

pytestmark = pytest.mark.django_db

MSK = ZoneInfo("Europe/Moscow")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Elements that never have a closing tag, so they never open a language scope.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "content"}


class _Reader(HTMLParser):
    """Text and read-out attributes of a page, each with the language it is marked up in."""

    def __init__(self):
        super().__init__()
        self.langs = ["?"]
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or self.langs[-1]
        for name in READ_ATTRIBUTES & attrs.keys():
            # The language switcher names each language in that language, marked by its lang.
            self.found.append((lang, attrs[name] or ""))
        if tag not in VOID:
            self.langs.append(lang)

    def handle_endtag(self, tag):
        if tag not in VOID and len(self.langs) > 1:
            self.langs.pop()

    def handle_data(self, data):
        if data.strip():
            self.found.append((self.langs[-1], data.strip()))


def russian_outside_russian_markup(html: str) -> list[str]:
    """Russian words a reader meets where the page does not say they are Russian."""
    reader = _Reader()
    reader.feed(html)
    return [text for lang, text in reader.found if lang != "ru" and CYRILLIC.search(text)]


@pytest.fixture
def bilingual_site(media_root):
    """A Russian site and its English translation: a menu section with a photo and a subpage,
    a search page and an event."""
    homes = make_site()
    search = SearchPage(title="Поиск", slug="search")
    homes["ru"].add_child(instance=search)
    search.save_revision().publish()
    translate(search, "en", "Search")

    photo = make_image("Атриум")
    about = add_page(
        homes["ru"],
        "О модели",
        slug="about",
        show_in_menus=True,
        lead="Как устроено пространство.",
        body=[
            (
                "image",
                {
                    "image": photo,
                    "alt_text": "Ученики работают в атриуме",
                    "caption": "Атриум лицея",
                    "credit": "Пресс-служба лицея",
                },
            )
        ],
    )
    zones = add_page(about, "Зоны пространства", slug="zones")
    about_en = translate(about, "en", "About the model")
    about_en.lead = "How the space works."
    about_en.body = [
        (
            "image",
            {
                "image": photo,
                "alt_text": "Students at work in the atrium",
                "caption": "The lyceum's atrium",
                "credit": "Lyceum press office",
            },
        )
    ]
    about_en.save_revision().publish()
    translate(zones, "en", "Zones of the space")

    events = EventIndexPage(title="События", slug="events", show_in_menus=True)
    homes["ru"].add_child(instance=events)
    events.save_revision().publish()
    translate(events, "en", "Events")
    ru = Locale.objects.get(language_code="ru")
    seminar = EventType.objects.create(name="Семинар", slug="seminar", locale=ru)
    event = EventPage(
        title="Семинар для школ-партнёров",
        slug="seminar",
        start=datetime(2026, 12, 1, 15, tzinfo=MSK),
        end=datetime(2026, 12, 1, 17, tzinfo=MSK),
        place="Лицей, актовый зал",
        event_type=seminar,
    )
    events.add_child(instance=event)
    event.save_revision().publish()
    event_en = translate(event, "en", "Seminar for partner schools")
    event_en.place = "Lyceum, assembly hall"
    seminar_en = seminar.copy_for_translation(Locale.objects.get(language_code="en"))
    seminar_en.name = "Seminar"
    seminar_en.save()
    event_en.event_type = seminar_en
    event_en.save_revision().publish()

    publish_full(strict=True)


def test_an_english_page_labels_its_menu_breadcrumbs_search_box_and_footer_in_english(
    bilingual_site,
):
    html = page_html("/en/about/zones/")

    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert 'aria-label="Main menu"' in html and ">About the model</a>" in html
    assert 'aria-label="Breadcrumbs"' in html
    assert "Search the site" in html and 'placeholder="Search"' in html
    assert "The digital coworking space for everyone in education" in html
    assert "Feed of new materials (Atom)" in html and ">Sitemap</a>" in html
    assert russian_outside_russian_markup(html) == []


def test_an_english_page_shows_the_english_caption_and_credit_of_its_photo(bilingual_site):
    html = page_html("/en/about/")

    assert "The lyceum's atrium" in html or "The lyceum&#x27;s atrium" in html
    assert "© Lyceum press office" in html
    assert 'alt="Students at work in the atrium"' in html
    assert "In this section" in html
    assert russian_outside_russian_markup(html) == []


def test_an_english_event_gives_its_date_time_zone_and_labels_in_english(bilingual_site):
    html = page_html("/en/events/seminar/")

    assert "1 December 2026, 15:00" in html
    assert '<abbr title="Moscow time">MSK</abbr>' in html
    assert "<dt>When</dt>" in html and "<dt>Where</dt>" in html
    assert "Add to calendar (.ics)" in html
    assert ">Seminar</a>" in html
    assert russian_outside_russian_markup(html) == []


def test_the_english_search_page_explains_itself_in_english(bilingual_site):
    html = page_html("/en/search/")

    assert "What are you looking for?" in html
    assert 'data-msg-found="Found: {count}"' in html
    assert 'data-msg-facet-subject="Subject"' in html
    assert "Search results are shown with JavaScript" in html
    assert russian_outside_russian_markup(html) == []


def test_a_russian_page_keeps_its_labels_dates_and_captions_in_russian(bilingual_site):
    section = page_html("/ru/about/")
    event = page_html("/ru/events/seminar/")
    search = page_html("/ru/search/")

    assert '<html lang="ru">' in section
    assert "К содержанию" in section and 'aria-label="Главное меню"' in section
    assert "Поиск по сайту" in section and "Лента новых материалов (Atom)" in section
    assert "Атриум лицея" in section and "© Пресс-служба лицея" in section
    assert "В этом разделе" in section
    assert 'aria-label="Навигационная цепочка"' in page_html("/ru/about/zones/")
    assert "1 декабря 2026, 15:00" in event and ">МСК</abbr>" in event
    assert "<dt>Когда</dt>" in event
    assert "Что вы ищете?" in search and 'data-msg-found="Найдено: {count}"' in search
    for english in ("Skip to content", "Main menu", "Search the site", "December", "When"):
        assert english not in section + event + search


def test_the_checker_finds_russian_that_is_not_marked_as_russian():
    html = (
        '<html lang="en"><body><p>Hello <a lang="ru" href="/ru/">Русский</a></p>'
        '<img alt="Атриум"><nav aria-label="Main menu"></nav><p>Привет</p></body></html>'
    )

    assert russian_outside_russian_markup(html) == ["Атриум", "Привет"]
