"""The content loader: the Markdown subset, validation before writing, and idempotent applying."""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Locale, Page, Revision, Site

from publish.builder import SiteBuilder
from publish.models import PublishRequest
from publish.swap import live_dir
from site_content.loader import (
    DEFAULT_CONTENT_DIR,
    ContentError,
    PagePath,
    content_load,
    content_read,
)
from site_content.loader.references import page_link_resolver
from site_content.loader.sources import yaml_read
from site_content.markdown import markdown_to_blocks, markdown_to_html
from site_content.pages.models import HomePage, StandardPage
from tests.factories import add_page

pytestmark = pytest.mark.django_db

PAGE_IDS = {PagePath("ru", ("about",)): 41, PagePath("ru"): 7}


def convert(markdown: str, first_line: int = 1):
    return markdown_to_blocks(
        textwrap.dedent(markdown).strip("\n"),
        page_link=page_link_resolver(PAGE_IDS.get),
        first_line=first_line,
    )


def rich_text(markdown: str) -> str:
    blocks, problems = convert(markdown)
    assert problems == []
    assert [b["type"] for b in blocks] == ["rich_text"]
    return blocks[0]["value"]


def page_file(title: str | None = "Страница", body: str = "", extra: str = "", **meta) -> str:
    """A page file: the title, `key: value` lines, `extra` YAML lines as they are, the body."""
    lines = ["---"]
    if title is not None:
        lines.append(f"title: {title}")
    lines += [f"{key}: {value}" for key, value in meta.items()]
    if extra:
        lines.append(extra)
    lines += ["---", textwrap.dedent(body).strip("\n"), ""]
    return "\n".join(lines)


def write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


BASE = {
    "ru/index.md": page_file("Коворкинг", "Добро пожаловать. [О модели](/ru/about/)."),
    "ru/about.md": page_file("О модели", "Что такое коворкинг.", show_in_menus="true", order=1),
    "ru/about/zones.md": page_file("Зоны", "- открытая\n- приватная"),
    "ru/roadmap.md": page_file("Дорожная карта", "1. первый\n2. второй", order=2),
    "en/index.md": page_file("Coworking", "Welcome. [About](/en/about/)."),
    "en/about.md": page_file("About", "What coworking is."),
}


@pytest.fixture
def content(tmp_path) -> Path:
    return write(tmp_path / "content", BASE)


def page_at(url: str) -> Page:
    matches = [p for p in Page.objects.live().specific() if p.get_url() == url]
    assert len(matches) == 1, f"{url}: {matches}"
    return matches[0]


# The Markdown subset


def test_lines_of_a_paragraph_join_into_one_paragraph():
    assert rich_text("Первая строка\nвторая строка.\n\nНовый абзац.") == (
        "<p>Первая строка вторая строка.</p><p>Новый абзац.</p>"
    )


def test_each_level_two_heading_starts_a_new_rich_text_block():
    blocks, problems = convert("Вступление.\n\n## Первый\n\nТекст.\n\n### Подраздел\n\n## Второй")
    assert problems == []
    assert [b["value"] for b in blocks] == [
        "<p>Вступление.</p>",
        "<h2>Первый</h2><p>Текст.</p><h3>Подраздел</h3>",
        "<h2>Второй</h2>",
    ]


def test_a_level_one_heading_is_reported_because_the_title_is_the_page_heading():
    _, problems = convert("Текст.\n\n# Заголовок", first_line=5)
    assert problems == [(7, "a # heading would repeat the page title; use ## for sections")]


def test_dash_lines_become_a_bulleted_list_and_numbered_lines_an_ordered_list():
    assert rich_text("- один\n- два\n\n1. первый\n2. второй") == (
        "<ul><li>один</li><li>два</li></ul><ol><li>первый</li><li>второй</li></ol>"
    )


def test_an_indented_line_continues_the_list_item_above_it():
    assert (
        rich_text("- длинный\n  пункт\n- короткий")
        == "<ul><li>длинный пункт</li><li>короткий</li></ul>"
    )


