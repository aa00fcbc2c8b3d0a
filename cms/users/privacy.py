"""The people app's part of "download my data" and "delete my account": the account, roles,
family, invitations, email addresses, second factors and sessions, and the Wagtail and Django
records that point at a person (see `personal_data.py`).

Not exported: the security log (`cms/security/audit.py`). It is a file of security events kept
for the school's protection, not a record the space keeps *for* the person; it holds no more
than account names, addresses and times, is rotated by the host's logrotate, and an export of
it would show one person other people's attempts on their account.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from wagtail.users.models import UserProfile

from .models import Guardianship, Invitation, UserRole
from .personal_data import register_eraser, register_exempt, register_exporter
from .selectors import display_name_for, sessions_of


def profile_export(person) -> dict:
    return {
        "id": person.pk,
        "username": person.username,
        "last_name": person.last_name,
        "first_name": person.first_name,
        "patronymic": person.patronymic,
        "email": person.email,
        "email_verified_at": person.email_verified_at,
        "language": person.language,
        "school_class": person.school_class.name if person.school_class_id else "",
        "name_display": person.name_display,
        "parental_consent": person.parental_consent,
        "parental_consent_recorded_at": person.parental_consent_recorded_at,
        "organisation": person.organisation,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        "groups": sorted(person.groups.values_list("name", flat=True)),
    }


def roles_export(person) -> list[str]:
    return sorted(UserRole.objects.filter(user=person).values_list("role", flat=True))


def family_export(person) -> dict:
    """Children and parents by the name the person is shown for them; nothing else of theirs."""
    links = Guardianship.objects.select_related("parent", "child__school_class")
    return {
        "children": [
            {
                "name": display_name_for(person=link.child, viewer=person),
                "school_class": link.child.school_class.name if link.child.school_class_id else "",
                "linked_at": link.created_at,
            }
            for link in links.filter(parent=person).order_by("child__last_name", "pk")
        ],
        "parents": [
            {
                "name": display_name_for(person=link.parent, viewer=person),
                "linked_at": link.created_at,
            }
            for link in links.filter(child=person).order_by("parent__last_name", "pk")
        ],
    }


def invitations_export(person) -> list[dict]:
    # The token's hash stays out: it is a credential, not information about the person.
    return list(
        Invitation.objects.filter(user=person)
        .order_by("created_at")
        .values("created_at", "expires_at", "sent_at", "used_at")
    )


def email_addresses_export(person) -> list[dict]:
    return list(
        EmailAddress.objects.filter(user=person)
        .order_by("pk")
        .values("email", "verified", "primary")
    )


def second_factors_export(person) -> list[dict]:
    # Only what kind and when: `data` holds the TOTP secret and the recovery codes.
    return list(
        Authenticator.objects.filter(user=person)
        .order_by("created_at")
        .values("type", "created_at", "last_used_at")
    )


def sessions_export(person) -> dict:
    return {"signed_in_sessions": len(sessions_of(user=person))}


def admin_settings_export(person) -> dict:
    profile = UserProfile.objects.filter(user=person).first()
    if profile is None:
        return {}
    return {
        "preferred_language": profile.preferred_language,
        "current_time_zone": profile.current_time_zone,
        "theme": profile.theme,
        "avatar": bool(profile.avatar),
    }


def account_records_erase(person) -> None:
    """Roles, family links, invitations, addresses, second factors and every session."""
    UserRole.objects.filter(user=person).delete()
    Guardianship.objects.filter(parent=person).delete()
    Guardianship.objects.filter(child=person).delete()
    Invitation.objects.filter(user=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    for session in sessions_of(user=person):
        session.delete()


def admin_state_erase(person) -> None:
    """The admin's working state of the person: settings, avatar, subscriptions, drafts."""
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.models import APIToken, PageSubscription

    for profile in UserProfile.objects.filter(user=person):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    PageSubscription.objects.filter(user=person).delete()
    EditingSession.objects.filter(user=person).delete()
    FormState.objects.filter(user=person).delete()
    APIToken.objects.filter(user=person).delete()


register_exporter("profile", profile_export)
register_exporter("roles", roles_export, models=["users.UserRole"])
register_exporter("family", family_export, models=["users.Guardianship"])
register_exporter("invitations", invitations_export, models=["users.Invitation"])
register_exporter("email_addresses", email_addresses_export, models=["account.EmailAddress"])
register_exporter("second_factors", second_factors_export, models=["mfa.Authenticator"])
register_exporter("sessions", sessions_export)
register_exporter("admin_settings", admin_settings_export, models=["wagtailusers.UserProfile"])
register_eraser(
    "account_records",
    account_records_erase,
    models=[
        "users.UserRole",
        "users.Guardianship",
        "users.Invitation",
        "account.EmailAddress",
        "mfa.Authenticator",
    ],
)
register_eraser(
    "admin_state",
    admin_state_erase,
    models=[
        "wagtailusers.UserProfile",
        "wagtailcore.PageSubscription",
        "wagtailadmin.EditingSession",
        "wagtailadmin.FormState",
        "wagtailcore.APIToken",
    ],
)
register_exempt(
    "wagtailcore.PageSubscription",
    "wagtailadmin.EditingSession",
    "wagtailadmin.FormState",
    "wagtailcore.APIToken",
    reason=(
        "The admin's working state (which pages to be told about, who is editing now, unsaved "
        "form drafts, API tokens): not information about the person; erased, not exported."
    ),
    from_erasure=False,
)
register_exempt(
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.UploadedFile",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "media.CustomImage",
    "media.CustomDocument",
    "wagtail_localize.StringTranslation",
    "wagtail_localize.SegmentOverride",
    "publish.PublishRequest",
    "admin.LogEntry",
    reason=(
        "The editorial record of the site (pages, revisions, uploads, translations, workflow, "
        "history), made by staff at work. It stays, pointing at the anonymised account, which "
        "keeps no name; staff accounts are removed by an administrator, not by themselves."
    ),
)
