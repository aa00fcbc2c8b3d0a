"""Partner organisations for synthetic demo content (benchmarks), shown on the partners page."""

from __future__ import annotations

from wagtail.models import Locale

from .models import Partner, PartnerKind

__all__ = ["demo_partners"]

PARTNERS = [
    ("demo-university", "Педагогический университет", PartnerKind.UNIVERSITY),
    ("demo-school", "Школа-партнёр № 1", PartnerKind.SCHOOL),
    ("demo-methodology", "Информационно-методический центр района", PartnerKind.METHODOLOGY),
    ("demo-company", "ИТ-компания «Пример»", PartnerKind.COMPANY),
    ("demo-ngo", "Клуб юных исследователей", PartnerKind.NGO),
]


def demo_partners(kit) -> list[Partner]:
    """One partner of each of several kinds in the default language, with a logo from the
    kit's images and a website; existing ones (same code) are reused."""
    locale = Locale.get_default()
    partners = []
    for number, (slug, name, kind) in enumerate(PARTNERS):
        partner, _ = Partner.objects.get_or_create(
            locale=locale,
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "logo": kit.image(),
                "website": f"https://example.org/partners/{slug}",
                "description": kit.text.sentence(),
                "sort_order": number * 10,
            },
        )
        partners.append(partner)
    return partners
