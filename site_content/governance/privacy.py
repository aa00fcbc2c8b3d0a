"""Council memberships in "download my data" and "delete my account".

A council member's row is the council page's content (a name, a role, whom they represent);
the link to an account only says whose vote counts in the council's votes. A deleted account
leaves the row on the page and drops the link.
"""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import CouncilMember


def council_memberships_export(person) -> list[dict]:
    return [
        {"council": member.page.title, "role": member.role, "represents": member.group}
        for member in CouncilMember.objects.filter(person=person).select_related("page")
    ]


def council_memberships_erase(person) -> None:
    CouncilMember.objects.filter(person=person).update(person=None)


MODELS = ["governance.CouncilMember"]
register_exporter("council_memberships", council_memberships_export, models=MODELS)
register_eraser("council_memberships", council_memberships_erase, models=MODELS)
