"""The loader reads any page type, snippet and setting through its model's fields.

These tests borrow models the zones define (events, governance, legal, taxonomy) as examples of
each kind of field: datetimes, a snippet by slug, many-to-many, inline children, a site setting.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision

from site_content.events.models import EventPage
from site_content.governance.models import CouncilPage
from site_content.legal.models import GoverningBody, SchoolDetails
from site_content.loader import ContentError, content_load, content_read
from site_content.pages.models import HomePage
from site_content.taxonomy.models import EventType, Grade
from tests.site_content.test_loader import page_at, page_file, where, write

pytestmark = pytest.mark.django_db

UTC = dt.UTC

SNIPPETS = {
    "snippets/taxonomy.EventType.yaml": """\
        - slug: hackathon
          name: Хакатон
          translations: {en: {name: Hackathon}}
        - slug: seminar
          name: Семинар
        """,
    "snippets/taxonomy.Grade.yaml": """\
        - slug: grade-9
          name: 9 класс
          sort_order: 9
        - slug: parents
          name: Родители
          sort_order: 20
          translations:
            en:
              name: Parents
        """,
    "snippets/taxonomy.Subject.yaml": """\
        - slug: mathematics
          name: Математика
        """,
    "snippets/legal.GoverningBody.yaml": """\
        - slug: council
          name: Совет коворкинг-пространства
          regulation: council-rules
        """,
}

MEDIA = {
    "images.yaml": """\
        - key: hall
          title: Актовый зал
          alt: Актовый зал лицея
          draw: {size: [120, 80], background: "#345", text: Зал}
        """,
    "documents.yaml": """\
        - key: council-rules
          title: Положение о совете
          file: council-rules.pdf
          text: Совет собирается раз в месяц.
        """,
}

EVENT = """\
---
type: EventPage
title: Хакатон «Умный город»
event_type: hackathon
start: 2025-03-14 15:00
end: 2025-03-15 18:30
place: Лицей, актовый зал
capacity: 30
registration_moderated: true
audience: [grade-9, parents]
image: hall
image_alt: Участники за работой
programme:
  - type: session
    value: {day: 2025-03-14, starts: "15:00", title: Открытие}
  - type: session
    value: {day: 2025-03-15, starts: "10:00", ends: "12:30", title: Защита проектов}
---
Два дня командной работы над проектами для города.
"""

COUNCIL = """\
---
type: CouncilPage
title: Совет коворкинг-пространства
purpose: Совет решает, как развивать пространство.
regulation: council-rules
members:
  - name: Анна Петрова
    role: председатель
    group: teacher
  - name: Иван Смирнов
    role: секретарь
    group: parent
decisions:
  - date: 2024-09-12
    title: План на год
    text: Утвердили план работы пространства.
    document: council-rules
---
"""

LIBRARY_ITEM = """\
---
type: LibraryItemPage
title: Чек-лист тьютора
item_type: methodology
year: 2024
licence: cc-by-sa-4.0
cover_image: hall
document: council-rules
subjects: [mathematics]
grades: [grade-9, parents]
tags: [тьюторство, проекты]
annotation: Шесть встреч за учебный год.
---
"""

SCHOOL = """\
full_name: Государственное бюджетное общеобразовательное учреждение лицей
short_name: Лицей
founded_on: 1990-09-01
website: https://example.org
founders:
  - name: Администрация района
  - name: Комитет по образованию
