"""Writes about people: roles, consent, invitations and the roster import."""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from anyascii import anyascii
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.security.audit import security_event

from .choices import ROSTER_ROLES, NameDisplay, RoleChoices
from .models import Guardianship, Invitation, SchoolClass, User, UserRole
from .roster import ChildRef, RosterError, RosterProblem, RosterRow, roster_parse
from .selectors import token_hash

__all__ = [
    "RosterReport",
    "account_delete",
    "email_address_record",
    "invitation_accept",
    "invitation_create",
    "invitation_send",
    "parental_consent_record",
    "roster_import",
    "user_roles_set",
]

logger = logging.getLogger(__name__)


def user_roles_set(
    *,
    user: User,
    roles: Iterable[str],
    manageable: Iterable[str] = tuple(RoleChoices),
    source: str = "admin",
) -> bool:
    """Give `user` exactly `roles` among the `manageable` ones; return whether anything changed.

    Roles outside `manageable` are left as they are: the roster manages all roles but
    administrator, which only the admin grants or takes away. Every change is logged.
    """
    manageable = set(manageable)
    wanted = set(roles) & manageable
    current = set(UserRole.objects.filter(user=user).values_list("role", flat=True))
    added = wanted - current
    removed = (current & manageable) - wanted
    if not added and not removed:
        return False
    UserRole.objects.filter(user=user, role__in=removed).delete()
    UserRole.objects.bulk_create(UserRole(user=user, role=role) for role in sorted(added))
    if hasattr(user, "_prefetched_objects_cache"):
        user._prefetched_objects_cache.pop("role_links", None)
    security_event(
        "roles.changed",
        level=logging.WARNING,
        username=user.get_username(),
        added=sorted(added) or None,
        removed=sorted(removed) or None,
        source=source,
    )
    return True


def user_settings_update(
    *, user: User, language: str | None = None, name_display: str | None = None
) -> User:
    """Save the settings a person changes in their cabinet; only the fields given."""
    changed = []
    if language is not None and language != user.language:
        user.language = language
        changed.append("language")
    if name_display is not None and name_display != user.name_display:
        user.name_display = name_display
        changed.append("name_display")
    if changed:
        user.save(update_fields=changed)
    return user


def account_delete(*, user: User) -> int:
    """Delete `user`'s account: their personal data removed, what must stay left unlinkable.

    In one transaction every registered eraser runs (`personal_data.py`: roles, family,
    invitations, addresses, second factors, sessions, notifications, calendar feed, and what
    later apps add), then the account row is kept but anonymised: a random username, no name,
    address, class or organisation, an unusable password, inactive. Records that must outlive
    it (the site's editorial history, a cast secret ballot) point at an account that names no
    one. Returns the former id, the only thing the security log is told.
    """
    from .personal_data import erasers

    with transaction.atomic():
        # Locked, so two deletions (two tabs) run one after the other.
        User.objects.select_for_update().filter(pk=user.pk).first()
        for eraser in erasers():
            eraser.erase(user)
        user.groups.clear()
        user.user_permissions.clear()
        user.set_unusable_password()
        anonymous = {
            "username": f"deleted-{secrets.token_hex(8)}",
            "first_name": "",
            "last_name": "",
            "patronymic": "",
            "email": "",
            "organisation": "",
            "school_class": None,
            "name_display": NameDisplay.CLASS_ONLY,
            "parental_consent": False,
            "parental_consent_recorded_at": None,
            "email_verified_at": None,
            "last_login": None,
            "is_active": False,
            "password": user.password,
        }
        # An update, not save(): the account's save signals would log a password change and a
        # deactivation, noise beside the one event that says what happened.
        User.objects.filter(pk=user.pk).update(**anonymous)
        for name, value in anonymous.items():
            setattr(user, name, value)
        if hasattr(user, "_prefetched_objects_cache"):
            user._prefetched_objects_cache.clear()
    security_event("account.deleted", level=logging.WARNING, user_id=user.pk)
    return user.pk


def parental_consent_record(*, child: User, given: bool) -> bool:
    """Record (or withdraw) the parents' consent for a pupil, noting when; False if unchanged."""
    if child.parental_consent == given:
        return False
    child.parental_consent = given
    child.parental_consent_recorded_at = timezone.now()
    child.save(update_fields=["parental_consent", "parental_consent_recorded_at"])
    security_event("consent.changed", username=child.get_username(), given=given)
    return True


def invitation_create(*, user: User) -> tuple[Invitation, str]:
    """A new one-time invitation for `user`, and its token (shown once, stored as a hash)."""
    raw_token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        token_hash=token_hash(raw_token),
        expires_at=timezone.now() + settings.INVITATION_VALID_FOR,
    )
    return invitation, raw_token


