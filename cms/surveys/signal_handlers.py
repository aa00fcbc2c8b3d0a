"""A saved survey gets its close task (see `tasks.py`), once the save commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Survey


@receiver(post_save, sender=Survey, dispatch_uid="surveys-close-schedule")
def on_survey_saved(sender, instance: Survey, raw=False, **kwargs):
    if raw or instance.closed_at is not None:
        return
    from .tasks import survey_close_schedule

    transaction.on_commit(lambda: survey_close_schedule(survey=instance))
