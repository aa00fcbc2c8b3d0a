"""The shared StreamField blocks: each renders through its template, validates what editors
enter, and a page using all of them publishes in a strict build."""

import socket

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from cms.core.blocks import (
    BaseStreamBlock,
    CallToActionBlock,
    FAQBlock,
    GalleryBlock,
    TableBlock,
    TimelineBlock,
    VideoEmbedBlock,
    WidgetBlock,
    parse_video_url,
)
from site_content.pages.models import StandardPage
from tests.factories import add_page, make_document, make_image, make_site
from tests.publish.helpers import live, page_html, publish_full

pytestmark = pytest.mark.django_db


def render(block, raw, **context):
    value = block.to_python(raw)
    context.setdefault("request", RequestFactory().get("/ru/"))
    with translation.override("ru"):
        return block.render(value, context=context)


def clean(block, raw):
    return block.clean(block.to_python(raw))


@pytest.fixture
def no_network(monkeypatch):
    """Rendering must not contact anyone: the build has no internet."""

    def refuse(*args, **kwargs):
        raise AssertionError("a block tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_a_gallery_shows_every_image_with_its_alt_text_caption_and_credit(media_root):
    first, second = make_image("Актовый зал"), make_image("Библиотека")

    html = render(
        GalleryBlock(),
        {
            "title": "Пространства лицея",
            "images": [
                {
                    "image": first.pk,
                    "alt_text": "Зал со сценой",
                    "caption": "Зал",
                    "credit": "А. Петров",
                },
                {
                    "image": second.pk,
                    "alt_text": "Стеллажи с книгами",
                    "caption": "",
                    "credit": "Лицей",
                },
            ],
        },
    )

    assert "<h2>Пространства лицея</h2>" in html
    assert html.count("<picture>") == 2
    assert 'alt="Зал со сценой"' in html and 'alt="Стеллажи с книгами"' in html
    assert "© А. Петров" in html and "© Лицей" in html


@pytest.mark.parametrize(
    "url, embed, watch",
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            "https://rutube.ru/video/0123456789abcdef0123456789abcdef/",
            "https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef",
            "https://rutube.ru/video/0123456789abcdef0123456789abcdef/",
        ),
        (
            "https://rutube.ru/video/private/0123456789abcdef0123456789abcdef/?p=KeY_1",
            "https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef?p=KeY_1",
            "https://rutube.ru/video/private/0123456789abcdef0123456789abcdef/?p=KeY_1",
        ),
        (
            "https://vk.com/video-22822305_456241864",
            "https://vk.com/video_ext.php?oid=-22822305&id=456241864",
            "https://vk.com/video-22822305_456241864",
        ),
        (
            "https://vkvideo.ru/video-22822305_456241864",
            "https://vk.com/video_ext.php?oid=-22822305&id=456241864",
            "https://vk.com/video-22822305_456241864",
        ),
        (
            "https://vk.com/video?z=video-22822305_456241864%2Fpl_cat_trends",
            "https://vk.com/video_ext.php?oid=-22822305&id=456241864",
            "https://vk.com/video-22822305_456241864",
        ),
        (
            "https://vk.com/video_ext.php?oid=-1&id=2&hash=abc",
            "https://vk.com/video_ext.php?oid=-1&id=2&hash=abc",
            "https://vk.com/video-1_2",
        ),
    ],
)
def test_video_links_of_allowed_providers_become_a_player_and_a_link(url, embed, watch):
    video = parse_video_url(url)

    assert video is not None
    assert video.embed_url == embed
    assert video.watch_url == watch


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/76979871",
        "https://youtube.com.example.org/watch?v=dQw4w9WgXcQ",
        "https://example.org/https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/channel/UC123",
        "https://rutube.ru/channel/123/",
        "https://vk.com/club1",
    ],
)
def test_the_video_block_refuses_other_hosts_and_non_video_pages(url):
    with pytest.raises(ValidationError) as error:
        clean(VideoEmbedBlock(), {"url": url, "title": "Видео", "caption": ""})

    assert "только с RuTube, VK Видео или YouTube" in str(error.value.block_errors["url"])


