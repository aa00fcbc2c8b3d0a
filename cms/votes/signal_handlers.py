"""A saved vote gets its count scheduled for its close, once the save commits."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Vote


@receiver(post_save, sender=Vote, dispatch_uid="votes_schedule_count")
def vote_saved(sender, instance: Vote, raw=False, update_fields=None, **kwargs):
    if raw or instance.counted_at is not None:
        return
    if update_fields and "closes_at" not in update_fields:
        return
    from .tasks import vote_count_schedule

    transaction.on_commit(lambda: vote_count_schedule(instance))
