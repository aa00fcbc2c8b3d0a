"""Who may read the psychologist's requests: people with the psychologist role, and nobody
else. Not staff, not administrators, not superusers: no rule here looks at `is_staff` or
`is_superuser`, and no admin screen shows these models. An author reads their own."""

from __future__ import annotations

from cms.users.choices import RoleChoices


def is_psychologist(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(RoleChoices.PSYCHOLOGIST))


def may_write_by_name(user) -> bool:
    """Pupils and parents write by name; anyone may write anonymously."""
    return bool(
        user and user.is_authenticated and user.has_role(RoleChoices.STUDENT, RoleChoices.PARENT)
    )


def is_author(user, help_request) -> bool:
    return bool(
        user
        and user.is_authenticated
        and help_request.requester_id is not None
        and help_request.requester_id == user.pk
    )


def may_read(user, help_request) -> bool:
    return is_psychologist(user) or is_author(user, help_request)