def test_the_video_block_refuses_addresses_that_are_not_web_pages():
    with pytest.raises(ValidationError):
        clean(
            VideoEmbedBlock(),
            {"url": "javascript:alert(1)//youtu.be/dQw4w9WgXcQ", "title": "В", "caption": ""},
        )
    assert parse_video_url("javascript:alert(1)//youtu.be/dQw4w9WgXcQ") is None


def test_a_video_renders_a_link_and_a_lazy_player_without_contacting_the_provider(no_network):
    html = render(
        VideoEmbedBlock(),
        {
            "url": "https://rutube.ru/video/0123456789abcdef0123456789abcdef/",
            "title": "Хакатон 2024",
            "caption": "Запись открытия",
        },
    )

    assert '<a href="https://rutube.ru/video/0123456789abcdef0123456789abcdef/"' in html
    assert 'src="https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef"' in html
    assert 'loading="lazy"' in html and 'title="Хакатон 2024"' in html
    assert "<details" in html and "RuTube" in html
    assert "Запись открытия" in html


def test_a_call_to_action_links_to_a_published_page_of_the_site():
    homes = make_site(english=False)
    target = add_page(homes["ru"], "Запись на мастер-класс", slug="signup")

    html = render(
        CallToActionBlock(),
        {
            "title": "Приходите",
            "text": "Мастер-класс для родителей",
            "page": target.pk,
            "url": "",
            "button_label": "Записаться",
        },
    )

    assert "<h2>Приходите</h2>" in html
    assert '<a class="button" href="/ru/signup/">Записаться</a>' in html


def test_a_call_to_action_to_another_site_links_there():
    html = render(
        CallToActionBlock(),
        {
            "title": "Партнёр",
            "text": "",
            "page": None,
            "url": "https://example.org/",
            "button_label": "Перейти",
        },
    )

    assert 'href="https://example.org/"' in html


def test_a_call_to_action_needs_exactly_one_destination():
    block = CallToActionBlock()
    raw = {"title": "Т", "text": "", "page": None, "url": "", "button_label": "Кнопка"}

    with pytest.raises(ValidationError) as error:
        clean(block, raw)

    assert "либо страницу сайта, либо адрес" in str(error.value.block_errors["url"])


ROADMAP = {
    "title": "Дорожная карта",
    "entries": [
        {
            "start_date": "2022-09-01",
            "start_precision": "day",
            "end_date": "2022-12-01",
            "end_precision": "month",
            "date_note": "",
            "title": "Рабочая модель цифрового коворкинг-пространства",
            "description": "<p>Создание рабочей модели.</p>",
            "result": "Рабочая модель",
        },
        {
            "start_date": "2024-03-01",
            "start_precision": "month",
            "end_date": None,
            "end_precision": "day",
            "date_note": "внесены коррективы — апрель 2024 г.",
            "title": "II хакатон",
            "description": "",
            "result": "Материалы хакатона",
        },
    ],
}


def test_a_timeline_shows_dates_as_precisely_as_they_are_known():
    html = render(TimelineBlock(), ROADMAP)

    assert '<ol class="timeline">' in html
    assert '<time datetime="2022-09-01">1 сентября 2022</time>' in html
    assert '<time datetime="2022-12">Декабрь 2022</time>' in html
    assert '<time datetime="2024-03">Март 2024</time>' in html
    assert "внесены коррективы — апрель 2024 г." in html
    assert "<h3>II хакатон</h3>" in html
    assert "Результат:" in html and "Материалы хакатона" in html


def test_a_timeline_stage_cannot_end_before_it_starts():
    raw = {**ROADMAP, "entries": [{**ROADMAP["entries"][0], "end_date": "2022-01-01"}]}

    with pytest.raises(ValidationError):
        clean(TimelineBlock(), raw)


TABLE = {
    "caption": "Состав рабочей группы",
    "columns": [{"type": "text", "heading": "Роль"}, {"type": "numeric", "heading": "Человек"}],
    "rows": [{"values": ["Учителя", "12"]}, {"values": ["Родители", "5"]}],
}


