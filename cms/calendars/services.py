"""Writes of calendar feeds: make (or replace) a person's secret feed address, revoke it."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from cms.security.audit import security_event
from cms.users.selectors import token_hash

from .models import CalendarFeedToken

__all__ = ["calendar_feed_create", "calendar_feed_revoke"]


def calendar_feed_create(*, user) -> tuple[CalendarFeedToken, str]:
    """A new secret feed token for `user`, replacing any earlier one (whose address then stops
    working), and the token itself: shown once, stored as a hash."""
    raw_token = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed, created = CalendarFeedToken.objects.update_or_create(
            user=user,
            defaults={"token_hash": token_hash(raw_token), "created_at": timezone.now()},
        )
    security_event(
        "calendar_feed.created" if created else "calendar_feed.rotated",
        username=user.get_username(),
    )
    return feed, raw_token


def calendar_feed_revoke(*, user) -> bool:
    """Stop `user`'s feed address from working; False if they had none."""
    deleted, _ = CalendarFeedToken.objects.filter(user=user).delete()
    if deleted:
        security_event("calendar_feed.revoked", username=user.get_username())
    return bool(deleted)
