"""Who is in an audience, through a vote's electorate: roles, grades, classes, parents of
pupils, a council's linked members, everyone with an account."""

from __future__ import annotations

import pytest

from cms.audiences.selectors import (
    audience_children_of,
    audience_includes,
    audience_label,
    audience_people,
)
from cms.users.choices import RoleChoices
from cms.users.models import SchoolClass
from tests.cms.votes.conftest import make_council, make_vote, roster  # noqa: F401

pytestmark = pytest.mark.django_db


def names(audience) -> set[str]:
    return set(audience_people(audience).values_list("username", flat=True))


def test_parents_of_grade_9_are_the_parents_of_9th_graders_only(roster):  # noqa: F811
    vote = make_vote(audience_roles=[RoleChoices.PARENT], audience_grades="9")

    assert names(vote) == {"mother", "father", "vera-parent"}
    assert audience_label(vote) == "родитель; параллели 9"


def test_students_of_grades_8_to_11_leave_out_the_7th_grader(roster):  # noqa: F811
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], audience_grades="8–11")

    assert names(vote) == {"anna", "boris", "vera", "dina"}
    assert not audience_includes(vote, roster["gleb"])


def test_chosen_classes_narrow_pupils_and_their_parents(roster):  # noqa: F811
    vote = make_vote(audience_roles=[RoleChoices.STUDENT, RoleChoices.PARENT])
    vote.audience_classes.set([SchoolClass.objects.get(name="9Б")])

    assert names(vote) == {"vera", "vera-parent"}
    assert "классы 9Б" in audience_label(vote)


def test_a_grade_and_a_class_of_another_grade_leave_nobody(roster):  # noqa: F811
    vote = make_vote(audience_roles=[RoleChoices.STUDENT], audience_grades="7")
    vote.audience_classes.set([SchoolClass.objects.get(name="9А")])

    assert names(vote) == set()


def test_council_members_are_those_linked_to_accounts(roster):  # noqa: F811
    council = make_council(members=[roster["teacher"], roster["dina"]])
    vote = make_vote(audience_council=council)

    assert names(vote) == {"teacher", "dina"}
    assert "члены совета «Совет коворкинга»" in audience_label(vote)


def test_other_roles_take_everyone_with_them_and_public_takes_every_account(roster):  # noqa: F811
    teachers = make_vote("teachers", audience_roles=[RoleChoices.TEACHER])
    everyone = make_vote("everyone", audience_public=True)
    roster["boris"].is_active = False
    roster["boris"].save()

    assert names(teachers) == {"teacher"}
    assert "boris" not in names(everyone)
    assert len(names(everyone)) == len(roster) - 1


def test_a_parent_speaks_for_their_children_in_the_audience_only(roster):  # noqa: F811
    vote = make_vote(audience_roles=[RoleChoices.PARENT], audience_grades="9")

    children = set(audience_children_of(vote, roster["mother"]).values_list("username", flat=True))

    assert children == {"anna", "boris"}
    assert not audience_children_of(vote, roster["gleb_parent"]).exists()


def test_an_anonymous_visitor_is_in_no_audience(roster):  # noqa: F811
    from django.contrib.auth.models import AnonymousUser

    assert not audience_includes(make_vote(audience_public=True), AnonymousUser())


@pytest.mark.parametrize(
    "audience",
    [
        {"audience_roles": [RoleChoices.PARENT], "audience_grades": "9"},
        {"audience_roles": [RoleChoices.STUDENT], "audience_grades": "8–11"},
        {"audience_roles": [RoleChoices.STUDENT, RoleChoices.PARENT], "classes": ["9Б"]},
        {"audience_roles": [RoleChoices.STUDENT], "audience_grades": "9", "classes": ["9А"]},
        {"audience_roles": [RoleChoices.TEACHER, RoleChoices.STUDENT], "audience_grades": "7"},
        {"council": True},
        {"audience_public": True},
    ],
)
def test_asking_about_one_person_agrees_with_the_whole_list(roster, audience):  # noqa: F811
    fields = dict(audience)
    classes = fields.pop("classes", [])
    if fields.pop("council", False):
        fields["audience_council"] = make_council(members=[roster["teacher"], roster["dina"]])
    vote = make_vote(**fields)
    vote.audience_classes.set(SchoolClass.objects.filter(name__in=classes))
    people = set(audience_people(vote))

    for person in roster.values():
        fresh = type(vote).objects.get(pk=vote.pk)
        assert audience_includes(fresh, person) == (person in people), person.username