def test_a_list_directly_after_a_paragraph_ends_the_paragraph():
    assert rich_text("Список:\n- а\n- б") == "<p>Список:</p><ul><li>а</li><li>б</li></ul>"


def test_double_stars_become_bold_and_single_stars_italic():
    assert rich_text("**жирный** и *курсив*, но 2 * 3 = 6") == (
        "<p><b>жирный</b> и <i>курсив</i>, но 2 * 3 = 6</p>"
    )


def test_external_links_and_angle_bracket_links_keep_their_address():
    assert rich_text("[ФГОС](https://example.org/a?b=1&c=2) и <https://example.org>") == (
        '<p><a href="https://example.org/a?b=1&amp;c=2">ФГОС</a> и '
        '<a href="https://example.org">https://example.org</a></p>'
    )


def test_an_internal_link_becomes_a_wagtail_page_link_with_or_without_the_trailing_slash():
    assert rich_text("[О модели](/ru/about/), [**главная**](/ru)") == (
        '<p><a linktype="page" id="41">О модели</a>, '
        '<a linktype="page" id="7"><b>главная</b></a></p>'
    )


def test_a_link_to_a_page_no_file_defines_is_reported_with_its_line():
    _, problems = convert("Абзац.\n\nСм. [зоны](/ru/zones/).", first_line=10)
    assert problems == [(12, "link /ru/zones/: no file defines that page (ru/zones.md)")]


@pytest.mark.parametrize("target", ["about/", "/ru/about/#zones", "ftp://example.org"])
def test_relative_links_anchors_and_other_schemes_are_reported(target):
    _, problems = convert(f"[x]({target})")
    assert len(problems) == 1 and problems[0][0] == 1 and target in problems[0][1]


def test_a_quote_with_an_author_line_becomes_a_quote_block_between_text_blocks():
    blocks, problems = convert(
        """
        До цитаты.

        > Первая строка
        > вторая.
        >
        > Новый абзац.
        > — Анна Петрова, учитель информатики, тьютор

        После цитаты.
        """
    )
    assert problems == []
    assert blocks == [
        {"type": "rich_text", "value": "<p>До цитаты.</p>"},
        {
            "type": "quote",
            "value": {
                "quote": "Первая строка вторая.\nНовый абзац.",
                "author": "Анна Петрова",
                "role": "учитель информатики, тьютор",
            },
        },
        {"type": "rich_text", "value": "<p>После цитаты.</p>"},
    ]


def test_a_quote_without_an_author_line_has_an_empty_author():
    blocks, _ = convert("> Просто цитата.")
    assert blocks == [
        {"type": "quote", "value": {"quote": "Просто цитата.", "author": "", "role": ""}}
    ]


def test_a_quote_with_only_an_author_line_is_reported():
    _, problems = convert("Текст.\n\n> — Автор", first_line=3)
    assert problems == [(5, "a quote needs text before its '— author' line")]


def test_html_in_the_text_is_shown_as_text_not_markup():
    assert (
        rich_text("a <script>x</script> & b") == "<p>a &lt;script&gt;x&lt;/script&gt; &amp; b</p>"
    )


def test_unclosed_bold_and_malformed_links_are_reported():
    _, problems = convert("**не закрыто\n\n[ссылка](https://example.org/a b)")
    assert [line for line, _ in problems] == [1, 3]


def test_three_dashes_make_a_horizontal_rule():
    assert rich_text("до\n\n---\n\nпосле") == "<p>до</p><hr/><p>после</p>"


def test_an_empty_body_makes_no_blocks():
    assert convert("\n\n") == ([], [])


def test_markdown_for_a_rich_text_field_becomes_one_piece_of_html():
    html, problems = markdown_to_html(
        "Вступление.\n\n## Раздел\n\n- [О модели](/ru/about/)",
        page_link=page_link_resolver(PAGE_IDS.get),
    )
    assert problems == []
    assert html == (
        '<p>Вступление.</p><h2>Раздел</h2><ul><li><a linktype="page" id="41">О модели</a></li></ul>'
    )


