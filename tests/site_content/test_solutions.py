"""The open bank of project solutions: tree rules, filter pages, and authors' consent."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from site_content.pages.models import HomePage, StandardPage
from site_content.solutions.demo import demo_solution, demo_solution_classify
from site_content.solutions.forms import private_name_leaks
from site_content.solutions.models import (
    SolutionAuthor,
    SolutionIndexPage,
    SolutionPage,
    initials_of,
)
from tests.factories import make_document, make_image, make_site
from tests.publish.helpers import all_output_text, live, page_html, publish_full

from .test_taxonomy import make_terms

pytestmark = pytest.mark.django_db

STAGES = [
    {"type": "stage", "value": {"title": "Замысел", "period": "сентябрь", "description": "Опрос"}},
    {"type": "stage", "value": {"title": "Прототип", "period": "", "description": "Сборка"}},
]


def add_bank(home, title="Банк проектных решений") -> SolutionIndexPage:
    page = SolutionIndexPage(title=title, slug="solutions")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_solution(
    bank,
    title,
    *,
    slug,
    authors,
    work_format="individual",
    year=2024,
    subjects=(),
    grades=(),
    project_type=None,
    tags=(),
    **fields,
) -> SolutionPage:
    """A published solution; `authors` are (full name, class, display) triples."""
    fields.setdefault("problem", "Проблема проекта.")
    fields.setdefault("goal", "Цель проекта.")
    fields.setdefault("result", "Результат проекта.")
    page = SolutionPage(
        title=title,
        slug=slug,
        work_format=work_format,
        year=year,
        project_type=project_type,
        **fields,
    )
    page.authors = [
        SolutionAuthor(full_name=name, school_class=school_class, display=display)
        for name, school_class, display in authors
    ]
    page.subjects = list(subjects)
    page.grades = list(grades)
    bank.add_child(instance=page)
    page.tags.add(*tags)
    page.save_revision().publish()
    return page


@pytest.fixture
def bank(site_dir, media_root):
    return make_bank()


def make_bank(homes=None, terms=None) -> dict:
    """A Russian bank with three solutions: individual and collective, every kind of consent."""
    terms = terms or make_terms()
    homes = homes or make_site()
    bank = add_bank(homes["ru"])
    solutions = {
        "sensor": add_solution(
            bank,
            "Датчик качества воздуха в классе",
            slug="datchik",
            authors=[("Анна Сергеевна Полякова", "10 «Б»", "full_name")],
            subjects=[terms["physics"], terms["informatics"]],
            grades=[terms["10"]],
            project_type=terms["engineering"],
            tags=["Экология", "Arduino"],
            tutor="Смирнов Олег Петрович, учитель физики",
            stages=STAGES,
            gallery=[
                {
                    "type": "image",
                    "value": {
                        "image": make_image("Прототип датчика", size=(320, 240)).pk,
                        "alt_text": "Плата с датчиком на подоконнике",
                        "caption": "Первый прототип",
                        "credit": "Лицей",
                    },
                }
            ],
            materials=[
                {"type": "document", "value": {"document": make_document().pk, "title": ""}}
            ],
            product_url="https://example.org/sensor",
        ),
        "museum": add_solution(
            bank,
            "Школьный музей блокады: виртуальная экспозиция",
            slug="muzei",
            work_format="collective",
            authors=[
                ("Кирилл Андреевич Лебедев", "9 «А»", "initials"),
                ("Мария Игоревна Захарченко", "9 «А»", "class_only"),
                ("Дмитрий Олегович Соловьёв", "9 «Б»", "full_name"),
            ],
            subjects=[terms["history"]],
            grades=[terms["9"]],
            project_type=terms["social"],
            tags=["Экология"],
            year=2023,
            licence="cc-by-sa-4.0",
        ),
        "olympiad": add_solution(
            bank,
            "Тренажёр олимпиадных задач",
            slug="trenazher",
            authors=[("Вероника Тимуровна Гайдамак", "7 «В»", "class_only")],
            subjects=[terms["mathematics"]],
            grades=[terms["7"]],
            project_type=terms["research"],
            licence="all-rights-reserved",
        ),
    }
    return {"homes": homes, "bank": bank, "solutions": solutions, "terms": terms}


def options(html: str, facet: str) -> dict[str, int]:
    pattern = (
        rf'<a href="/ru/solutions/{facet}/[^/]+/"[^>]*>([^<]+) '
        r'<span class="facet-count">(\d+)</span>'
    )
    return {label.strip(): int(count) for label, count in re.findall(pattern, html)}


def listed_titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


class SolutionTreeRulesTest(WagtailPageTestCase):
    def test_the_bank_sits_directly_under_a_home_page_once_per_language(self):
        self.assertCanCreateAt(HomePage, SolutionIndexPage)
        self.assertCanNotCreateAt(StandardPage, SolutionIndexPage)
        self.assertCanNotCreateAt(SolutionIndexPage, SolutionIndexPage)
        self.assertEqual(SolutionIndexPage.max_count_per_parent, 1)

    def test_solutions_live_only_in_the_bank_and_have_no_children(self):
        self.assertCanCreateAt(SolutionIndexPage, SolutionPage)
        self.assertCanNotCreateAt(HomePage, SolutionPage)
        self.assertCanNotCreateAt(StandardPage, SolutionPage)
        self.assertCanNotCreateAt(SolutionPage, SolutionPage)

    def test_both_page_types_declare_their_templates(self):
        self.assertEqual(SolutionIndexPage.template, "solutions/solution_index_page.html")
        self.assertEqual(SolutionPage.template, "solutions/solution_page.html")


def test_the_bank_and_its_solutions_publish_in_a_strict_build(bank):
    result = publish_full(strict=True)

    assert result.broken_links == []
    assert listed_titles(page_html("/ru/solutions/")) == [
        "Датчик качества воздуха в классе",
        "Тренажёр олимпиадных задач",
        "Школьный музей блокады: виртуальная экспозиция",
    ]
    html = page_html("/ru/solutions/datchik/")
    assert '<h2 id="problem-title">Проблема</h2>\n<p>Проблема проекта.</p>' in html
    assert '<li class="solution-stage"><h3>Замысел</h3><p class="meta">сентябрь</p>' in html
    assert 'alt="Плата с датчиком на подоконнике"' in html
    assert "<dt>Тьютор</dt><dd>Смирнов Олег Петрович, учитель физики</dd>" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    href = re.search(r'<p class="block-document"><a href="([^"]+)" download>', html).group(1)
    assert (live() / href.lstrip("/")).is_file()


def test_every_filter_of_the_bank_has_its_own_page(bank):
    publish_full(strict=True)
    html = page_html("/ru/solutions/")

    for path in [
        "subject/history",
        "grade/9",
        "type/engineering",
        "format/individual",
        "format/collective",
        "year/2023",
        "tag/ekologiya",
        "tag/arduino",
    ]:
        assert (live() / f"ru/solutions/{path}/index.html").is_file(), path
        assert f'href="/ru/solutions/{path}/"' in html, path


def test_filter_counts_match_the_published_solutions(bank):
    publish_full(strict=True)
    html = page_html("/ru/solutions/")

    assert options(html, "subject") == {
        "Математика": 1,
        "Физика": 1,
        "История": 1,
        "Информатика": 1,
    }
    assert options(html, "grade") == {"7 класс": 1, "9 класс": 1, "10 класс": 1}
    assert options(html, "type") == {"Исследовательский": 1, "Инженерный": 1, "Социальный": 1}
    assert options(html, "format") == {"Индивидуальный проект": 2, "Коллективный проект": 1}
    assert options(html, "year") == {"2024": 2, "2023": 1}
    assert options(html, "tag") == {"Arduino": 1, "Экология": 2}


def test_the_individual_and_collective_filters_list_exactly_their_solutions(bank):
    publish_full(strict=True)

    assert listed_titles(page_html("/ru/solutions/format/collective/")) == [
        "Школьный музей блокады: виртуальная экспозиция"
    ]
    assert listed_titles(page_html("/ru/solutions/format/individual/")) == [
        "Датчик качества воздуха в классе",
        "Тренажёр олимпиадных задач",
    ]
    assert listed_titles(page_html("/ru/solutions/tag/ekologiya/")) == [
        "Датчик качества воздуха в классе",
        "Школьный музей блокады: виртуальная экспозиция",
    ]


def test_authors_appear_exactly_as_their_consent_allows(bank):
    publish_full(strict=True)

    museum = page_html("/ru/solutions/muzei/")
    assert "<li>К. А. Л., 9 «А» класс</li>" in museum
    assert "<li>Обучающийся 9 «А» класса</li>" in museum
    assert "<li>Дмитрий Олегович Соловьёв, 9 «Б» класс</li>" in museum
    assert "<li>Анна Сергеевна Полякова, 10 «Б» класс</li>" in page_html("/ru/solutions/datchik/")
    assert "<li>Обучающийся 7 «В» класса</li>" in page_html("/ru/solutions/trenazher/")


@pytest.mark.parametrize(
    "private_word",
    ["Кирилл", "Лебедев", "Мария", "Захарченко", "Вероника", "Гайдамак", "Тимуровна"],
)
def test_a_name_the_consent_withholds_appears_nowhere_in_the_published_site(bank, private_word):
    publish_full(strict=True)

    everything = all_output_text()

    assert private_word not in everything
    assert "Соловьёв" in everything  # the one whose consent allows the full name


def test_a_solution_without_an_evaluation_keeps_the_note_where_the_rating_goes(bank):
    publish_full(strict=True)

    html = page_html("/ru/solutions/datchik/")

    assert "Экспертная оценка" in html
    assert "Оценка экспертов появится здесь после экспертизы проекта." in html
    assert 'data-widget="expert-review"' not in html


def test_the_expert_rating_is_a_static_table_and_links_back_to_nothing_private(bank):
    solution = bank["solutions"]["sensor"]
    solution.expert_rating = {
        "criteria": [
            {"title": "Самостоятельное приобретение знаний", "mean": 2.5, "max": 3},
            {"title": "Коммуникация", "mean": 3.0, "max": 3},
        ],
        "total": 5.5,
        "max": 6,
        "experts": 2,
    }
    solution.save_revision().publish()
    publish_full(strict=True)

    html = page_html("/ru/solutions/datchik/")
    section = html[html.index('id="expert-review-title"') :]
    section = section[: section.index("</section>")]

    assert '<table class="expert-rating">' in section
    assert "по оценкам 2 экспертов" in section
    assert (
        '<th scope="row">Самостоятельное приобретение знаний</th><td>2,5</td><td>3</td>' in section
    )
    assert '<th scope="row">Итого</th><td>5,5</td><td>6</td>' in section
    assert "появится здесь" not in section
    assert "/cabinet/projects" not in html
    # Every page's header asks /api/me who is signed in; nothing points into a project.
    assert "/api/projects" not in html and 'href="/api' not in html
    assert "?project=" not in html


def test_an_author_is_shown_to_editors_in_the_public_form_only():
    author = SolutionAuthor(full_name="Иван Петров", school_class="8 «А»", display="initials")

    assert str(author) == "И. П., 8 «А»"


def test_initials_take_the_first_letter_of_every_part_of_the_name():
    assert initials_of("Анна Сергеевна Полякова") == "А. С. П."
    assert initials_of("Анна-Мария Ким") == "А. М. К."
    assert initials_of("  ") == ""


def test_a_private_name_is_found_in_the_text_even_when_inflected():
    authors = [{"full_name": "Кирилл Лебедев", "display": "initials"}]

    assert private_name_leaks(texts=["Проект Кирилла Лебедева"], authors=authors) == [
        "Кирилл",
        "Лебедев",
    ]
    assert private_name_leaks(texts=["Проект К. Л."], authors=authors) == []
    assert (
        private_name_leaks(
            texts=["Кирилл Лебедев"],
            authors=[{"full_name": "Кирилл Лебедев", "display": "full_name"}],
        )
        == []
    )


class SolutionAdminFormTest(WagtailPageTestCase):
    """What an editor is told when the page would break an author's consent or the team size."""

    @classmethod
    def setUpTestData(cls):
        terms = make_terms(english=False)
        cls.project_type = terms["research"]
        cls.bank = add_bank(make_site(english=False)["ru"])

    def setUp(self):
        self.user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
        self.client.force_login(self.user)

    def post_data(self, *, authors, work_format="individual", problem="Проблема.", title=None):
        return nested_form_data(
            {
                "title": title or "Проект",
                "slug": "proekt",
                "lead": "",
                "problem": problem,
                "goal": "Цель.",
                "stages": streamfield([]),
                "result": "Результат.",
                "product_url": "",
                "gallery": streamfield([]),
                "materials": streamfield([]),
                "work_format": work_format,
                "authors": inline_formset(
                    [
                        {"full_name": name, "school_class": "9 «А»", "display": display}
                        for name, display in authors
                    ]
                ),
                "tutor": "",
                "year": 2024,
                "licence": "cc-by-4.0",
                "project_type": self.project_type.pk,
                "tags": "",
                "comments": inline_formset([]),
            }
        )

    def form_errors(self, data) -> str:
        form_class = SolutionPage.get_edit_handler().get_form_class()
        form = form_class(data, instance=SolutionPage(), parent_page=self.bank, for_user=self.user)
        form.is_valid()
        messages = [str(e) for errors in form.errors.values() for e in errors]
        for formset in form.formsets.values():
            for errors in formset.errors:
                messages.extend(str(e) for field_errors in errors.values() for e in field_errors)
        return " ".join(messages)

    def test_a_well_formed_solution_is_created_from_the_admin(self):
        self.assertCanCreate(
            self.bank,
            SolutionPage,
            self.post_data(authors=[("Ирина Котова", "class_only")]),
        )

        page = SolutionPage.objects.get(slug="proekt")
        self.assertEqual([str(a) for a in page.authors.all()], ["9 «А»"])

    def test_a_name_withheld_by_consent_cannot_be_written_into_the_text(self):
        errors = self.form_errors(
            self.post_data(
                authors=[("Ирина Котова", "initials")],
                problem="Ирина заметила, что в классе душно.",
            )
        )

        self.assertIn("На странице упомянуто «Ирина» — часть имени автора", errors)

    def test_an_individual_project_has_exactly_one_author(self):
        errors = self.form_errors(
            self.post_data(authors=[("А Б", "class_only"), ("В Г", "class_only")])
        )

        self.assertIn("У индивидуального проекта один автор, а указано: 2.", errors)

    def test_a_collective_project_has_at_least_two_authors(self):
        errors = self.form_errors(
            self.post_data(authors=[("А Б", "class_only")], work_format="collective")
        )

        self.assertIn("У коллективного проекта должно быть не меньше двух авторов.", errors)

    def test_an_author_shown_by_name_needs_a_name(self):
        errors = self.form_errors(self.post_data(authors=[("", "full_name")]))

        self.assertIn("Укажите имя: согласие разрешает его показывать.", errors)


