"""What editors asked to publish, and what each publish run did.

An editor's change is recorded as a `PublishRequest` in the same transaction as the change, so a
request is never lost between the save and the background worker. A run claims every waiting
request, builds once for all of them and deletes them only when its build is live; a run that
dies keeps its claim until the next run, holding the publish lock, finds it abandoned.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishRun(models.Model):
    """One build of the static site, by the background worker or `manage.py publish`."""

    class Status(models.TextChoices):
        RUNNING = "running", _("идёт")
        DONE = "done", _("опубликовано")
        FAILED = "failed", _("не удалась")
        INTERRUPTED = "interrupted", _("прервана")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    mode = models.CharField(max_length=20, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    requests = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(null=True, blank=True)
    rendered = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("публикация сайта")
        verbose_name_plural = _("публикации сайта")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M:%S} {self.status}"


class PublishRequest(models.Model):
    """A change that the live site does not show yet.

    `keys` name images and documents that changed (the builder works out the pages from the
    database); `full` asks for every page, for a change that can show anywhere (a snippet).
    """

    requested_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    keys = models.JSONField(default=list, blank=True)
    full = models.BooleanField(default=False)
    claimed_by = models.ForeignKey(
        PublishRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="claimed"
    )

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("запрос публикации")
        verbose_name_plural = _("запросы публикации")

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H:%M:%S}"
