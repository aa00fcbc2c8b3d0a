"""Writes for the legal section: the short /sveden/ addresses the law expects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtail.contrib.redirects.models import Redirect

from .subsections import SUBSECTIONS

if TYPE_CHECKING:
    from .models import LegalSectionPage

ROOT_PATH = "/sveden"


def sveden_redirects_sync(*, section: LegalSectionPage, section_url: str) -> list[Redirect]:
    """Point /sveden/ and every /sveden/<subsection>/ at the section's real address.

    The law expects the section at the site root, while our pages live under a language
    prefix (/ru/sveden/); redirects bridge the two, and the static build publishes them.
    They are temporary, because the section may move and browsers cache permanent ones.
    """
    wanted = {ROOT_PATH: ("page", section)}
    for subsection in SUBSECTIONS:
        wanted[f"{ROOT_PATH}/{subsection.slug}"] = ("link", f"{section_url}{subsection.slug}/")
    redirects = []
    for old_path, (kind, target) in wanted.items():
        normalised = Redirect.normalise_path(old_path)
        redirect = Redirect.objects.filter(old_path=normalised, site__isnull=True).first()
        redirect = redirect or Redirect(old_path=normalised, site=None)
        fields = (
            {"redirect_page": target, "redirect_link": ""}
            if kind == "page"
            else {"redirect_page": None, "redirect_link": target}
        )
        changed = (
            redirect.pk is None
            or redirect.is_permanent
            or any(getattr(redirect, name) != value for name, value in fields.items())
        )
        if changed:
            for name, value in fields.items():
                setattr(redirect, name, value)
            redirect.is_permanent = False
            redirect.save()
        redirects.append(redirect)
    return redirects
