"""Reads for the partners page: the partners in a page's language, grouped by kind."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from wagtail.models import Locale

from cms.core.build_cache import per_build
from publish.context import current

# Pages that show partners record this key, so a publish that names it re-renders them.
PARTNERS_KEY = "snippets:partners"


@dataclass(frozen=True)
class PartnerGroup:
    code: str
    label: str
    partners: list


def partners_in(*, locale: Locale, default: Locale | None = None) -> list:
    """Every partner once, in the given language where translated, else in the default one."""
    from .models import Partner

    chosen: dict = {}
    default = default or Locale.get_default()
    for partner in Partner.objects.filter(locale__in=[locale, default]).select_related(
        "logo", "locale"
    ):
        key = partner.translation_key
        if key not in chosen or partner.locale_id == locale.pk:
            chosen[key] = partner
    return sorted(chosen.values(), key=lambda p: (p.sort_order, p.name))


def partner_groups(*, locale: Locale, request: HttpRequest) -> list[PartnerGroup]:
    """The partners grouped by kind, in the order of PartnerKind; empty kinds left out."""
    from .models import PartnerKind

    current(request).depends_on(PARTNERS_KEY)
    default = per_build(request, ("default locale",), Locale.get_default)
    partners = partners_in(locale=locale, default=default)
    groups = []
    for kind in PartnerKind:
        members = [p for p in partners if p.kind == kind]
        if members:
            groups.append(PartnerGroup(code=kind.value, label=kind.label, partners=members))
    return groups
