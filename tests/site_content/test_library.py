"""The library: where its pages may live, what readers see, and its filter pages."""

from __future__ import annotations

import random
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from site_content.library.demo import demo_library_item, demo_library_item_classify
from site_content.library.models import LibraryIndexPage, LibraryItemPage, LibraryItemType
from site_content.pages.models import HomePage, StandardPage
from site_content.taxonomy.models import Subject
from tests.factories import make_document, make_image, make_site, translate
from tests.publish.helpers import live, page_html, publish_changes, publish_full

from .test_taxonomy import make_terms

pytestmark = pytest.mark.django_db


def add_library(home, title="Библиотека", **fields) -> LibraryIndexPage:
    page = LibraryIndexPage(title=title, slug="library", **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_item(
    library,
    title,
    *,
    slug,
    item_type="book",
    year=2024,
    subjects=(),
    grades=(),
    tags=(),
    live=True,
    **fields,
) -> LibraryItemPage:
    """A library item under `library`, published unless live=False."""
    page = LibraryItemPage(
        title=title, slug=slug, item_type=item_type, year=year, live=live, **fields
    )
    library.add_child(instance=page)
    page.subjects = list(subjects)
    page.grades = list(grades)
    page.tags.add(*tags)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


@pytest.fixture
def library(site_dir, media_root):
    return make_library()


def make_library() -> dict:
    """A Russian library with one item of each type, and the vocabularies in two languages."""
    terms = make_terms()
    homes = make_site()
    library = add_library(homes["ru"], lead="Книги, статьи и видео для проектов.")
    items = {
        "book": add_item(
            library,
            "Основы проектной деятельности",
            slug="osnovy",
            authors="Голуб Г. Б., Перелыгина Е. А.",
            subjects=[terms["informatics"]],
            grades=[terms["9"], terms["10"]],
            tags=["Проектная деятельность"],
            cover_image=make_image("Обложка «Основы»", size=(240, 320)),
            publisher="Учитель",
            year=2023,
        ),
        "article": add_item(
            library,
            "Задачи с параметрами",
            slug="parametry",
            item_type="article",
            subjects=[terms["mathematics"]],
            grades=[terms["10"]],
            tags=["Олимпиады", "ЕГЭ"],
            document=make_document("Задачи с параметрами"),
        ),
        "methodology": add_item(
            library,
            "Тьютор проекта: памятка",
            slug="tyutor",
            item_type="methodology",
            subjects=[terms["informatics"]],
            grades=[terms["teachers"]],
            tags=["Проектная деятельность"],
            external_url="https://example.org/tutor.pdf",
            year=2025,
        ),
        "video": add_item(
            library,
            "Как работает лазер",
            slug="lazer",
            item_type="video",
            subjects=[terms["physics"]],
            grades=[terms["9"]],
            tags=["Оптика"],
            external_url="https://example.org/video",
        ),
        "resource": add_item(
            library,
            "Открытая электронная библиотека",
            slug="ebiblioteka",
            item_type="resource",
            subjects=[terms["history"]],
            external_url="https://example.org/",
            year=None,
        ),
    }
    return {"homes": homes, "library": library, "items": items, "terms": terms}


def options(html: str, facet: str) -> dict[str, int]:
    """{value label: count} of one filter group, read from a listing page."""
    found = {}
    pattern = (
        rf'<a href="/ru/library/{facet}/[^/]+/"[^>]*>([^<]+) <span class="facet-count">(\d+)</span>'
    )
    for label, count in re.findall(pattern, html):
        found[label.strip()] = int(count)
    return found


def listed_titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


class LibraryTreeRulesTest(WagtailPageTestCase):
    def test_the_library_sits_directly_under_a_home_page_once_per_language(self):
        self.assertCanCreateAt(HomePage, LibraryIndexPage)
        self.assertCanNotCreateAt(StandardPage, LibraryIndexPage)
        self.assertCanNotCreateAt(LibraryIndexPage, LibraryIndexPage)
        self.assertEqual(LibraryIndexPage.max_count_per_parent, 1)

    def test_items_live_only_in_the_library_and_have_no_children(self):
        self.assertCanCreateAt(LibraryIndexPage, LibraryItemPage)
        self.assertCanNotCreateAt(HomePage, LibraryItemPage)
        self.assertCanNotCreateAt(StandardPage, LibraryItemPage)
        self.assertCanNotCreateAt(LibraryItemPage, LibraryItemPage)

    def test_both_page_types_declare_their_templates(self):
        self.assertEqual(LibraryIndexPage.template, "library/library_index_page.html")
        self.assertEqual(LibraryItemPage.template, "library/library_item_page.html")


def test_the_library_and_every_item_type_publish_in_a_strict_build(library):
    result = publish_full(strict=True)

    assert result.broken_links == []
    html = page_html("/ru/library/")
    assert listed_titles(html) == [
        "Тьютор проекта: памятка",
        "Задачи с параметрами",
        "Как работает лазер",
        "Основы проектной деятельности",
        "Открытая электронная библиотека",
    ]
    for item in library["items"].values():
        assert item.title in page_html(f"/ru/library/{item.slug}/")


def test_every_filter_value_gets_its_own_page_linked_from_the_library(library):
    publish_full(strict=True)
    html = page_html("/ru/library/")

    for path in [
        "type/book",
        "type/video",
        "subject/mathematics",
        "grade/teachers",
        "year/2023",
        "tag/proektnaya-deyatelnost",
        "tag/ege",
    ]:
        assert (live() / f"ru/library/{path}/index.html").is_file(), path
        assert f'href="/ru/library/{path}/"' in html, path


def test_filter_counts_match_the_published_items(library):
    publish_full(strict=True)
    html = page_html("/ru/library/")

    assert options(html, "type") == {
        "Книга": 1,
        "Статья": 1,
        "Методический материал": 1,
        "Видео": 1,
        "Внешний ресурс": 1,
    }
    assert options(html, "subject") == {
        "Математика": 1,
        "Физика": 1,
        "История": 1,
        "Информатика": 2,
    }
    assert options(html, "grade") == {"9 класс": 2, "10 класс": 2, "Педагогам": 1}
    assert options(html, "year") == {"2025": 1, "2024": 2, "2023": 1}
    assert options(html, "tag") == {
        "ЕГЭ": 1,
        "Олимпиады": 1,
        "Оптика": 1,
        "Проектная деятельность": 2,
    }


def test_a_filter_page_lists_exactly_the_matching_items_and_offers_to_clear_the_filter(library):
    publish_full(strict=True)

    html = page_html("/ru/library/subject/informatics/")

    assert listed_titles(html) == ["Тьютор проекта: памятка", "Основы проектной деятельности"]
    assert "Фильтр «Предмет»: Информатика. Найдено: 2." in html
    assert '<a href="/ru/library/">Сбросить фильтр</a>' in html
    assert re.search(r'<a href="/ru/library/subject/informatics/" aria-current="page">', html)
    assert "<title>Информатика — Библиотека" in html
    assert re.search(r'<link rel="canonical" href="[^"]*/ru/library/subject/informatics/">', html)
    assert '<li aria-current="page">Предмет: Информатика</li>' in html


def test_drafts_are_neither_listed_nor_counted_nor_given_filter_pages(library):
    add_item(
        library["library"],
        "Черновик",
        slug="chernovik",
        subjects=[library["terms"]["mathematics"]],
        tags=["Секрет"],
        live=False,
    )

    publish_full(strict=True)

    html = page_html("/ru/library/")
    assert "Черновик" not in html
    assert options(html, "subject")["Математика"] == 1
    assert not (live() / "ru/library/tag/sekret").exists()


def test_a_filter_page_introduces_its_term_with_the_term_description(library):
    subject = library["terms"]["informatics"]
    subject.description = "Алгоритмы, программирование и цифровая грамотность."
    subject.save()

    publish_full(strict=True)

    assert (
        '<p class="active-filter-description">Алгоритмы, программирование и цифровая грамотность.'
        in page_html("/ru/library/subject/informatics/")
    )


def test_a_long_library_is_split_into_pages(library, monkeypatch):
    monkeypatch.setattr(LibraryIndexPage, "listing_per_page", 2)

    publish_full(strict=True)

    first = page_html("/ru/library/")
    third = page_html("/ru/library/page/3/")
    assert len(listed_titles(first)) == 2
    assert listed_titles(third) == ["Открытая электронная библиотека"]
    assert 'href="/ru/library/page/2/" rel="prev"' in third
    assert "страница 3" in third
    assert len(listed_titles(page_html("/ru/library/subject/informatics/"))) == 2
    assert not (live() / "ru/library/subject/informatics/page/2").exists()


def test_an_item_page_shows_its_description_and_links_to_its_filters(library):
    publish_full(strict=True)

    html = page_html("/ru/library/osnovy/")

    assert "<dt>Авторы</dt><dd>Голуб Г. Б., Перелыгина Е. А.</dd>" in html
    assert "<dt>Издательство или источник</dt><dd>Учитель</dd>" in html
    assert '<a href="/ru/library/year/2023/">2023</a>' in html
    assert '<a href="/ru/library/grade/9/">9 класс</a>, <a href="/ru/library/grade/10/">' in html
    assert '<a href="/ru/library/tag/proektnaya-deyatelnost/">Проектная деятельность</a>' in html
    assert 'alt="Обложка: Основы проектной деятельности"' in html
    assert "Печатный экземпляр можно взять в библиотеке лицея." in html


def test_an_item_with_a_file_offers_the_download_and_the_file_is_published(library):
    publish_full(strict=True)

    html = page_html("/ru/library/parametry/")

    href = re.search(r'<a class="button" href="([^"]+)" download>Скачать', html).group(1)
    assert (live() / href.lstrip("/")).is_file()


def test_a_video_offers_to_watch_it(library):
    publish_full(strict=True)

    assert '<a class="button" href="https://example.org/video" rel="noopener">Смотреть видео' in (
        page_html("/ru/library/lazer/")
    )


@pytest.mark.parametrize(
    ("item_type", "field", "message"),
    [
        ("article", "document", "Для статьи прикрепите файл или укажите ссылку"),
        ("methodology", "document", "Для методического материала прикрепите файл"),
        ("video", "external_url", "Для видео укажите ссылку, где его можно посмотреть."),
        ("resource", "external_url", "Для внешнего ресурса укажите ссылку на него."),
    ],
)
def test_an_item_that_readers_could_not_open_is_refused(library, item_type, field, message):
    page = LibraryItemPage(title="Без доступа", slug="bez-dostupa", item_type=item_type)

    with pytest.raises(ValidationError) as error:
        library["library"].add_child(instance=page)

    assert message in error.value.message_dict[field][0]


def test_a_printed_book_needs_neither_file_nor_link(library):
    page = LibraryItemPage(title="Бумажная книга", slug="bumazhnaia", item_type="book")
    library["library"].add_child(instance=page)

    assert page.pk


def test_a_video_with_only_a_file_is_still_refused(library):
    page = LibraryItemPage(
        title="Видео файлом", slug="video-file", item_type="video", document=make_document()
    )

    with pytest.raises(ValidationError) as error:
        library["library"].add_child(instance=page)

    assert "external_url" in error.value.message_dict


def test_an_item_cannot_take_the_address_of_a_filter_page(library):
    page = LibraryItemPage(title="Теги", slug="tag", item_type="book")

    with pytest.raises(ValidationError) as error:
        library["library"].add_child(instance=page)

    assert error.value.message_dict["slug"] == [
        "Адрес «tag» занят страницами фильтров библиотеки; выберите другой."
    ]


def test_a_new_item_reaches_the_listing_and_its_filter_pages_on_the_next_publish(library):
    publish_full(strict=True)

    add_item(
        library["library"],
        "Новая книга по истории",
        slug="novaia",
        subjects=[library["terms"]["history"]],
        tags=["Краеведение"],
    )
    publish_changes()

    assert "Новая книга по истории" in page_html("/ru/library/")
    assert "Новая книга по истории" in page_html("/ru/library/subject/history/")
    assert listed_titles(page_html("/ru/library/tag/kraevedenie/")) == ["Новая книга по истории"]


def test_an_unpublished_item_leaves_the_listing_and_its_last_filter_page_disappears(library):
    publish_full(strict=True)

    library["items"]["video"].unpublish()
    publish_changes()

    assert "Как работает лазер" not in page_html("/ru/library/")
    assert not (live() / "ru/library/tag/optika").exists()
    assert not (live() / "ru/library/lazer").exists()


def test_renaming_a_subject_republishes_the_pages_that_show_it(library):
    publish_full(strict=True)
    subject = library["terms"]["physics"]
    subject.name = "Физика и астрономия"
    subject.save()

    publish_changes(extra_keys={"taxonomy:taxonomy.subject"})

    assert options(page_html("/ru/library/"), "subject")["Физика и астрономия"] == 1
    assert "Физика и астрономия" in page_html("/ru/library/lazer/")


def test_an_english_library_without_items_points_to_the_russian_one(library):
    translate(library["library"], "en", "Library")

    publish_full(strict=True)

    html = page_html("/en/library/")
    assert re.search(r'<link rel="canonical" href="[^"]*/en/library/">', html)
    assert re.search(r'<link rel="alternate" hreflang="ru" href="[^"]*/ru/library/">', html)
    assert '<a href="/ru/library/" hreflang="ru">' in html
    assert '<span lang="ru">Русский</span></a>' in html
    assert not (live() / "en/library/subject").exists()


def test_a_translated_item_shows_its_subjects_in_english(library):
    en = Locale.objects.get(language_code="en")
    library_en = library["library"].copy_for_translation(en)
    library_en.title = "Library"
    library_en.save_revision().publish()
    item_en = library["items"]["video"].copy_for_translation(en)
    item_en.title = "How a laser works"
    item_en.save_revision().publish()

    publish_full(strict=True)

    html = page_html("/en/library/")
    assert listed_titles(html) == ["How a laser works"]
    assert 'href="/en/library/subject/physics/"' in html
    assert "Physics" in html and "Физика" not in html
    item_html = page_html("/en/library/lazer/")
    assert '<a href="/en/library/subject/physics/">Physics</a>' in item_html
    assert "<dt>Subjects</dt>" in item_html and "Watch the video" in item_html
    assert Subject.objects.filter(slug="physics").count() == 2


def test_editors_can_preview_the_library_and_an_item(library):
    index = LibraryIndexPage.objects.get(pk=library["library"].pk)
    item = LibraryItemPage.objects.get(pk=library["items"]["book"].pk)

    index_preview = index.make_preview_request()
    item_preview = item.make_preview_request()

    assert index_preview.status_code == 200
    assert "Основы проектной деятельности" in index_preview.content.decode()
    assert item_preview.status_code == 200
    assert "Голуб Г. Б., Перелыгина Е. А." in item_preview.content.decode()


class LibraryAdminTest(WagtailPageTestCase):
    """An editor adds an item from the admin, with its classification."""

    @classmethod
    def setUpTestData(cls):
        cls.terms = make_terms()
        cls.library = add_library(make_site()["ru"])

    def test_the_editor_chooses_among_the_terms_of_the_page_language_only(self):
        form_class = LibraryItemPage.get_edit_handler().get_form_class()
        user = get_user_model().objects.get(username="editor")

        form = form_class(instance=LibraryItemPage(), parent_page=self.library, for_user=user)

        names = [str(term) for term in form.fields["subjects"].queryset]
        self.assertEqual(names, ["Математика", "Физика", "История", "Информатика"])

    def setUp(self):
        user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
        self.client.force_login(user)

    def test_an_item_is_created_with_its_subjects_grades_and_tags(self):
        data = nested_form_data(
            {
                "title": "Сборник задач по физике",
                "slug": "sbornik",
                "lead": "",
                "item_type": "article",
                "authors": "Иванов И. И.",
                "year": 2024,
                "extent": "",
                "publisher": "",
                "identifier": "",
                "material_language": "ru",
                "licence": "",
                "annotation": "Задачи с решениями.",
                "external_url": "https://example.org/zadachi",
                "cover_alt": "",
                "tags": "олимпиады, механика",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        )
        # Multiple choices are repeated keys in a real form post.
        data["subjects"] = [self.terms["physics"].pk]
        data["grades"] = [self.terms["9"].pk, self.terms["10"].pk]

        self.assertCanCreate(self.library, LibraryItemPage, data)

        item = LibraryItemPage.objects.get(slug="sbornik")
        self.assertEqual([s.slug for s in item.subjects.all()], ["physics"])
        self.assertEqual(sorted(g.slug for g in item.grades.all()), ["10", "9"])
        self.assertEqual(sorted(t.name for t in item.tags.all()), ["механика", "олимпиады"])


def test_demo_items_of_every_type_publish_in_a_strict_build(site_dir, media_root):
    rng = random.Random(7)
    library = add_library(make_site(english=False)["ru"])
    types = list(LibraryItemType)
    for n in range(12):
        page = demo_library_item(
            rng, title=f"Материал {n}", slug=f"material-{n}", item_type=types[n % len(types)]
        )
        library.add_child(instance=page)
        demo_library_item_classify(page, rng)
        page.save_revision().publish()

    result = publish_full(strict=True)

    assert result.broken_links == []
    assert len(set(LibraryItemPage.objects.values_list("item_type", flat=True))) == 5
    assert len(listed_titles(page_html("/ru/library/"))) == 12
