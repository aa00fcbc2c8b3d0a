"""How a person is named to others."""

import pytest

from cms.users.choices import NameDisplay, RoleChoices
from cms.users.selectors import display_name_for

from .conftest import make_person

pytestmark = pytest.mark.django_db


def pupil(**fields):
    return make_person(
        "pupil",
        RoleChoices.STUDENT,
        school_class="7А",
        first_name="Артём",
        last_name="Смирнов",
        **fields,
    )


def test_without_consent_a_pupil_is_named_only_by_class_whatever_they_chose():
    child = pupil(name_display=NameDisplay.FULL_NAME)

    assert display_name_for(person=child) == "ученик 7А класса"


@pytest.mark.parametrize(
    ("display", "shown"),
    [
        (NameDisplay.FULL_NAME, "Артём Смирнов, 7А"),
        (NameDisplay.INITIALS, "А. С., 7А"),
        (NameDisplay.CLASS_ONLY, "ученик 7А класса"),
    ],
)
def test_with_consent_a_pupil_is_named_as_they_chose(display, shown):
    child = pupil(name_display=display, parental_consent=True)

    assert display_name_for(person=child) == shown


def test_the_pupils_parent_sees_the_full_name(family):
    assert display_name_for(person=family["child"], viewer=family["parent"]) == "Артём Смирнов"
    assert display_name_for(person=family["child"], viewer=family["teacher"]) == (
        "ученик 7А класса"
    )


def test_adults_are_named_in_full_with_their_patronymic():
    teacher = make_person(
        "teacher",
        RoleChoices.TEACHER,
        first_name="Мария",
        patronymic="Александровна",
        last_name="Кузнецова",
    )

    assert display_name_for(person=teacher) == "Мария Александровна Кузнецова"
