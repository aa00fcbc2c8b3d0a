"""Security events raised by Django, django-axes and the admin, written to the security log."""

import logging

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .audit import security_event

User = get_user_model()
WATCHED_FLAGS = ("is_active", "is_staff", "is_superuser")


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The account pages sign in by email or username: whichever was typed.
    username = (
        credentials.get(User.USERNAME_FIELD)
        or credentials.get("username")
        or credentials.get("email")
    )
    security_event("signin.failed", level=logging.WARNING, request=request, username=username)


@receiver(user_logged_in)
def on_logged_in(sender, request, user, **kwargs):
    security_event("signin.succeeded", request=request, username=user.get_username())


@receiver(user_logged_out)
def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        security_event("signout", request=request, username=user.get_username())


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs):
    security_event(
        "signin.locked_out",
        level=logging.WARNING,
        request=request,
        username=username,
        address=ip_address,
    )


@receiver(pre_save, sender=User)
def remember_previous_account(sender, instance, **kwargs):
    instance._security_previous = (
        User.objects.filter(pk=instance.pk).values("password", *WATCHED_FLAGS).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=User)
def on_account_saved(sender, instance, created, **kwargs):
    previous = getattr(instance, "_security_previous", None)
    username = instance.get_username()
    if created:
        flags = {flag: True for flag in WATCHED_FLAGS[1:] if getattr(instance, flag)}
        security_event("account.created", username=username, **flags)
        return
    if previous is None:
        return
    if previous["password"] != instance.password:
        security_event("password.changed", level=logging.WARNING, username=username)
    changed = {
        flag: getattr(instance, flag)
        for flag in WATCHED_FLAGS
        if previous[flag] != getattr(instance, flag)
    }
    if changed:
        security_event("permissions.changed", level=logging.WARNING, username=username, **changed)


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def on_permissions_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    security_event(
        "permissions.changed",
        level=logging.WARNING,
        change=action.removeprefix("post_"),
        of=_label(instance),
        items=_names(model, pk_set),
    )


def _label(obj) -> str:
    if isinstance(obj, User):
        return f"user {obj.get_username()}"
    if isinstance(obj, Group):
        return f"group {obj.name}"
    return f"permission {obj.content_type.app_label}.{obj.codename}"


def _names(model, pks) -> list[str]:
    """What was added or removed, by name: ids mean nothing to the reader of a log."""
    if not pks:
        return []
    return sorted(_label(obj) for obj in model.objects.filter(pk__in=pks))


@receiver(post_delete, sender=AccessAttempt)
def on_lockout_lifted(sender, instance, **kwargs):
    security_event(
        "signin.unlocked",
        level=logging.WARNING,
        username=instance.username,
        locked_address=instance.ip_address,
    )
