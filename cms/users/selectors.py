"""Reads about people: how a person is named to someone, who their children are."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import NameDisplay, RoleChoices
from .models import Invitation, User

__all__ = [
    "cabinet_url_for",
    "children_of",
    "display_name_for",
    "invitation_find_usable",
    "token_hash",
]

CABINET_URL_SECONDS = 60


def token_hash(raw_token: str) -> str:
    """The stored form of an invitation token; the token itself is never kept."""
    return hashlib.sha256(raw_token.encode()).hexdigest()


def children_of(*, parent: User) -> QuerySet[User]:
    return User.objects.filter(parent_links__parent=parent).order_by("last_name", "first_name")


def cabinet_url_for(*, language: str) -> str:
    """The address of the published cabinet in `language` (the other language's if it has
    none, `/<language>/cabinet/` before any is published).

    Every `GET /api/me` asks, so the answer is kept for a minute: a cabinet page that moves
    is found again by then.
    """
    key = f"users:cabinet-url:{language}"
    url = cache.get(key)
    if url is None:
        url = _cabinet_url(language)
        cache.set(key, url, CABINET_URL_SECONDS)
    return url


def _cabinet_url(language: str) -> str:
    from .models import CabinetPage

    cabinets = CabinetPage.objects.live().select_related("locale")
    by_language = {page.locale.language_code: page for page in cabinets}
    page = by_language.get(language) or next(iter(by_language.values()), None)
    if page is None:
        return f"/{language}/cabinet/"
    return page.get_url() or f"/{language}/cabinet/"


def display_name_for(*, person: User, viewer: User | None = None) -> str:
    """The name `viewer` is shown for `person` (anonymous readers: `viewer=None`).

    Adults appear by their full name. A pupil appears as their consent allows: until their
    parents' consent is on file, only by class; then as `name_display` says (full name,
    initials and class, or class only). The pupil, their parents and staff always see the
    full name.
    """
    if not person.has_role(RoleChoices.STUDENT):
        return person.full_name
    if viewer is not None and viewer.has_perm("users.view_person", person):
        return person.full_name
    school_class = person.school_class.name if person.school_class_id else ""
    display = person.name_display if person.parental_consent else NameDisplay.CLASS_ONLY
    if display == NameDisplay.FULL_NAME:
        name = f"{person.first_name} {person.last_name}".strip()
        return f"{name}, {school_class}" if school_class else name
    if display == NameDisplay.INITIALS:
        initials = " ".join(f"{part[0]}." for part in (person.first_name, person.last_name) if part)
        return f"{initials}, {school_class}" if school_class else initials
    if school_class:
        return _("ученик %(school_class)s класса") % {"school_class": school_class}
    return _("ученик лицея")


def invitation_find_usable(*, raw_token: str) -> Invitation | None:
    """The unused, unexpired invitation of this token, or None."""
    return (
        Invitation.objects.select_related("user")
        .filter(
            token_hash=token_hash(raw_token),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )
