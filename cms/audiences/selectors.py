"""Who is in an audience (see `models.Audience`): one query each, the same rule everywhere."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cms.users.choices import RoleChoices
from cms.users.models import SchoolClass

from .models import Audience

__all__ = [
    "audience_children_of",
    "audience_includes",
    "audience_label",
    "audience_people",
    "classes_in_grades",
]


def _grades_pattern(grades: frozenset[int]) -> str:
    """A class name of one of these grades: «9А», «10Б», «11» — the number, then no digit."""
    return rf"^({'|'.join(str(g) for g in sorted(grades))})([^0-9]|$)"


def classes_in_grades(grades: frozenset[int]) -> list[int]:
    """The ids of the classes of these grades («9А», «9Б» for grade 9)."""
    if not grades:
        return []
    pattern = _grades_pattern(grades)
    return list(SchoolClass.objects.filter(name__regex=pattern).values_list("pk", flat=True))


def _pupil_classes(audience: Audience) -> list[int] | None:
    """The classes pupils must be in, or None when every class counts; one query at most,
    kept on the instance for the rest of the request."""
    cached = getattr(audience, "_pupil_classes_cache", False)
    if cached is not False:
        return cached
    # `.all()` rather than `values_list`: a prefetch of the classes is used when there is one.
    chosen = [c.pk for c in audience.audience_classes.all()] if audience.pk else []
    grades = audience.audience_grade_set
    if grades:
        in_grades = SchoolClass.objects.filter(name__regex=_grades_pattern(grades))
        if chosen:
            in_grades = in_grades.filter(pk__in=chosen)
        classes = sorted(in_grades.values_list("pk", flat=True))
    else:
        classes = sorted(chosen) if chosen else None
    audience._pupil_classes_cache = classes
    return classes


def _pupils(classes: list[int] | None) -> Q:
    pupil = Q(role_links__role=RoleChoices.STUDENT)
    return pupil if classes is None else pupil & Q(school_class__in=classes)


def audience_people(audience: Audience) -> QuerySet:
    """Everyone in the audience: active accounts, each once."""
    User = get_user_model()
    people = User.objects.filter(is_active=True)
    if audience.audience_public:
        return people
    condition = Q(pk__in=[])
    if audience.audience_council_id:
        from site_content.governance.models import CouncilMember

        members = CouncilMember.objects.filter(
            page_id=audience.audience_council_id, person__isnull=False
        ).values("person")
        condition |= Q(pk__in=members)
    roles = set(audience.audience_roles or [])
    classes = _pupil_classes(audience)
    if RoleChoices.STUDENT in roles:
        condition |= Q(pk__in=User.objects.filter(_pupils(classes)).values("pk"))
    if RoleChoices.PARENT in roles:
        children = User.objects.filter(_pupils(classes)).values("pk")
        condition |= Q(
            pk__in=User.objects.filter(
                role_links__role=RoleChoices.PARENT, child_links__child__in=children
            ).values("pk")
        )
    others = roles - {RoleChoices.STUDENT, RoleChoices.PARENT}
    if others:
        condition |= Q(pk__in=User.objects.filter(role_links__role__in=others).values("pk"))
    return people.filter(condition)


def audience_includes(audience: Audience, person) -> bool:
    """Whether `person` (possibly anonymous) is in the audience: the same rule as
    `audience_people`, asked of one person with as few queries as it can (a vote is cast
    by hundreds at once)."""
    if person is None or not person.is_authenticated or not person.is_active:
        return False
    if audience.audience_public:
        return True
    held = person.roles
    roles = set(audience.audience_roles or [])
    if roles & held - {RoleChoices.STUDENT, RoleChoices.PARENT}:
        return True
    if RoleChoices.STUDENT in roles & held:
        classes = _pupil_classes(audience)
        if classes is None or person.school_class_id in classes:
            return True
    if RoleChoices.PARENT in roles & held and audience_children_of(audience, person).exists():
        return True
    if audience.audience_council_id:
        from site_content.governance.models import CouncilMember

        return CouncilMember.objects.filter(
            page_id=audience.audience_council_id, person=person
        ).exists()
    return False


def audience_children_of(audience: Audience, parent) -> QuerySet:
    """The parent's children through whom the parent is in the audience (for "one vote per
    family": the family is the pupil, and the first parent to act speaks for them)."""
    User = get_user_model()
    return User.objects.filter(
        _pupils(_pupil_classes(audience)), parent_links__parent=parent, is_active=True
    ).distinct()


def audience_label(audience: Audience) -> str:
    """The audience in words, for the widget: «родители; параллели 9» …"""
    if audience.audience_public:
        return _("все, у кого есть учётная запись")
    labels = dict(RoleChoices.choices)
    parts = [str(labels.get(role, role)) for role in audience.audience_roles or []]
    if audience.audience_grades:
        parts.append(_("параллели %(grades)s") % {"grades": audience.audience_grades})
    if audience.pk:
        names = list(audience.audience_classes.values_list("name", flat=True))
        if names:
            parts.append(_("классы %(names)s") % {"names": ", ".join(names)})
    if audience.audience_council_id and audience.audience_council:
        parts.append(_("члены совета «%(council)s»") % {"council": audience.audience_council.title})
    return "; ".join(parts)