def test_control_characters_in_markdown_are_reported_and_never_become_links():
    blocks, problems = convert("Раз \x000\x00 два [три](https://example.org/) \x001.", first_line=4)

    assert [line for line, _ in problems] == [4]
    assert "control character U+0000 in column 5" in problems[0][1]
    assert blocks[0]["value"].count("<a ") == 1


def test_a_quote_in_markdown_for_rich_text_is_reported():
    _, problems = markdown_to_html(
        "Текст.\n\n> Цитата", page_link=page_link_resolver(PAGE_IDS.get), first_line=7
    )
    assert problems == [(9, "a '>' quote cannot go into rich text; quotes belong in a page's body")]


# YAML with lines


def test_yaml_values_remember_the_line_of_every_key_and_item():
    data, problems = yaml_read("title: A\nlist:\n  - x\n  - {k: v}\n", first_line=5)

    assert problems == []
    assert (data.key_lines, data.value_lines) == (
        {"title": 5, "list": 6},
        {"title": 5, "list": 7},
    )
    assert data["list"].item_lines == [7, 8]
    assert data["list"][1].key_lines == {"k": 8}


def test_a_time_of_day_stays_text_instead_of_becoming_a_base_60_number():
    data, _ = yaml_read("starts: 15:00\nday: 2025-03-14\ncount: 12\n")

    assert data == {"starts": "15:00", "day": dt.date(2025, 3, 14), "count": 12}


def test_a_key_given_twice_in_yaml_is_reported_with_both_lines():
    _, problems = yaml_read("a: 1\nb: 2\na: 3\n")

    assert problems == [(3, "'a' is given twice (also on line 1)")]


# Validation before writing


def where(root: Path, relative: str, line: int | None) -> str:
    path = str((root / relative).resolve())
    return f"{path}:{line}" if line else path