def invitation_link(*, invitation: Invitation, raw_token: str) -> str:
    language = invitation.user.language
    return f"{settings.PUBLIC_BASE_URL}/{language}/accounts/invitation/{raw_token}/"


def invitation_send(*, invitation: Invitation, raw_token: str) -> None:
    """Email the invitation's one-time link to its person, in their language."""
    user = invitation.user
    context = {
        "person": user,
        "link": invitation_link(invitation=invitation, raw_token=raw_token),
        "expires_at": invitation.expires_at,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    # One translated template serves every language; a theme may add a language's own
    # wording as `invitation_<lang>.txt/.html`, which is preferred when present.
    with translation.override(user.language):
        subject = _("Приглашение в цифровое коворкинг-пространство лицея")
        text, html = (
            render_to_string(
                [f"users/email/invitation_{user.language}.{ext}", f"users/email/invitation.{ext}"],
                context,
            )
            for ext in ("txt", "html")
        )
    send_mail(subject, text, None, [user.email], html_message=html)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Use the invitation once: set the password and count the email as verified."""
    with transaction.atomic():
        used = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not used:
            raise ValueError("invitation already used")
        user = invitation.user
        user.set_password(password)
        user.email_verified_at = user.email_verified_at or timezone.now()
        user.save(update_fields=["password", "email_verified_at"])
        # The invitation came to this address, so following it proved the address is theirs.
        email_address_record(user=user, verified=True)
    security_event("invitation.accepted", username=user.get_username())
    return user


def email_address_record(*, user: User, verified: bool = False) -> None:
    """Make `user.email` the person's primary address on the account pages (django-allauth).

    With it they can reset a forgotten password and sign in by email; `verified` (the person
    proved it is theirs) is only ever added, never taken away, here.
    """
    if not user.email:
        return
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
        return
    if not address.primary:
        EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
    if not address.primary or (verified and not address.verified):
        address.primary = True
        address.verified = address.verified or verified
        address.save(update_fields=["primary", "verified"])


@dataclass
class RosterReport:
    """What an import did: people created, updated and left alone; links and invitations."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    links: int = 0
    invited: int = 0
    send_failures: list[str] = field(default_factory=list)


def roster_import(
    *,
    data: bytes,
    filename: str,
    invite: bool = True,
    progress_for: Callable[[int], Any] | None = None,
) -> RosterReport:
    """Import a roster file: all of it, or (when any row is wrong) nothing.

    A person is recognised by their email when the row has one, else by surname, name,
    patronymic and class (pupils often have no address). A row updates the person it
    recognises; re-importing an unchanged file changes nothing. New people with an address
    get an invitation email once the import is committed. `progress_for(total)` may return a
    progress display (`publish.progress.Progress`), advanced once per row.
    """
    rows = roster_parse(data=data, filename=filename)
    report = RosterReport()
    progress = progress_for(len(rows)) if progress_for else None
    invitations: list[tuple[Invitation, str]] = []
    with transaction.atomic():
        matches, problems = _match_people(rows, filename)
        people: dict[int, User] = {}
        states: dict[int, str] = {}
        for row in rows:
            person, state = _person_apply(row, matches.get(row.line))
            people[row.line], states[row.line] = person, state
            if invite and state == "created" and person.email:
                invitations.append(invitation_create(user=person))
            setattr(report, state, getattr(report, state) + 1)
            if progress is not None:
                progress.advance()
        if progress is not None:
            progress.done()
        links, found = _links_apply(rows, people, filename)
        problems += found
        if problems:
            transaction.set_rollback(True)
            raise RosterError(sorted(problems, key=lambda p: p.line))
        report.links = len(links)
        # A new child link is a change to the parent, even when their row is as it was.
        touched = {line for line, _child in links if states[line] == "unchanged"}
        report.unchanged -= len(touched)
        report.updated += len(touched)
    for invitation, raw_token in invitations:
        try:
            invitation_send(invitation=invitation, raw_token=raw_token)
            report.invited += 1
        except Exception:
            logger.exception("Invitation to %s not sent", invitation.user.email)
            report.send_failures.append(invitation.user.email)
    security_event(
        "roster.imported",
        file=filename,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        links=report.links,
        invited=report.invited,
    )
    return report


def _match_people(
    rows: list[RosterRow], filename: str
) -> tuple[dict[int, User | None], list[RosterProblem]]:
    """The existing person each row names (None: a new one), and the rows that are ambiguous."""
    matches: dict[int, User | None] = {}
    problems: list[RosterProblem] = []
    claimed: dict[int, int] = {}
    for row in rows:
        person = None
        if row.email:
            person = User.objects.filter(email__iexact=row.email).first()
        if person is None:
            candidates = list(_by_name(row.surname, row.name, row.patronymic, row.school_class))
            if row.email:
                # A pupil imported without an address earlier, now given one.
                candidates = [c for c in candidates if not c.email]
            if len(candidates) > 1:
                problems.append(
                    RosterProblem(
                        filename,
                        row.line,
                        _("несколько людей с такими фамилией, именем и классом; укажите почту"),
                    )
                )
            elif candidates:
                person = candidates[0]
        if person is not None and person.pk in claimed:
            problems.append(
                RosterProblem(
                    filename,
                    row.line,
                    _("это тот же человек, что в строке %(line)s") % {"line": claimed[person.pk]},
                )
            )
            person = None
        if person is not None:
            claimed[person.pk] = row.line
        matches[row.line] = person
    return matches, problems


def _by_name(surname: str, name: str, patronymic: str, school_class: str):
    found = User.objects.filter(last_name__iexact=surname, first_name__iexact=name)
    if patronymic:
        found = found.filter(patronymic__iexact=patronymic)
    if school_class:
        return found.filter(school_class__name=school_class)
    return found.filter(school_class__isnull=True)


def _person_apply(row: RosterRow, person: User | None) -> tuple[User, str]:
    """Create or update the person of `row`; say which ("created", "updated", "unchanged")."""
    school_class = None
    if row.school_class:
        school_class, _created = SchoolClass.objects.get_or_create(name=row.school_class)
    values = {
        "last_name": row.surname,
        "first_name": row.name,
        "patronymic": row.patronymic,
        "school_class": school_class,
        "language": row.language,
    }
    # A row without an address leaves a known address alone: blank means "not in the export".
    if row.email:
        values["email"] = row.email
    if person is None:
        person = User(username=_username_for(row), **values)
        person.set_unusable_password()
        person.save()
        state = "created"
    else:
        changed = [k for k, v in values.items() if getattr(person, k) != v]
        for key in changed:
            setattr(person, key, values[key])
        if changed:
            person.save(update_fields=changed)
        state = "updated" if changed else "unchanged"
    if person.email and state != "unchanged":
        # Known to the account pages, so a forgotten invitation can be replaced by a reset;
        # verified only once the person follows a link sent there.
        email_address_record(user=person, verified=bool(person.email_verified_at))
    if user_roles_set(user=person, roles=row.roles, manageable=ROSTER_ROLES, source="roster"):
        state = "updated" if state == "unchanged" else state
    return person, state


def _username_for(row: RosterRow) -> str:
    """A free username: the email, or a Latin `surname.name.class` when there is none."""
    if row.email and len(row.email) <= 150:
        base = row.email
    else:
        base = anyascii(".".join(p for p in (row.surname, row.name, row.school_class) if p))
        base = re.sub(r"[^a-z0-9.]+", "", base.lower())[:140] or "person"
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}.{number}"
    return username