"""


def files(**extra: str) -> dict[str, str]:
    """A whole site: home, an events section with one event, governance with one council."""
    return {
        **{name: textwrap.dedent(text) for name, text in {**SNIPPETS, **MEDIA}.items()},
        "settings/legal.SchoolDetails.yaml": SCHOOL,
        "ru/index.md": page_file("Коворкинг", "Главная. [Хакатон](/ru/events/hackathon/)."),
        "ru/events.md": page_file("События", type="EventIndexPage"),
        "ru/events/hackathon.md": EVENT,
        "ru/library.md": page_file("Библиотека", type="LibraryIndexPage"),
        "ru/library/checklist.md": LIBRARY_ITEM,
        "ru/governance.md": page_file("Управление", type="GovernanceIndexPage"),
        "ru/governance/council.md": COUNCIL,
        "en/index.md": page_file("Coworking", "Home."),
        "en/events.md": page_file("Events"),
        "en/events/hackathon.md": page_file(
            "Smart city hackathon",
            "Two days of teamwork.",
            place="Lyceum, assembly hall",
            image_alt="Participants at work",
        ),
        **extra,
    }


@pytest.fixture(autouse=True)
def zone_indexes_under_home(monkeypatch):
    """The zone index pages may go under the home page, whatever HomePage allows today."""
    allowed = [
        *HomePage.subpage_types,
        "events.EventIndexPage",
        "governance.GovernanceIndexPage",
        "library.LibraryIndexPage",
    ]
    monkeypatch.setattr(HomePage, "subpage_types", allowed)
    monkeypatch.setattr(HomePage, "_clean_subpage_models", None)


@pytest.fixture
def content(tmp_path, media_root):
    return write(tmp_path / "content", files())


def test_a_page_type_is_named_by_its_model_class(content):
    content_load(root=content)

    assert isinstance(page_at("/ru/events/hackathon/"), EventPage)
    assert isinstance(page_at("/ru/governance/council/"), CouncilPage)


def test_datetimes_are_moscow_time_stored_aware(content):
    content_load(root=content)

    event = page_at("/ru/events/hackathon/")
    assert event.start == dt.datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
    assert event.end == dt.datetime(2025, 3, 15, 15, 30, tzinfo=UTC)


def test_snippets_are_named_by_slug_and_images_by_key(content):
    content_load(root=content)

    event = page_at("/ru/events/hackathon/")
    assert event.event_type.slug == "hackathon"
    assert event.event_type.locale.language_code == "ru"
    assert sorted(g.slug for g in event.audience.all()) == ["grade-9", "parents"]
    assert event.image == get_image_model().objects.get(title="Актовый зал")
    assert (event.place, event.image_alt) == ("Лицей, актовый зал", "Участники за работой")
    assert (event.capacity, event.registration_moderated) == (30, True)


def test_a_streamfield_of_structs_reads_dates_and_times(content):
    content_load(root=content)

    sessions = [block.value for block in page_at("/ru/events/hackathon/").programme]
    assert [(s["day"], s["starts"], s["ends"], s["title"]) for s in sessions] == [
        (dt.date(2025, 3, 14), dt.time(15, 0), None, "Открытие"),
        (dt.date(2025, 3, 15), dt.time(10, 0), dt.time(12, 30), "Защита проектов"),
    ]


def test_a_translation_shares_what_its_file_does_not_translate(content):
    content_load(root=content)

    ru, en = page_at("/ru/events/hackathon/"), page_at("/en/events/hackathon/")
    assert en.translation_key == ru.translation_key
    assert (en.start, en.end, en.capacity, en.image_id) == (
        ru.start,
        ru.end,
        ru.capacity,
        ru.image_id,
    )
    assert [s["value"]["title"] for s in en.programme.raw_data] == ["Открытие", "Защита проектов"]
    # Words are the translation's own: its file gives them, or they stay empty.
    assert (en.place, en.image_alt, en.lead) == (
        "Lyceum, assembly hall",
        "Participants at work",
        "",
    )
    # Snippets in the page's language when they are translated, else the Russian record.
    assert en.event_type.locale.language_code == "en"
    assert en.event_type.name == "Hackathon"
    assert sorted((g.slug, g.locale.language_code) for g in en.audience.all()) == [
        ("grade-9", "ru"),
        ("parents", "en"),
    ]
    assert en.body.raw_data[0]["value"] == "<p>Two days of teamwork.</p>"
    assert isinstance(page_at("/en/events/"), type(page_at("/ru/events/")))


def test_inline_children_are_created_in_their_order(content):
    content_load(root=content)

    council = page_at("/ru/governance/council/")
    assert [(m.name, m.role, m.group) for m in council.members.all()] == [
        ("Анна Петрова", "председатель", "teacher"),
        ("Иван Смирнов", "секретарь", "parent"),
    ]
    [decision] = council.decisions.all()
    assert decision.date == dt.date(2024, 9, 12)
    assert decision.document == get_document_model().objects.get(title="Положение о совете")
    assert council.regulation == decision.document


def test_inline_children_are_replaced_when_the_file_changes_them(content):
    content_load(root=content)
    revisions = Revision.objects.count()
    write(content, {"ru/governance/council.md": COUNCIL.replace("секретарь", "член совета")})

    report = content_load(root=content)

    council = page_at("/ru/governance/council/")
    assert [m.role for m in council.members.all()] == ["председатель", "член совета"]
    assert report.updated == ["/ru/governance/council/"]
    assert Revision.objects.count() == revisions + 1


def test_snippets_and_their_translations_are_created(content):
    report = content_load(root=content)

    hackathon = EventType.objects.get(slug="hackathon", locale__language_code="ru")
    english = hackathon.get_translation(Locale.objects.get(language_code="en"))
    assert (english.name, english.slug) == ("Hackathon", "hackathon")
    parents_en = Grade.objects.get(slug="parents", locale__language_code="en")
    # Fields a translation does not give come from its original.
    assert (parents_en.name, parents_en.sort_order) == ("Parents", 20)
    assert GoverningBody.objects.get(slug="council").regulation.title == "Положение о совете"
    assert report.counts("snippets") == {"created": 8, "updated": 0, "unchanged": 0}
    assert "taxonomy.EventType:hackathon (en)" in report.labels("snippets", "created")


def test_a_site_setting_and_its_inline_children_are_set(content):
    report = content_load(root=content)

    school = SchoolDetails.objects.get()
    assert school.site.is_default_site
    assert (school.short_name, school.founded_on) == ("Лицей", dt.date(1990, 9, 1))
    assert [f.name for f in school.founders.all()] == [
        "Администрация района",
        "Комитет по образованию",
    ]
    assert report.counts("settings") == {"created": 1, "updated": 0, "unchanged": 0}


def test_a_second_run_changes_nothing_of_any_kind(content):
    content_load(root=content)
    revisions = Revision.objects.count()
    counts = {
        model: model.objects.count()
        for model in (EventType, Grade, GoverningBody, SchoolDetails, Page)
    }

    report = content_load(root=content)

    for kind in ("images", "documents", "snippets", "settings", "pages"):
        assert report.counts(kind)["created"] == report.counts(kind)["updated"] == 0, kind
    assert report.counts("pages")["unchanged"] == 10
    assert Revision.objects.count() == revisions
    assert {model: model.objects.count() for model in counts} == counts


def test_editing_a_snippet_a_translation_and_a_setting_updates_only_them(content):
    content_load(root=content)
    write(
        content,
        {
            "snippets/taxonomy.EventType.yaml": textwrap.dedent(
                SNIPPETS["snippets/taxonomy.EventType.yaml"]
            ).replace("name: Hackathon", "name: Hackathon!"),
            "settings/legal.SchoolDetails.yaml": SCHOOL.replace(
                "  - name: Комитет по образованию\n", ""
            ),
        },
    )

    report = content_load(root=content)

    assert report.labels("snippets", "updated") == ["taxonomy.EventType:hackathon (en)"]
    assert report.labels("settings", "updated") == ["legal.SchoolDetails"]
    assert [f.name for f in SchoolDetails.objects.get().founders.all()] == ["Администрация района"]
    assert report.updated == []


def test_tags_many_to_many_and_choices_are_set(content):
    content_load(root=content)

    item = page_at("/ru/library/checklist/")
    assert sorted(item.tags.names()) == ["проекты", "тьюторство"]
    assert [s.slug for s in item.subjects.all()] == ["mathematics"]
    assert sorted(g.slug for g in item.grades.all()) == ["grade-9", "parents"]
    assert (item.item_type, item.year, item.licence) == ("methodology", 2024, "cc-by-sa-4.0")
    assert item.document.title == "Положение о совете"


def test_changing_tags_publishes_a_new_revision_and_then_nothing(content):
    content_load(root=content)
    write(content, {"ru/library/checklist.md": LIBRARY_ITEM.replace("проекты]", "встречи]")})

    assert content_load(root=content).updated == ["/ru/library/checklist/"]
    assert sorted(page_at("/ru/library/checklist/").tags.names()) == ["встречи", "тьюторство"]
    assert content_load(root=content).updated == []


def test_tags_given_as_text_instead_of_a_list_are_reported(content):
    write(
        content,
        {"ru/library/checklist.md": LIBRARY_ITEM.replace("[тьюторство, проекты]", "тьюторство")},
    )

    with pytest.raises(ContentError) as raised:
        content_read(root=content)

    assert [str(p) for p in raised.value.problems] == [
        f"{where(content, 'ru/library/checklist.md', 11)}: 'tags' must be a list of tags: "
        "[first, second]"
    ]


def test_a_validator_of_the_field_is_applied_while_reading(content):
    write(content, {"ru/library/checklist.md": LIBRARY_ITEM.replace("year: 2024", "year: 1700")})

    with pytest.raises(ContentError) as raised:
        content_read(root=content)

    [problem] = raised.value.problems
    assert (problem.line, problem.reason.split(":")[0]) == (5, "'year'")


def test_a_page_may_link_to_a_page_that_comes_later_in_the_tree(content):
    content_load(root=content)

    body = page_at("/ru/").body.raw_data[0]["value"]
    assert f'id="{page_at("/ru/events/hackathon/").pk}"' in body


def test_a_page_type_its_parent_does_not_allow_is_reported(content):
    write(content, {"ru/hackathon.md": EVENT})

    with pytest.raises(ContentError) as raised:
        content_read(root=content)

    assert [str(p) for p in raised.value.problems] == [
        f"{where(content, 'ru/hackathon.md', 1)}: EventPage cannot be created under HomePage"
    ]


BAD_VALUES = [
    pytest.param(
        "start: 2025-03-14", "start", "'start' must be a date and time", id="date-for-datetime"
    ),
    pytest.param("start: завтра", "start", "'start' must be a date and time", id="bad-datetime"),
    pytest.param(
        "event_type: olympiad",
        "event_type",
        "no taxonomy.EventType has the slug 'olympiad'",
        id="unknown-slug",
    ),
    pytest.param(
        "audience: grade-9", "audience", "'audience' must be a list", id="string-for-a-list"
    ),
    pytest.param(
        "audience: [grade-9, grade-12]",
        "audience",
        "no taxonomy.Grade has the slug 'grade-12'",
        id="unknown-slug-in-list",
    ),
    pytest.param("image: halls", "image", "no image has the key 'halls'", id="unknown-image"),
    pytest.param(
        "capacity: много", "capacity", "'capacity' must be a whole number", id="not-a-number"
    ),
    pytest.param(
        "registration_moderated: да",
        "registration_moderated",
        "must be true or false",
        id="not-a-bool",
    ),
    pytest.param("online_url: not a url", "online_url", "'online_url':", id="bad-url"),
    pytest.param(
        "speakers: [{type: person, value: {}}]",
        "speakers",
        "unknown block type 'person'",
        id="unknown-block",
    ),
]


@pytest.mark.parametrize("line, key, reason", BAD_VALUES)
def test_a_value_of_the_wrong_shape_is_reported_at_its_line_and_nothing_is_written(
    content, line, key, reason
):
    text = EVENT.replace("place: Лицей, актовый зал", line)
    if key in ("start",):
        text = EVENT.replace("start: 2025-03-14 15:00", line)
    if key in ("audience",):
        text = EVENT.replace("audience: [grade-9, parents]", line)
    if key == "image":
        text = EVENT.replace("image: hall", line)
    if key == "event_type":
        text = EVENT.replace("event_type: hackathon", line)
    write(content, {"ru/events/hackathon.md": text})
    expected_line = text.split("\n").index(line) + 1

    with pytest.raises(ContentError) as raised:
        content_load(root=content)

    messages = [str(p) for p in raised.value.problems]
    expected = f"{where(content, 'ru/events/hackathon.md', expected_line)}: "
    assert any(m.startswith(expected) and reason in m for m in messages), messages
    assert Page.objects.filter(depth__gt=2).count() == 0
    assert EventType.objects.count() == 0
    assert get_image_model().objects.count() == 0


@pytest.mark.parametrize(
    "relative, text, line, reason",
    [
        pytest.param(
            "ru/governance/council.md",
            COUNCIL.replace("    group: parent\n", "    group: pupils\n"),
            12,
            "'group' must be one of: ",
            id="bad-choice-in-a-child",
        ),
        pytest.param(
            "ru/governance/council.md",
            COUNCIL.replace("    group: parent\n", ""),
            10,
            "'group' is required for 'members' (CouncilMember)",
            id="missing-field-in-a-child",
        ),
        pytest.param(
            "ru/governance/council.md",
            COUNCIL.replace("    role: секретарь\n", "    rank: секретарь\n"),
            11,
            "unknown key 'rank' for 'members' (CouncilMember)",
            id="unknown-field-in-a-child",
        ),
        pytest.param(
            "ru/governance/council.md",
            COUNCIL.replace("purpose: Совет решает, как развивать пространство.\n", ""),
            1,
            "'purpose' is required for CouncilPage",
            id="missing-required-field",
        ),
        pytest.param(
            "settings/legal.SchoolDetails.yaml",
            SCHOOL + "director: Иванова\n",
            8,
            "unknown key 'director' for legal.SchoolDetails",
            id="unknown-setting-field",
        ),
        pytest.param(
            "settings/legal.Nothing.yaml",
            "a: 1\n",
            None,
            "'legal.Nothing' is not one",
            id="unknown-setting-model",
        ),
        pytest.param(
            "settings/taxonomy.Grade.yaml",
            "name: x\n",
            None,
            "taxonomy.Grade is not a setting",
            id="not-a-setting",
        ),
        pytest.param(
            "snippets/pages.StandardPage.yaml",
            "- title: x\n",
            None,
            "pages.StandardPage is not a snippet",
            id="page-as-snippet",
        ),
        pytest.param(
            "snippets/legal.GoverningBody.yaml",
            "- name: Совет\n",
            1,
            "'slug' is required for legal.GoverningBody",
            id="snippet-without-slug",
        ),
        pytest.param(
            "snippets/legal.GoverningBody.yaml",
            "- slug: a\n  name: A\n- slug: a\n  name: B\n",
            3,
            "slug 'a' is also used on line 1",
            id="duplicate-slug",
        ),
        pytest.param(
            "snippets/legal.GoverningBody.yaml",
            "- slug: a\n  name: A\n  translations: {en: {name: B}}\n",
            3,
            "legal.GoverningBody is not translatable",
            id="translation-of-untranslatable",
        ),
        pytest.param(
            "snippets/taxonomy.Grade.yaml",
            "- slug: a\n  name: A\n  translations:\n    de: {name: B}\n",
            4,
            "'de' is not a translation language (en)",
            id="unknown-language",
        ),
        pytest.param(
            "snippets/taxonomy.Grade.yaml",
            "- slug: a\n  name: A\n  translations:\n    en: {slug: b}\n",
            4,
            "a translation shares its original's slug",
            id="translated-slug",
        ),
        pytest.param(
            "snippets/taxonomy.Grade.yaml",
            "- slug: a\n  name: A\n  translations:\n    en: {sort_order: 3}\n",
            4,
            "'name' is required for taxonomy.Grade (en)",
            id="translation-without-its-words",
        ),
        pytest.param(
            "snippets/taxonomy.Grade.yaml",
            "- slug: a\n  nam: A\n",
            2,
            "unknown key 'nam' for taxonomy.Grade (did you mean 'name'?)",
            id="unknown-snippet-field",
        ),
    ],
)
def test_an_invalid_snippet_setting_or_child_is_reported_and_nothing_is_written(
    content, relative, text, line, reason
):
    write(content, {relative: text})

    with pytest.raises(ContentError) as raised:
        content_load(root=content)

    messages = [str(p) for p in raised.value.problems]
    assert any(
        m.startswith(f"{where(content, relative, line)}: ") and reason in m for m in messages
    ), messages
    assert Page.objects.filter(depth__gt=2).count() == 0
    assert SchoolDetails.objects.count() == 0


def test_a_value_wagtail_refuses_while_writing_rolls_back_every_kind(content):
    # The event's registration closes after it ends: only the model's own clean() knows.
    write(
        content,
        {
            "ru/events/hackathon.md": EVENT.replace(
                "place:",
                "registration_opens: 2025-03-01 10:00\n"
                "registration_closes: 2025-04-01 10:00\nplace:",
            )
        },
    )

    with pytest.raises(ContentError) as raised:
        content_load(root=content)

    assert where(content, "ru/events/hackathon.md", None) in str(raised.value)
    assert EventType.objects.count() == 0
    assert SchoolDetails.objects.count() == 0
    assert get_image_model().objects.count() == 0
    assert Page.objects.filter(depth__gt=2).count() == 0
