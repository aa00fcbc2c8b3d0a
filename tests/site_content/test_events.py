"""Events: tree rules, validation, upcoming/past at build time, registration notes, .ics files."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from site_content.events import selectors
from site_content.events.models import EventIndexPage, EventPage
from site_content.pages.models import HomePage, StandardPage
from site_content.taxonomy.models import EventType, Grade
from tests.factories import make_document, make_site, translate
from tests.publish.helpers import live, page_html, publish_full

pytestmark = pytest.mark.django_db

MSK = ZoneInfo("Europe/Moscow")
BUILD_TIME = datetime(2026, 11, 23, 12, 0, tzinfo=MSK)


def msk(*args) -> datetime:
    return datetime(*args, tzinfo=MSK)


@pytest.fixture
def clock(monkeypatch):
    """The build's clock, fixed at 23 November 2026, 12:00 in Moscow; `clock.set` moves it."""

    class Clock:
        now = BUILD_TIME

        def set(self, moment):
            self.now = moment

    state = Clock()
    monkeypatch.setattr(selectors, "events_now", lambda: state.now)
    return state


def event_type(slug: str, name: str) -> EventType:
    ru, _ = Locale.objects.get_or_create(language_code="ru")
    return EventType.objects.get_or_create(slug=slug, locale=ru, defaults={"name": name})[0]