INVALID_FILES = [
    pytest.param(
        "ru/bad.md",
        "---\ntitle: О модели\nlead: один: два\n---\n",
        3,
        "invalid YAML",
        id="invalid-yaml",
    ),
    pytest.param(
        "ru/bad.md",
        "---\ntitle: О модели\nlead: Лид\nfirst_published_at: 2025-13-01\n---\n",
        4,
        "invalid YAML: '2025-13-01' is not a real date (month must be in 1..12)",
        id="impossible-date",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(None, lead="Без заголовка"),
        1,
        "'title' is required",
        id="missing-title",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(titel="Опечатка"),
        3,
        "unknown key 'titel' for StandardPage (did you mean 'title'?)",
        id="unknown-key",
    ),
    pytest.param("ru/bad.md", page_file(type="blog"), 3, "unknown type 'blog'", id="unknown-type"),
    pytest.param(
        "ru/bad.md",
        page_file(body="Текст.\n\n[куда](/ru/nowhere/)"),
        6,
        "link /ru/nowhere/",
        id="unknown-link",
    ),
    pytest.param(
        "en/only.md",
        page_file("Only English"),
        1,
        "a translation needs the page it translates",
        id="no-original",
    ),
    pytest.param("ru/orphan/child.md", page_file(), 1, "its parent page file", id="missing-parent"),
    pytest.param(
        "ru/bad.md",
        "Просто текст без шапки.\n",
        1,
        "starts with front matter",
        id="no-front-matter",
    ),
    pytest.param(
        "ru/bad.md", "---\ntitle: X\n", 1, "front matter is not closed", id="unclosed-front-matter"
    ),
    pytest.param(
        "ru/Bad Name.md", page_file(), None, "lowercase latin letters", id="bad-file-name"
    ),
    pytest.param(
        "ru/bad.md",
        page_file(show_in_menus="'да'"),
        3,
        "must be true or false",
        id="wrong-value-type",
    ),
    pytest.param(
        "ru/bad.md", "---\ntitle: A\ntitle: B\n---\n", 3, "given twice", id="duplicate-key"
    ),
    pytest.param(
        "ru/bad.md",
        page_file(body="Первый абзац.\n\nСчёт \x001 из 3."),
        6,
        "control character U+0000 in column 6",
        id="nul-before-a-digit",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(body="Текст \x000\x00 и [ссылка](https://example.org/)."),
        4,
        "control character U+0000",
        id="nul-placeholder-lookalike",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(lead="Лид\x7f"),
        3,
        "control character U+007F",
        id="delete-character-in-front-matter",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(type="home"),
        1,
        "HomePage cannot be created under HomePage",
        id="home-not-index",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(latest_count=3),
        3,
        "unknown key 'latest_count' for StandardPage",
        id="latest-count-not-home",
    ),
    pytest.param(
        "ru/bad.md", page_file(body="# Заголовок"), 4, "# heading", id="level-one-heading"
    ),
    pytest.param("ru/notes.txt", "заметки", None, "not a page file", id="not-markdown"),
    pytest.param(
        "ru/bad.md",
        page_file(type="HomePage"),
        1,
        "HomePage cannot be created under HomePage",
        id="tree-rule",
    ),
    pytest.param(
        "ru/index.md",
        page_file(type="StandardPage"),
        1,
        "StandardPage cannot be created under Page",
        id="tree-rule-home",
    ),
    pytest.param(
        "en/about.md",
        page_file("About", type="HomePage"),
        3,
        "its original's type",
        id="type-of-translation",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(body="Текст.", extra="body:\n  - type: rich_text\n    value: x"),
        3,
        "the body is given twice",
        id="body-twice",
    ),
    pytest.param(
        "ru/bad.md", page_file(order="first"), 3, "'order' must be a whole number", id="order"
    ),
    pytest.param(
        "ru/bad.md",
        page_file(extra="body:\n  - type: picture\n    value: x"),
        4,
        "unknown block type 'picture'",
        id="unknown-block",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(extra="body: Просто текст"),
        3,
        "'body' must be a list of blocks",
        id="string-for-a-list",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(extra="body:\n  - type: quote\n    value: {author: Анна}"),
        5,
        "body: quote: 'quote' is required",
        id="struct-missing-required",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(extra="body:\n  - type: quote\n    value: {quote: x, autor: Анна}"),
        5,
        "unknown key 'autor' for body: quote",
        id="struct-unknown-key",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(
            extra="body:\n  - type: timeline\n    value:\n      entries:\n"
            "        - {start_date: 14.03.2025, title: Старт}"
        ),
        7,
        "body: timeline: entries [1]: start_date must be a date like 2025-03-14",
        id="bad-date-in-a-block",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(
            extra="body:\n  - type: call_to_action\n    value:\n"
            "      title: Дальше\n      button_label: Читать\n      page: /ru/nowhere/"
        ),
        8,
        "body: call_to_action: page: no file defines the page /ru/nowhere/ (ru/nowhere.md)",
        id="unknown-page-address",
    ),
    pytest.param(
        "ru/bad.md",
        page_file(extra="body:\n  - type: rich_text\n    value: '[x](/ru/nowhere/)'"),
        5,
        "link /ru/nowhere/: no file defines that page",
        id="unknown-link-in-rich-text-block",
    ),
    pytest.param(
        "ru/about/index.md", page_file(), None, "index.md is only the home page", id="nested-index"
    ),
]


@pytest.mark.parametrize("relative, text, line, reason", INVALID_FILES)
def test_an_invalid_file_is_reported_with_file_and_line_and_nothing_is_written(
    content, relative, text, line, reason
):
    write(content, {relative: text})
    pages_before = Page.objects.count()

    with pytest.raises(ContentError) as raised:
        content_load(root=content)

    messages = [str(problem) for problem in raised.value.problems]
    assert any(
        m.startswith(f"{where(content, relative, line)}: ") and reason in m for m in messages
    ), messages
    assert Page.objects.count() == pages_before


