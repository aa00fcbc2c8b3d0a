"""What happens on the account pages, written to the security log; a confirmed address noted."""

import logging

from allauth.account.signals import (
    email_confirmed,
    password_changed,
    password_reset,
    password_set,
    user_signed_up,
)
from allauth.mfa.signals import (
    authentication_failed,
    authenticator_added,
    authenticator_removed,
    authenticator_reset,
)
from django.dispatch import receiver
from django.utils import timezone

from cms.security.audit import security_event
from cms.users.services import email_address_record


@receiver(user_signed_up)
def on_signed_up(sender, request, user, **kwargs):
    security_event("account.signed_up", request=request, username=user.get_username())


@receiver(email_confirmed)
def on_email_confirmed(sender, request, email_address, **kwargs):
    user = email_address.user
    if email_address.primary or user.email.lower() == email_address.email.lower():
        # The account's own verification mark, read by the rest of the platform.
        type(user).objects.filter(pk=user.pk, email_verified_at__isnull=True).update(
            email_verified_at=timezone.now()
        )
    security_event("email.confirmed", request=request, username=user.get_username())


@receiver(password_reset)
def on_password_reset(sender, request, user, **kwargs):
    # The reset link came to the account's address: following it proves the address (people
    # from the roster who never used their invitation sign in this way).
    email_address_record(user=user, verified=True)
    type(user).objects.filter(pk=user.pk, email_verified_at__isnull=True).update(
        email_verified_at=timezone.now()
    )
    security_event(
        "password.reset", level=logging.WARNING, request=request, username=user.get_username()
    )


@receiver(password_changed)
@receiver(password_set)
def on_password_changed_by_owner(sender, request, user, **kwargs):
    security_event("password.changed_by_owner", request=request, username=user.get_username())


@receiver(authenticator_added)
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    security_event(
        "mfa.added", request=request, username=user.get_username(), type=authenticator.type
    )


@receiver(authenticator_removed)
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    security_event(
        "mfa.removed",
        level=logging.WARNING,
        request=request,
        username=user.get_username(),
        type=authenticator.type,
    )


@receiver(authenticator_reset)
def on_authenticator_reset(sender, request, user, authenticator, **kwargs):
    security_event(
        "mfa.reset", request=request, username=user.get_username(), type=authenticator.type
    )


@receiver(authentication_failed)
def on_second_factor_failed(sender, request, user, **kwargs):
    security_event(
        "mfa.failed", level=logging.WARNING, request=request, username=user.get_username()
    )