def add(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_events_index(home) -> EventIndexPage:
    return add(home, EventIndexPage(title="События", slug="events", lead="Что будет и что было"))


def make_event(index, title: str, slug: str, start: datetime, end: datetime, **fields):
    fields.setdefault("event_type", event_type("seminar", "Семинар"))
    fields.setdefault("place", "Лицей, актовый зал")
    return add(index, EventPage(title=title, slug=slug, start=start, end=end, **fields))


def ics_bytes(path: str) -> bytes:
    """A published calendar file, checked line by line as RFC 5545, 3.1 asks: every physical
    line ends with CRLF and is at most 75 octets, never cut inside a UTF-8 letter."""
    raw = (live() / path).read_bytes()
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, line
        line.decode("utf-8")
    return raw


def parse_ics(path: str) -> Calendar:
    return Calendar.from_ical(ics_bytes(path))


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


class EventTreeRulesTest(WagtailPageTestCase):
    def test_events_live_under_the_events_index_and_nowhere_else(self):
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(StandardPage, EventPage)
        self.assertCanNotCreateAt(EventPage, EventPage)
        self.assertCanNotCreateAt(EventIndexPage, StandardPage)
        self.assertCanNotCreateAt(EventIndexPage, EventIndexPage)

    def test_the_events_index_belongs_directly_under_a_home_page(self):
        self.assertEqual(EventIndexPage.clean_parent_page_models(), [HomePage])
        if "events.EventIndexPage" not in HomePage.subpage_types:
            pytest.skip("HomePage.subpage_types does not list EventIndexPage yet")
        self.assertCanCreateAt(HomePage, EventIndexPage)

    def test_every_event_page_type_declares_its_template(self):
        for model in (EventIndexPage, EventPage):
            self.assertTrue(model.template.startswith("events/"), model)


def invalid(**fields) -> dict[str, list[str]]:
    values = {
        "title": "Семинар",
        "slug": "seminar",
        "start": msk(2026, 12, 1, 15),
        "end": msk(2026, 12, 1, 17),
        "place": "Лицей",
    }
    values.update(fields)
    with pytest.raises(ValidationError) as caught:
        EventPage(**values).clean()
    return caught.value.message_dict


def test_an_event_must_end_after_it_starts():
    errors = invalid(end=msk(2026, 12, 1, 14))
    assert errors["end"] == ["Окончание должно быть позже начала."]


def test_registration_must_close_before_the_event_ends():
    errors = invalid(
        registration_opens=msk(2026, 11, 1, 10), registration_closes=msk(2026, 12, 1, 18)
    )
    assert errors["registration_closes"] == ["Регистрация должна закрыться до окончания события."]


def test_registration_must_open_before_it_closes_and_needs_both_dates():
    errors = invalid(
        registration_opens=msk(2026, 11, 20, 10), registration_closes=msk(2026, 11, 10, 10)
    )
    assert errors["registration_closes"] == ["Регистрация должна закрыться позже, чем откроется."]
    errors = invalid(registration_opens=msk(2026, 11, 20, 10))
    assert "registration_closes" in errors


def test_an_event_needs_a_place_or_an_online_link():
    errors = invalid(place="")
    assert errors["place"] == ["Укажите место проведения или ссылку для онлайн-участия."]
    EventPage(
        title="Вебинар",
        start=msk(2026, 12, 1, 15),
        end=msk(2026, 12, 1, 16),
        online_url="https://telemost.yandex.ru/j/123",
    ).clean()


def test_an_illustrated_event_needs_its_alt_text():
    errors = invalid(image_id=1, image_alt="  ")
    assert errors["image_alt"] == ["Опишите иллюстрацию: без этого её не увидит незрячий читатель."]


def test_an_event_cannot_take_the_address_of_the_type_listings():
    errors = invalid(slug="type")
    assert errors["slug"] == ["Адрес «type» занят страницами типов событий; выберите другой."]


def test_every_event_page_type_publishes_in_a_strict_build(site_dir, media_root, clock):
    home = make_site()["ru"]
    index = make_events_index(home)
    make_event(
        index,
        "Хакатон",
        "hackathon-2026",
        msk(2026, 12, 5, 10),
        msk(2026, 12, 6, 18),
        event_type=event_type("hackathon", "Хакатон"),
    )
    make_event(index, "Семинар", "seminar", msk(2026, 10, 1, 15), msk(2026, 10, 1, 17))

    result = publish_full(strict=True)

    assert result.broken_links == []
    for path in [
        "ru/events/index.html",
        "ru/events/hackathon-2026/index.html",
        "ru/events/hackathon-2026/event.ics",
        "ru/events/seminar/event.ics",
        "ru/events/calendar.ics",
        "ru/events/type/hackathon/index.html",
        "ru/events/type/seminar/index.html",
    ]:
        assert (live() / path).is_file(), path


def test_the_index_splits_upcoming_and_past_events_at_the_moment_of_the_build(site_dir, clock):
    home = make_site()["ru"]
    index = make_events_index(home)
    make_event(index, "Прошедший семинар", "past", msk(2026, 11, 20, 15), msk(2026, 11, 20, 17))
    make_event(index, "Идущая сессия", "now", msk(2026, 11, 23, 10), msk(2026, 11, 23, 18))
    make_event(index, "Будущая конференция", "next", msk(2026, 11, 25, 10), msk(2026, 11, 25, 16))

    publish_full(strict=True)
    html = page_html("/ru/events/")
    upcoming, past = section(html, "upcoming-title"), section(html, "past-title")

    assert "Идущая сессия" in upcoming and "Будущая конференция" in upcoming
    assert upcoming.index("Идущая сессия") < upcoming.index("Будущая конференция")
    assert "идёт сейчас" in upcoming
    assert "Прошедший семинар" in past and "Прошедший семинар" not in upcoming

    clock.set(msk(2026, 12, 1, 9))
    publish_full(strict=True)
    html = page_html("/ru/events/")
    upcoming, past = section(html, "upcoming-title"), section(html, "past-title")

    assert "Новых событий пока не объявлено." in upcoming
    assert past.index("Будущая конференция") < past.index("Идущая сессия")
    assert past.index("Идущая сессия") < past.index("Прошедший семинар")


def test_events_starting_at_the_same_time_are_listed_in_the_same_order_every_build(site_dir, clock):
    home = make_site()["ru"]
    index = make_events_index(home)
    for slug in ("b-seminar", "a-seminar", "c-seminar"):
        make_event(index, f"Семинар {slug}", slug, msk(2026, 12, 1, 15), msk(2026, 12, 1, 17))

    publish_full(strict=True)
    first = page_html("/ru/events/")
    publish_full(strict=True)

    assert page_html("/ru/events/") == first
    positions = [first.index(f"Семинар {s}") for s in ("b-seminar", "a-seminar", "c-seminar")]
    assert positions == sorted(positions)


def test_a_type_listing_shows_only_events_of_that_type(site_dir, clock):
    home = make_site()["ru"]
    index = make_events_index(home)
    make_event(
        index,
        "Хакатон",
        "hack",
        msk(2026, 12, 5, 10),
        msk(2026, 12, 6, 18),
        event_type=event_type("hackathon", "Хакатон"),
    )
    make_event(index, "Семинар", "sem", msk(2026, 12, 1, 15), msk(2026, 12, 1, 17))

    publish_full(strict=True)
    html = page_html("/ru/events/type/hackathon/")

    assert 'href="/ru/events/hack/"' in html
    assert 'href="/ru/events/sem/"' not in html
    assert 'href="/ru/events/type/hackathon/" aria-current="page"' in html


def test_the_event_page_shows_moscow_time_links_its_calendar_file_and_the_programme(
    site_dir, media_root, clock
):
    home = make_site()["ru"]
    index = make_events_index(home)
    ru = Locale.objects.get(language_code="ru")
    parents = Grade.objects.create(name="Родители", slug="parents", locale=ru)
    event = make_event(
        index,
        "Конференция",
        "conference",
        msk(2026, 12, 10, 15),
        msk(2026, 12, 10, 18, 30),
        programme=[
            {"type": "session", "value": {"starts": "15:00", "ends": "15:30", "title": "Открытие"}},
            {"type": "session", "value": {"starts": "15:30", "title": "Доклады секций"}},
        ],
        speakers=[{"type": "speaker", "value": {"name": "Анна Петрова", "role": "учитель физики"}}],
    )
    event.audience.add(parents)
    event.save_revision().publish()

    publish_full(strict=True)
    html = page_html("/ru/events/conference/")

    assert "10 декабря 2026, 15:00" in html and "18:30" in html
    assert 'datetime="2026-12-10T15:00:00+03:00"' in html
    assert 'href="/ru/events/conference/event.ics"' in html
    assert html.index("Открытие") < html.index("Доклады секций")
    assert "Анна Петрова" in html and "учитель физики" in html
    assert "Родители" in html


@pytest.mark.parametrize(
    ("fields", "state", "message"),
    [
        (
            {
                "registration_opens": msk(2026, 12, 1, 10),
                "registration_closes": msk(2026, 12, 9, 20),
            },
            "not_open",
            "Регистрация откроется 1 декабря 2026, 10:00 (МСК).",
        ),
        (
            {
                "registration_opens": msk(2026, 11, 1, 10),
                "registration_closes": msk(2026, 12, 9, 20),
            },
            "open",
            "Регистрация открыта до 9 декабря 2026, 20:00 (МСК).",
        ),
        (
            {
                "registration_opens": msk(2026, 11, 1, 10),
                "registration_closes": msk(2026, 11, 20, 20),
            },
            "closed",
            "Регистрация закрыта.",
        ),
    ],
)
def test_the_registration_widget_has_a_note_for_readers_without_javascript(
    site_dir, clock, fields, state, message
):
    home = make_site()["ru"]
    index = make_events_index(home)
    event = make_event(
        index, "Мастер-класс", "mc", msk(2026, 12, 10, 15), msk(2026, 12, 10, 17), **fields
    )

    publish_full(strict=True)
    html = page_html("/ru/events/mc/")

    widget = re.search(r'<div data-widget="registration"[^>]*>', html)
    assert widget is not None
    assert f'data-ref="{event.pk}"' in widget.group(0)
    assert 'data-lang="ru"' in widget.group(0)
    assert f'data-state="{state}"' in widget.group(0)
    assert message in html


def test_an_event_without_registration_has_no_widget(site_dir, clock):
    home = make_site()["ru"]
    index = make_events_index(home)
    make_event(index, "Семинар", "sem", msk(2026, 12, 10, 15), msk(2026, 12, 10, 17))

    publish_full(strict=True)
    html = page_html("/ru/events/sem/")

    assert 'data-widget="registration"' not in html
    assert "Регистрация не нужна" in html


def test_materials_are_shown_after_the_event(site_dir, media_root, clock):
    home = make_site()["ru"]
    index = make_events_index(home)
    slides = make_document("Презентация доклада")
    make_event(
        index,
        "Прошедший семинар",
        "past",
        msk(2026, 10, 1, 15),
        msk(2026, 10, 1, 17),
        materials=[{"type": "document", "value": {"document": slides.pk, "title": "Слайды"}}],
        registration_opens=msk(2026, 9, 1, 10),
        registration_closes=msk(2026, 9, 30, 20),
    )

    publish_full(strict=True)
    html = page_html("/ru/events/past/")

    assert "Материалы события" in html
    assert re.search(r'href="/files/\d+/[^"]+\.pdf" download>Слайды', html)
    assert "событие прошло" in html
    assert 'data-widget="registration"' not in html


def test_the_calendar_file_is_valid_icalendar_in_utc_with_a_stable_uid(site_dir, clock):
    home = make_site()["ru"]
    index = make_events_index(home)
    long_lead = (
        "Проблемная сессия для педагогов школ-партнёров: обсуждаем, как сопровождать "
        "индивидуальные проекты обучающихся в цифровом коворкинг-пространстве; "
        "приносите вопросы, кейсы и идеи."
    )
    event = make_event(
        index,
        "Проблемная сессия «Индивидуальный проект»",
        "session",
        msk(2026, 12, 3, 15, 30),
        msk(2026, 12, 3, 17),
        lead=long_lead,
        place="Лицей, ауд. 204, Санкт-Петербург",
    )
    other = make_event(index, "Семинар", "sem", msk(2026, 12, 4, 15), msk(2026, 12, 4, 16))

    publish_full(strict=True)
    raw = ics_bytes("ru/events/session/event.ics")
    calendar = Calendar.from_ical(raw)
    [entry] = calendar.walk("VEVENT")
    published = EventPage.objects.get(pk=event.pk)

    assert any(line.startswith(b" ") for line in raw.split(b"\r\n")), "long lines are folded"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Lyceum digital coworking space//Events//RU"
    assert str(calendar["X-WR-CALNAME"]) == "Проблемная сессия «Индивидуальный проект»"
    assert b"DTSTART:20261203T123000Z\r\n" in raw and b"DTEND:20261203T140000Z\r\n" in raw
    assert entry.decoded("dtstart") == event.start
    assert entry.decoded("dtend") == msk(2026, 12, 3, 17)
    assert entry.decoded("dtstamp") == published.last_published_at.replace(microsecond=0)
    assert str(entry["SUMMARY"]) == "Проблемная сессия «Индивидуальный проект»"
    assert str(entry["LOCATION"]) == "Лицей, ауд. 204, Санкт-Петербург"
    assert str(entry["URL"]) == "http://127.0.0.1:8000/ru/events/session/"
    assert str(entry["DESCRIPTION"]) == long_lead + "\n\nhttp://127.0.0.1:8000/ru/events/session/"
    assert entry["CATEGORIES"].cats == ["Семинар"]
    uid = str(entry["UID"])

    event.title = "Проблемная сессия (перенесена)"
    event.start, event.end = msk(2026, 12, 4, 15), msk(2026, 12, 4, 17)
    event.save_revision().publish()
    publish_full(strict=True)
    [again] = parse_ics("ru/events/session/event.ics").walk("VEVENT")
    [other_entry] = parse_ics("ru/events/sem/event.ics").walk("VEVENT")

    assert str(again["UID"]) == uid
    assert again.decoded("dtstart") == msk(2026, 12, 4, 15)
    assert str(again["SUMMARY"]) == "Проблемная сессия (перенесена)"
    assert str(other_entry["UID"]) != uid
    assert str(other.translation_key) in str(other_entry["UID"])


def test_the_index_calendar_holds_every_public_event_under_the_index_title(site_dir, clock):
    home = make_site()["ru"]
    index = add(home, EventIndexPage(title="События; встречи, лекции", slug="events", lead="…"))
    make_event(index, "Прошедший", "past", msk(2026, 10, 1, 15), msk(2026, 10, 1, 17))
    make_event(index, "Будущий", "next", msk(2026, 12, 1, 15), msk(2026, 12, 1, 17))

    publish_full(strict=True)
    calendar = parse_ics("ru/events/calendar.ics")
    entries = calendar.walk("VEVENT")

    # The parser has no type for X- properties and hands their values back as written, so
    # this is the escaped TEXT a calendar application reads as «События; встречи, лекции».
    assert str(calendar["X-WR-CALNAME"]) == "События\\; встречи\\, лекции"
    assert [str(entry["SUMMARY"]) for entry in entries] == ["Прошедший", "Будущий"]
    assert [entry.decoded("dtstart") for entry in entries] == [
        msk(2026, 10, 1, 15),
        msk(2026, 12, 1, 15),
    ]
    assert len({str(entry["UID"]) for entry in entries}) == 2


def test_calendar_files_are_the_same_bytes_when_the_same_content_is_built_again(site_dir, clock):
    home = make_site()["ru"]
    index = make_events_index(home)
    event = make_event(index, "Семинар", "sem", msk(2026, 12, 1, 15), msk(2026, 12, 1, 17))
    # A publish time unlike any build's clock, so a DTSTAMP taken from the clock shows.
    published = msk(2026, 11, 20, 10, 15, 30)
    EventPage.objects.filter(pk=event.pk).update(last_published_at=published)
    paths = ["ru/events/sem/event.ics", "ru/events/calendar.ics"]

    publish_full(strict=True)
    first = {path: ics_bytes(path) for path in paths}
    clock.set(msk(2026, 11, 24, 9))
    publish_full(strict=True)

    assert {path: ics_bytes(path) for path in paths} == first
    for path in paths:
        [entry] = parse_ics(path).walk("VEVENT")
        assert entry.decoded("dtstamp") == published


def test_the_english_events_index_speaks_english_and_publishes_its_own_calendar(site_dir, clock):
    homes = make_site()
    index = make_events_index(homes["ru"])
    make_event(index, "Семинар", "sem", msk(2026, 12, 1, 15), msk(2026, 12, 1, 17))
    translate(index, "en", "Events")

    publish_full(strict=True)
    html = page_html("/en/events/")

    assert "Upcoming events" in html and "Past events" in html
    assert 'href="/en/events/calendar.ics"' in html
    assert (live() / "en/events/calendar.ics").is_file()