def _links_apply(
    rows: list[RosterRow], people: dict[int, User], filename: str
) -> tuple[list[tuple[int, User]], list[RosterProblem]]:
    """Link parents to the children their rows name; return the new links and the problems."""
    created: list[tuple[int, User]] = []
    problems: list[RosterProblem] = []
    for row in rows:
        parent = people[row.line]
        for ref in row.parent_of:
            child, reason = _child_find(ref, rows, people)
            if child is None:
                problems.append(RosterProblem(filename, row.line, reason))
                continue
            if child.pk == parent.pk:
                problems.append(
                    RosterProblem(filename, row.line, _("человек не может быть родителем себе"))
                )
                continue
            _link, new = Guardianship.objects.get_or_create(parent=parent, child=child)
            if new:
                created.append((row.line, child))
    return created, problems


def _child_find(ref: ChildRef, rows: list[RosterRow], people: dict[int, User]):
    """The pupil `ref` names (this file first, then the database), or None and why not."""
    if ref.email:
        found = [people[r.line] for r in rows if r.email == ref.email]
        found = found or list(User.objects.filter(email__iexact=ref.email))
    else:
        wanted = RosterRow(0, ref.surname, ref.name, ref.patronymic, ref.school_class).name_key
        found = [
            people[r.line]
            for r in rows
            if r.name_key[:2] == wanted[:2]
            and r.school_class == ref.school_class
            and (not ref.patronymic or r.name_key[2] == wanted[2])
        ]
        found = found or list(_by_name(ref.surname, ref.name, ref.patronymic, ref.school_class))
    if not found:
        return None, _("ребёнок «%(child)s» не найден ни в файле, ни среди людей") % {
            "child": ref.text
        }
    if len(found) > 1:
        return None, _("ребёнка «%(child)s» нельзя определить однозначно; укажите почту") % {
            "child": ref.text
        }
    child = found[0]
    if not child.has_role(RoleChoices.STUDENT):
        return None, _("«%(child)s» — не ученик") % {"child": ref.text}
    return child, ""
