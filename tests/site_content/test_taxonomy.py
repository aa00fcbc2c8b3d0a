"""Controlled vocabularies and the static facet listings built from them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from wagtail.models import Locale

from cms.core.facets import Facet, FacetedListing, FacetValue, facet_slug
from site_content.taxonomy.models import EventType, Grade, ProjectType, Subject

pytestmark = pytest.mark.django_db

TERMS = {
    Subject: [
        ("mathematics", "Математика", "Mathematics"),
        ("physics", "Физика", "Physics"),
        ("history", "История", "History"),
        ("informatics", "Информатика", "Computer science"),
    ],
    Grade: [
        ("7", "7 класс", "Grade 7"),
        ("9", "9 класс", "Grade 9"),
        ("10", "10 класс", "Grade 10"),
        ("teachers", "Педагогам", "For teachers"),
    ],
    ProjectType: [
        ("research", "Исследовательский", "Research"),
        ("engineering", "Инженерный", "Engineering"),
        ("social", "Социальный", "Social"),
    ],
    EventType: [("hackathon", "Хакатон", "Hackathon")],
}


def make_terms(*, english: bool = True) -> dict[str, object]:
    """The vocabularies above in Russian (with English translations); {slug: Russian term}.

    Slugs are unique per vocabulary, so a grade and a subject never share a key here.
    """
    ru, _ = Locale.objects.get_or_create(language_code="ru")
    en, _ = Locale.objects.get_or_create(language_code="en")
    terms = {}
    for model, rows in TERMS.items():
        for position, (slug, name, english_name) in enumerate(rows):
            term = model.objects.create(name=name, slug=slug, sort_order=position, locale=ru)
            if english:
                translation = term.copy_for_translation(en)
                translation.name = english_name
                translation.save()
            terms[slug] = term
    return terms


def test_a_slug_is_unique_within_a_language_and_the_editor_is_told_on_the_slug_field():
    make_terms(english=False)
    ru = Locale.objects.get(language_code="ru")

    with pytest.raises(ValidationError) as error:
        Subject(name="Алгебра", slug="mathematics", locale=ru).full_clean()

    assert error.value.message_dict == {"slug": ["Термин с адресом «mathematics» уже есть."]}


def test_a_translation_keeps_the_slug_so_both_languages_share_facet_addresses():
    terms = make_terms()

    english = Subject.objects.get(locale__language_code="en", slug="mathematics")

    assert english.translation_key == terms["mathematics"].translation_key
    assert english.name == "Mathematics"
    english.full_clean()


def test_the_same_slug_may_name_terms_of_different_vocabularies():
    ru, _ = Locale.objects.get_or_create(language_code="ru")
    Subject.objects.create(name="Социология", slug="social", locale=ru)
    ProjectType.objects.create(name="Социальный", slug="social", locale=ru).full_clean()


def test_terms_are_listed_by_their_position_then_by_name():
    make_terms(english=False)

    names = list(Subject.objects.filter(locale__language_code="ru").values_list("name", flat=True))

    assert names == ["Математика", "Физика", "История", "Информатика"]


@pytest.mark.parametrize("model", [Subject, Grade, ProjectType, EventType])
def test_editors_find_every_vocabulary_in_the_admin(client, model):
    make_terms(english=False)
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    meta = model._meta

    response = client.get(reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list"))

    assert response.status_code == 200
    assert model.objects.first().name in response.content.decode()


# The facet listing, without pages: items are plain dictionaries here.


def _item(title, subjects=(), year=None):
    return {"title": title, "subjects": subjects, "year": year}


FACETS = [
    Facet(
        "subject",
        "Предмет",
        lambda item: [FacetValue(s, s.title(), sort_key=(len(s),)) for s in item["subjects"]],
    ),
    Facet(
        "year",
        "Год",
        lambda item: (
            [FacetValue(str(item["year"]), str(item["year"]), (-item["year"],))]
            if item["year"]
            else []
        ),
    ),
]


def test_facet_counts_come_from_the_items_and_values_keep_a_stable_order():
    listing = FacetedListing(
        [
            _item("a", ["physics", "art"], 2023),
            _item("b", ["physics"], 2024),
            _item("c", [], 2024),
            _item("d", ["art"]),
        ],
        FACETS,
    )

    groups = listing.groups(base_url="/ru/library/")

    assert [(g.key, [(o.slug, o.count) for o in g.options]) for g in groups] == [
        ("subject", [("art", 2), ("physics", 2)]),
        ("year", [("2024", 2), ("2023", 1)]),
    ]
    assert groups[0].options[0].url == "/ru/library/subject/art/"


def test_a_filtered_page_lists_exactly_the_matching_items_and_names_the_filter():
    listing = FacetedListing(
        [_item("a", ["physics"]), _item("b", ["art"]), _item("c", ["physics", "art"])], FACETS
    )

    page = listing.page(base_url="/ru/library/", facet="subject", value="physics")

    assert [item["title"] for item in page.items] == ["a", "c"]
    assert (page.active.facet_label, page.active.label, page.active.count) == (
        "Предмет",
        "Physics",
        2,
    )
    assert page.clear_url == "/ru/library/"
    assert [o.slug for o in page.groups[0].options if o.active] == ["physics"]


def test_a_long_listing_is_split_into_numbered_pages_with_their_own_addresses():
    listing = FacetedListing([_item(str(n), ["physics"]) for n in range(5)], FACETS, per_page=2)

    second = listing.page(base_url="/ru/library/", number=2)
    paths = [route.path for route in listing.routes(lambda request, **kw: HttpResponse())]

    assert [item["title"] for item in second.items] == ["2", "3"]
    assert (second.previous_url, second.next_url) == ("/ru/library/", "/ru/library/page/3/")
    assert paths == [
        "page/2/",
        "page/3/",
        "subject/physics/",
        "subject/physics/page/2/",
        "subject/physics/page/3/",
    ]


def test_a_route_renders_the_listing_it_stands_for():
    listing = FacetedListing([_item("a", ["physics"], 2020)], FACETS)
    seen = []

    def render(request, **selection):
        seen.append(selection)
        return HttpResponse()

    for route in listing.routes(render):
        route.render(None)

    assert seen == [
        {"facet": "subject", "value": "physics", "number": 1},
        {"facet": "year", "value": "2020", "number": 1},
    ]


def test_an_unknown_filter_value_or_page_number_is_not_found():
    listing = FacetedListing([_item("a", ["physics"])], FACETS)

    with pytest.raises(Http404):
        listing.page(base_url="/", facet="subject", value="chemistry")
    with pytest.raises(Http404):
        listing.page(base_url="/", number=2)
    with pytest.raises(Http404):
        listing.page(base_url="/", facet="colour", value="red")


def test_free_form_labels_get_ascii_addresses():
    assert facet_slug("Робототехника") == "robototekhnika"
    assert facet_slug("3D-печать") == "3d-pechat"
    assert facet_slug("!!!") == "x"
