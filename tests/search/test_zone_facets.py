"""The zones' own pages are filtered by what they show: subject, grade, year, event date."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.factories import make_site, translate
from tests.publish.helpers import publish_full
from tests.site_content.test_library import make_library

from .helpers import search, urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(backend, site_dir, media_root, morphology):
    pages = make_library()
    translate(pages["library"], "en", "Library")
    english = translate(pages["items"]["book"], "en", "Project work basics")
    publish_full(strict=True)
    return pages | {"english": english}


def counts(data, facet) -> dict[str, int]:
    return {f["value"]: f["count"] for f in data["facets"][facet]}


def test_library_items_are_filtered_by_the_subject_grade_and_year_their_page_shows(library):
    def found(**filters):
        return sorted(urls(search("информатика", locale="ru", type="libraryitem", **filters)))

    everything = search("информатика", locale="ru", type="libraryitem")

    assert found() == ["/ru/library/osnovy/", "/ru/library/tyutor/"]
    assert counts(everything, "subject") == {"Информатика": 2}
    assert found(grade="Педагогам") == ["/ru/library/tyutor/"]
    assert found(year="2023") == ["/ru/library/osnovy/"]
    assert found(subject="Математика") == []


def test_an_english_page_is_filtered_by_the_english_labels_it_shows(library):
    data = search("computer science", locale="en", type="libraryitem")

    assert urls(data) == ["/en/library/osnovy/"]
    assert counts(data, "subject") == {"Computer science": 1}
    assert counts(data, "grade") == {"Grade 9": 1, "Grade 10": 1}
    found = search("computer science", locale="en", type="libraryitem", grade="Grade 9")
    assert urls(found) == ["/en/library/osnovy/"]


def test_an_event_is_found_by_its_year_in_moscow_time(backend, site_dir, media_root, morphology):
    from tests.site_content.test_events import make_event, make_events_index

    index = make_events_index(make_site(english=False)["ru"])
    make_event(
        index,
        "Хакатон по экологии",
        slug="hackathon",
        start=timezone.make_aware(datetime(2026, 1, 1, 0, 30)),  # 21:30 UTC on 31 December
        end=timezone.make_aware(datetime(2026, 1, 1, 6, 0)),
    )
    publish_full(strict=True)

    data = search("хакатон", locale="ru", type="event")

    assert urls(data) == ["/ru/events/hackathon/"]
    assert counts(data, "year") == {2026: 1}
    assert urls(search("хакатон", locale="ru", type="event", year="2025")) == []
