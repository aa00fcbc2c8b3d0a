"""Reads about people: how a person is named to someone, who their children are."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import NameDisplay, RoleChoices
from .models import Invitation, User
from .permissions import STAFF_ROLES

__all__ = [
    "EXPORT_FORMAT_VERSION",
    "account_deletion_refusal",
    "cabinet_url_for",
    "children_of",
    "display_name_for",
    "invitation_find_usable",
    "personal_data_export",
    "pupil_public_name",
    "sessions_of",
    "token_hash",
]

CABINET_URL_SECONDS = 60
# Raised when a section changes shape, so a program reading old exports can tell them apart.
EXPORT_FORMAT_VERSION = 1


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
    return pupil_public_name(
        first_name=person.first_name,
        last_name=person.last_name,
        school_class=person.school_class.name if person.school_class_id else "",
        parental_consent=person.parental_consent,
        name_display=person.name_display,
    )


def pupil_public_name(
    *,
    first_name: str,
    last_name: str,
    school_class: str,
    parental_consent: bool,
    name_display: str,
) -> str:
    """How a pupil appears to those who may not see their full name (`display_name_for`'s
    rule, from the fields alone, so that readers holding plain rows name pupils the same way)."""
    display = name_display if parental_consent else NameDisplay.CLASS_ONLY
    if display == NameDisplay.FULL_NAME:
        name = f"{first_name} {last_name}".strip()
        return f"{name}, {school_class}" if school_class else name
    if display == NameDisplay.INITIALS:
        initials = " ".join(f"{part[0]}." for part in (first_name, last_name) if part)
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


def sessions_of(*, user: User) -> list:
    """The unexpired sessions `user` is signed in with (database sessions; none with others).

    Sessions store the person only inside their encoded data, so each live one is decoded:
    fine for a school's few thousand sessions, and only asked for on export and deletion.
    """
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return []
    from django.contrib.sessions.models import Session

    wanted = str(user.pk)
    return [
        session
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == wanted
    ]


def personal_data_export(*, person: User) -> dict[str, Any]:
    """Everything the space holds about `person`: one section per registered exporter."""
    from .personal_data import exporters

    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "generated_at": timezone.now(),
        "site": settings.WAGTAIL_SITE_NAME,
        "sections": {exporter.name: exporter.export(person) for exporter in exporters()},
    }


def account_deletion_refusal(*, user: User) -> str | None:
    """Why `user` may not delete their own account, or None when they may.

    Staff accounts (staff status, superuser, roles staff and administrator) are removed by an
    administrator: their work is the site's record and their access must be handed over. A
    pupil may delete their own account, consent or not: it removes only what is theirs, and
    the school can import them again from its roster.
    """
    if user.is_superuser or user.is_staff or user.has_role(*STAFF_ROLES):
        return _(
            "Учётные записи сотрудников удаляет администратор. Обратитесь к администратору сайта."
        )
    return None