def test_a_folder_that_is_no_language_is_reported(content):
    write(content, {"xx/bad.md": page_file()})

    with pytest.raises(ContentError) as raised:
        content_read(root=content)

    assert [str(p) for p in raised.value.problems] == [
        f"{where(content, 'xx', None)}: 'xx' is not a language folder (en, ru) nor images.d, "
        "documents.d, snippets or settings"
    ]


def test_every_problem_of_every_file_is_reported_at_once(content):
    write(
        content,
        {
            "ru/one.md": page_file(titel="x", show_in_menus="'да'"),
            "ru/two.md": page_file(body="[x](/ru/missing/)"),
            "en/three.md": page_file("Three"),
            "ru/four.md": page_file(type="blog"),
        },
    )
    with pytest.raises(ContentError) as raised:
        content_read(root=content)

    assert [(Path(p.file).name, p.line) for p in raised.value.problems] == [
        ("three.md", 1),
        ("four.md", 3),
        ("one.md", 3),
        ("one.md", 4),
        ("two.md", 4),
    ]


def test_a_valid_edit_is_not_applied_while_another_file_is_invalid(content):
    content_load(root=content)
    revisions_before = Revision.objects.count()
    write(
        content,
        {"ru/about.md": page_file("О модели — новое"), "ru/roadmap.md": page_file(type="blog")},
    )

    with pytest.raises(ContentError):
        content_load(root=content)

    assert page_at("/ru/about/").title == "О модели"
    assert Revision.objects.count() == revisions_before


def test_a_conflict_found_while_writing_rolls_back_the_whole_load(content):
    # An editor's English page sits where the translation of /ru/about/ must go.
    ru = Locale.objects.get(language_code="ru")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home_ru = root.add_child(instance=HomePage(title="Старая главная", slug="ru", locale=ru))
    home_en = home_ru.copy_for_translation(en)
    add_page(home_en, "Editors' about", slug="about")
    pages_before = Page.objects.count()

    with pytest.raises(ContentError) as raised:
        content_load(root=content)

    assert "/en/about/ already exists but is not a translation" in str(raised.value)
    assert Page.objects.count() == pages_before
    assert not StandardPage.objects.filter(slug="zones").exists()


# Applying


def test_loading_builds_the_tree_with_the_russian_home_as_the_site_root(content):
    welcome = Site.objects.get(is_default_site=True).root_page

    report = content_load(root=content)

    assert sorted(report.created) == sorted(
        ["/ru/", "/ru/about/", "/ru/about/zones/", "/ru/roadmap/", "/en/", "/en/about/"]
    )
    home_ru, home_en = page_at("/ru/"), page_at("/en/")
    assert isinstance(home_ru, HomePage) and isinstance(home_en, HomePage)
    assert Site.objects.get(is_default_site=True).root_page_id == home_ru.pk
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert home_en.translation_key == home_ru.translation_key
    assert home_en.locale.language_code == "en"
    assert page_at("/en/about/").translation_key == page_at("/ru/about/").translation_key
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"ru", "en"}


def test_front_matter_sets_the_page_fields_and_sibling_order(content):
    write(
        content,
        {"ru/index.md": page_file("Коворкинг", latest_count=3, lead="Главная", seo_title="SEO")},
    )
    content_load(root=content)

    home = page_at("/ru/")
    assert (home.title, home.lead, home.seo_title, home.latest_count) == (
        "Коворкинг",
        "Главная",
        "SEO",
        3,
    )
    about = page_at("/ru/about/")
    assert about.show_in_menus and not page_at("/ru/roadmap/").show_in_menus
    assert [p.slug for p in home.get_children()] == ["about", "roadmap"]


def test_a_second_run_changes_nothing_and_adds_no_revisions(content):
    content_load(root=content)
    revisions = Revision.objects.count()
    published = {p.pk: p.last_published_at for p in Page.objects.all()}

    report = content_load(root=content)

    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == len(BASE)
    assert Revision.objects.count() == revisions
    assert {p.pk: p.last_published_at for p in Page.objects.all()} == published