def test_the_solution_files_never_name_an_author_beyond_their_consent():
    """The school's own content: a withheld name appears in no file of the two zones but
    the author's own record (which the public pages never show)."""
    content = Path(settings.BASE_DIR) / "site_content" / "content"
    files = [
        *sorted((content / "ru" / "solutions").glob("*.md")),
        *sorted((content / "ru" / "library").glob("*.md")),
        *[
            content / lang / f"{name}.md"
            for lang in ("ru", "en")
            for name in ("library", "solutions")
        ],
        content / "images.d" / "library-solutions.yaml",
        content / "documents.d" / "library-solutions.yaml",
    ]
    withheld = []
    for file in sorted((content / "ru" / "solutions").glob("*.md")):
        front_matter = yaml.safe_load(file.read_text(encoding="utf-8").split("---")[1])
        withheld += [
            author["full_name"]
            for author in front_matter["authors"]
            if author["display"] != "full_name"
        ]
    assert len(withheld) >= 10
    for file in files:
        text = file.read_text(encoding="utf-8")
        for name in withheld:
            text = text.replace(f"full_name: {name}\n", "")
        for name in withheld:
            for part in name.split():
                assert not re.search(rf"(?<!\w){part}(?!\w)", text), f"{part} in {file.name}"


def test_demo_solutions_publish_in_a_strict_build_without_authors_names(site_dir, media_root):
    rng = random.Random(3)
    bank = add_bank(make_site(english=False)["ru"])
    for n in range(8):
        page = demo_solution(rng, title=f"Решение {n}", slug=f"reshenie-{n}", lead="Лид.")
        bank.add_child(instance=page)
        demo_solution_classify(page, rng)
        page.save_revision().publish()

    result = publish_full(strict=True)

    assert result.broken_links == []
    assert len(listed_titles(page_html("/ru/solutions/"))) == 8
    shown = {a.full_name for a in SolutionAuthor.objects.filter(display="full_name")}
    everything = all_output_text()
    for author in SolutionAuthor.objects.exclude(display="full_name"):
        if author.full_name not in shown:
            assert author.full_name not in everything