def test_a_table_is_a_plain_html_table_with_caption_and_column_headers():
    html = render(TableBlock(), TABLE)

    assert "<caption>Состав рабочей группы</caption>" in html
    assert '<th scope="col">Роль</th>' in html
    assert "<td>Учителя</td>" in html and "<td>12</td>" in html
    assert "<script" not in html


FAQ = {
    "title": "Частые вопросы",
    "questions": [
        {"question": "Как записаться?", "answer": "<p>Через форму на странице события.</p>"},
        {"question": "Это бесплатно?", "answer": "<p>Да.</p>"},
    ],
}


def test_faq_questions_open_without_javascript():
    html = render(FAQBlock(), FAQ)

    assert html.count("<details") == 2
    assert "<summary>Как записаться?</summary>" in html
    assert "Через форму на странице события." in html


WIDGET = {
    "kind": "voting",
    "title": "Голосование за план",
    "reference": "plan-2025",
    "fallback": "<p>Проголосовать можно у классного руководителя.</p>",
}


def test_a_widget_block_marks_the_place_of_the_widget_and_shows_the_fallback():
    html = render(WidgetBlock(), WIDGET)

    assert 'data-widget="voting"' in html
    assert 'data-ref="plan-2025"' in html
    assert "Проголосовать можно у классного руководителя." in html


def test_the_page_body_offers_every_shared_block():
    names = set(BaseStreamBlock().child_blocks)

    assert names >= {
        "rich_text",
        "image",
        "quote",
        "document",
        "gallery",
        "video",
        "call_to_action",
        "timeline",
        "table",
        "faq",
        "widget",
    }


def test_every_block_has_an_icon_a_template_and_a_docstring():
    for name, block in BaseStreamBlock().child_blocks.items():
        assert block.meta.icon, name
        assert block.meta.template, name
        assert type(block).__doc__, name


def test_a_page_using_every_block_publishes_in_a_strict_build(site_dir, media_root, no_network):
    homes = make_site(english=False)
    target = add_page(homes["ru"], "Мероприятия", slug="events")
    photo, document = make_image("Коворкинг"), make_document("Программа семинара")
    body = [
        ("rich_text", "<h2>О зоне</h2><p>Текст.</p>"),
        ("image", {"image": photo.pk, "alt_text": "Коворкинг", "caption": "", "credit": "Лицей"}),
        ("quote", {"quote": "Учиться вместе", "author": "Директор", "role": ""}),
        ("document", {"document": document.pk, "title": ""}),
        (
            "gallery",
            {
                "title": "",
                "images": [
                    {
                        "image": photo.pk,
                        "alt_text": "Снова коворкинг",
                        "caption": "",
                        "credit": "Лицей",
                    }
                ],
            },
        ),
        (
            "video",
            {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Открытие", "caption": ""},
        ),
        (
            "call_to_action",
            {
                "title": "Ждём вас",
                "text": "",
                "page": target.pk,
                "url": "",
                "button_label": "События",
            },
        ),
        ("timeline", ROADMAP),
        ("table", TABLE),
        ("faq", FAQ),
        ("widget", WIDGET),
    ]
    page = StandardPage(title="Все блоки", slug="all-blocks")
    page.body = [(name, BaseStreamBlock().child_blocks[name].to_python(raw)) for name, raw in body]
    homes["ru"].add_child(instance=page)
    page.save_revision().publish()

    result = publish_full(strict=True)

    assert result.broken_links == []
    html = page_html("/ru/all-blocks/")
    for marker in [
        "<h2>О зоне</h2>",
        'class="block-image"',
        "Учиться вместе",
        "Программа семинара",
        'alt="Снова коворкинг"',
        "youtube-nocookie.com/embed/dQw4w9WgXcQ",
        'href="/ru/events/"',
        '<ol class="timeline">',
        "<caption>Состав рабочей группы</caption>",
        "<summary>Как записаться?</summary>",
        'data-widget="voting"',
        f'data-page-id="{page.pk}"',
    ]:
        assert marker in html, marker
    assert any(live().joinpath("images").iterdir())