def test_editing_a_file_publishes_one_new_revision_of_that_page_only(content):
    content_load(root=content)
    about_id = page_at("/ru/about/").pk
    revisions = Revision.objects.count()
    edited = page_file("О модели", "Новый текст.", show_in_menus="true", order=1)
    write(content, {"ru/about.md": edited})

    report = content_load(root=content)

    assert report.updated == ["/ru/about/"] and report.created == []
    about = page_at("/ru/about/")
    assert about.pk == about_id
    assert about.body.raw_data[0]["value"] == "<p>Новый текст.</p>"
    assert Revision.objects.count() == revisions + 1
    assert about.live_revision == about.latest_revision


def test_a_translation_shares_its_originals_settings_but_not_its_words(content):
    write(
        content,
        {
            "ru/about.md": page_file(
                "О модели", "Текст.", show_in_menus="true", order=1, seo_title="О модели лицея"
            )
        },
    )

    content_load(root=content)

    about = page_at("/en/about/")
    assert about.show_in_menus
    assert (about.seo_title, about.lead) == ("", "")


def test_changing_order_moves_the_siblings(content):
    content_load(root=content)
    write(
        content,
        {
            "ru/about.md": page_file(
                "О модели", "Что такое коворкинг.", show_in_menus="true", order=3
            ),
        },
    )

    report = content_load(root=content)

    assert [p.slug for p in page_at("/ru/").get_children()] == ["roadmap", "about"]
    assert "/ru/about/" in report.updated
    assert content_load(root=content).updated == []


def test_internal_links_are_stored_as_page_links_to_the_target(content):
    content_load(root=content)

    about_id = page_at("/ru/about/").pk
    body = page_at("/ru/").body.raw_data[0]["value"]
    assert body == f'<p>Добро пожаловать. <a linktype="page" id="{about_id}">О модели</a>.</p>'


ROADMAP_BLOCKS = """\
---
title: Дорожная карта
body:
  - type: call_to_action
    value: {title: Зоны, page: /ru/about/zones/, button_label: Смотреть}
  - type: timeline
    value:
      entries:
        - start_date: 2022-12-01
          start_precision: month
          title: Старт
          description: "**Начало** работ, см. [модель](/ru/about/)"
        - {start_date: 2023-09-01, end_date: 2024-05-31, title: Апробация}
  - type: table
    value:
      caption: Участники
      columns: [{type: text, heading: Год}, {type: numeric, heading: Человек}]
      rows:
        - ["2023", 120]
        - ["2024", 340]
  - type: faq
    value:
      questions:
        - {question: "Что это?", answer: "Цифровая *среда*."}
---
"""


def test_a_body_of_blocks_reads_structs_lists_tables_rich_text_and_page_links(content):
    write(content, {"ru/roadmap.md": ROADMAP_BLOCKS})

    content_load(root=content)

    zones, about = page_at("/ru/about/zones/"), page_at("/ru/about/")
    body = page_at("/ru/roadmap/").body
    assert [block.block_type for block in body] == ["call_to_action", "timeline", "table", "faq"]
    assert body[0].value["page"].pk == zones.pk
    first, second = body[1].value["entries"]
    assert (first["start_date"], first["start_precision"]) == (dt.date(2022, 12, 1), "month")
    assert first["description"].source == (
        f'<p><b>Начало</b> работ, см. <a linktype="page" id="{about.pk}">модель</a></p>'
    )
    assert (second["end_date"], second["start_precision"]) == (dt.date(2024, 5, 31), "day")
    table = body[2].value
    assert [column["heading"] for column in table.columns] == ["Год", "Человек"]
    assert [[str(v) for v in row] for row in table.rows] == [["2023", "120"], ["2024", "340"]]
    assert body[3].value["questions"][0]["answer"].source == "<p>Цифровая <i>среда</i>.</p>"
    assert content_load(root=content).updated == []


