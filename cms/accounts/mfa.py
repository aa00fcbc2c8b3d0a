"""Who must sign in with a second factor (an authenticator app's code), and who has one."""

from __future__ import annotations

from allauth.mfa.models import Authenticator

from cms.users.choices import RoleChoices

# People who can see or change what others cannot: editors and administrators, the experts
# who judge pupils' work, the coordinators who see every project, and the psychologist,
# who reads what children tell them.
MFA_ROLES = frozenset(
    {
        RoleChoices.STAFF,
        RoleChoices.ADMINISTRATOR,
        RoleChoices.EXPERT,
        RoleChoices.COORDINATOR,
        RoleChoices.PSYCHOLOGIST,
    }
)


def mfa_required(user) -> bool:
    """Whether `user` may use the site only after setting up an authenticator app."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or user.has_role(*MFA_ROLES)


def mfa_enabled(user) -> bool:
    """Whether `user` has an authenticator app (recovery codes alone do not count)."""
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
