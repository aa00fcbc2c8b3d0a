"""The council page's public list of initiatives, baked into the static page (a static part of
the "initiatives" widget, see `cms.core.widgets`): titles, statuses, the check's words and the
authors as their consent allows (`display_name_for` with no viewer). Nothing else personal."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from cms.users.selectors import display_name_for

from .selectors import initiatives_public


def initiatives_static_part(reference: str, language: str) -> str:
    """`reference` is the council page's id."""
    if not str(reference).isdigit():
        return ""
    initiatives = initiatives_public(council_id=int(reference))
    if not initiatives:
        return ""
    with translation.override(language or None):
        items = [
            {
                "initiative": initiative,
                "authors": [
                    display_name_for(person=person, viewer=None)
                    for person in [initiative.author, *initiative.co_authors.all()]
                ],
            }
            for initiative in initiatives
        ]
        return render_to_string("initiatives/public_list.html", {"items": items})
