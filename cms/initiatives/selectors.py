"""Reads of initiatives: the list of a council with its support counts, one initiative."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from .models import Initiative

__all__ = ["initiatives_list", "initiatives_public", "supported_ids"]

LIST_LIMIT = 200


def _base() -> QuerySet:
    return (
        Initiative.objects.select_related("council", "author__school_class", "vote")
        .prefetch_related("co_authors__school_class")
        .annotate(supports_count=Count("supports", distinct=True))
    )


def initiatives_list(*, council_id: int | None = None) -> QuerySet:
    """The initiatives of a council (of every council when None), the newest first."""
    queryset = _base()
    if council_id is not None:
        queryset = queryset.filter(council_id=council_id)
    return queryset


def initiatives_public(*, council_id: int) -> list[Initiative]:
    """What the council page's public list shows, in the order it shows them."""
    return list(initiatives_list(council_id=council_id)[:LIST_LIMIT])


def supported_ids(*, person, initiative_ids) -> set[int]:
    """Of these initiatives, the ones `person` supports."""
    return set(
        person.initiative_supports.filter(initiative_id__in=list(initiative_ids)).values_list(
            "initiative_id", flat=True
        )
    )