def test_a_value_wagtail_refuses_in_a_block_is_reported_at_that_block(content):
    write(
        content,
        {
            "ru/roadmap.md": ROADMAP_BLOCKS.replace(
                "{start_date: 2023-09-01, end_date: 2024-05-31",
                "{start_date: 2023-09-01, end_date: 2022-05-31",
            )
        },
    )

    with pytest.raises(ContentError) as raised:
        content_load(root=content)

    [problem] = raised.value.problems
    assert str(problem).startswith(f"{where(content, 'ru/roadmap.md', 6)}: 'body' block 2: ")
    assert Page.objects.filter(depth__gt=1).count() == 1


def test_pages_editors_created_without_a_file_are_left_alone_and_reported(content):
    content_load(root=content)
    news = add_page(page_at("/ru/"), "Новости", slug="news")

    report = content_load(root=content)

    assert Page.objects.filter(pk=news.pk, live=True).exists()
    assert report.untracked == ["/ru/news/ «Новости»"]


def test_publishing_on_change_is_paused_during_the_load_and_switched_back_on_after(
    content, settings, django_capture_on_commit_callbacks
):
    settings.PUBLISH_ON_CHANGE = True

    with django_capture_on_commit_callbacks():
        content_load(root=content)
    requested_during_load = PublishRequest.objects.count()
    with django_capture_on_commit_callbacks():
        page_at("/ru/about/").save_revision().publish()

    assert requested_during_load == 0
    assert django_settings.PUBLISH_ON_CHANGE is True
    assert PublishRequest.objects.count() == 1


# The command


def test_the_command_loads_another_directory_and_reports_the_counts(content):
    out = io.StringIO()
    call_command("load_site_content", path=content, stdout=out, stderr=io.StringIO())
    assert "created 6, updated 0, unchanged 0" in out.getvalue()

    out = io.StringIO()
    call_command("load_site_content", path=content, stdout=out, stderr=io.StringIO())
    assert "created 0, updated 0, unchanged 6" in out.getvalue()


def test_the_command_counts_every_kind_and_shows_progress_for_many_pages(content):
    write(content, {f"ru/about/part-{n}.md": page_file(f"Часть {n}") for n in range(10)})
    out, err = io.StringIO(), io.StringIO()

    call_command("load_site_content", path=content, stdout=out, stderr=err)

    assert "Checked " in out.getvalue() and "16 pages." in out.getvalue()
    for kind in ("images", "documents", "snippets", "settings"):
        assert f"{kind}: created 0, updated 0, unchanged 0" in out.getvalue()
    assert "pages: created 16, updated 0, unchanged 0" in out.getvalue()
    assert "pages: 16/16" in err.getvalue()


def test_the_command_fails_listing_every_problem(content):
    write(content, {"ru/bad.md": page_file(None, titel="x")})
    with pytest.raises(CommandError) as raised:
        call_command("load_site_content", path=content, stdout=io.StringIO(), stderr=io.StringIO())
    message = str(raised.value)
    assert "nothing was written" in message
    assert f"{where(content, 'ru/bad.md', 2)}: unknown key 'titel'" in message
    assert f"{where(content, 'ru/bad.md', 1)}: 'title' is required" in message


# The lyceum's own content


def test_the_real_content_becomes_a_live_site_with_every_page_at_its_address(site_dir):
    sources = content_read(root=DEFAULT_CONTENT_DIR).pages
    assert len([s for s in sources if s.path.language == "ru"]) >= 8
    assert len([s for s in sources if s.path.language == "en"]) >= 4

    content_load(root=DEFAULT_CONTENT_DIR)

    for source in sources:
        page = page_at(source.path.url)
        assert page.title == source.title and page.live
    home_ru, home_en = page_at("/ru/"), page_at("/en/")
    assert home_en.translation_key == home_ru.translation_key
    assert home_ru.get_translation(Locale.objects.get(language_code="en")).pk == home_en.pk
    assert Site.objects.get(is_default_site=True).root_page_id == home_ru.pk
    assert content_load(root=DEFAULT_CONTENT_DIR).updated == []

    result = SiteBuilder(strict=True, progress=False).build_full()
    live = live_dir(site_dir)
    assert result.broken_links == []
    for source in sources:
        assert (live / source.path.url.strip("/") / "index.html").is_file(), source.path.url
