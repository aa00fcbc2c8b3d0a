"""Keep the live static site in step with the editors' actions in Wagtail.

Publishing, unpublishing, moving or deleting a page, creating an alias of one, changing a view
restriction, a redirect, or changing or deleting an image or a document records one publish
request in the same transaction (one per transaction), and starts a publish run once it
commits: in the background worker, so the editor's request does not wait for the build. The
builder works out which pages are affected from the database state, so the handlers only say
*that* something changed (and which image or document). A change to a snippet or a site setting
(a subject's name, the school's address) can show on any page, so it asks for a full build;
a snippet a widget names by its code (`widget_kind`, `widget_reference`: a survey, a vote)
asks only for the pages that show it.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from .models import PublishRequest
from .services import publish_request_create, publish_request_extend

logger = logging.getLogger(__name__)


class _StartAfterCommit:
    """The on-commit callback of one transaction's publish request; later changes in the same
    transaction widen that request instead of adding another."""

    def __init__(self, request: PublishRequest):
        self.request_id = request.pk
        self.keys = set(request.keys)
        self.full = request.full

    def extend(self, extra_key: str | None, full: bool) -> None:
        keys = self.keys | {extra_key} if extra_key else self.keys
        if keys == self.keys and (self.full or not full):
            return
        self.keys, self.full = keys, self.full or full
        publish_request_extend(request_id=self.request_id, keys=self.keys, full=self.full)

    def __call__(self) -> None:
        from .tasks import publish_changes_start

        try:
            publish_changes_start()
        except Exception:
            logger.exception(
                "Could not start publishing; the change waits for the next edit or for "
                "`python manage.py publish --changes` (is the task queue reachable?)"
            )


def schedule_publish(extra_key: str | None = None, *, full: bool = False) -> None:
    """Record the change for publishing and start a run once the transaction commits."""
    if not settings.PUBLISH_ON_CHANGE:
        return
    connection = transaction.get_connection()
    for _, callback, _ in connection.run_on_commit:
        if isinstance(callback, _StartAfterCommit):
            callback.extend(extra_key, full)
            return
    request = publish_request_create(
        keys={extra_key} if extra_key else set(),
        full=full,
        user=get_active_log_context().user,
    )
    transaction.on_commit(_StartAfterCommit(request))


@receiver(page_published)
@receiver(page_unpublished)
def on_page_published_or_unpublished(sender, instance, **kwargs):
    schedule_publish()


@receiver(post_page_move)
def on_page_moved(sender, instance, **kwargs):
    schedule_publish()


@receiver(post_delete, sender=Page)
def on_page_deleted(sender, instance, **kwargs):
    schedule_publish()


@receiver(post_save)
def on_alias_created(sender, instance, created, **kwargs):
    # Wagtail creates a live alias by saving a copy: no page_published is sent for it.
    if created and isinstance(instance, Page) and instance.alias_of_id and instance.live:
        schedule_publish()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Redirect)
@receiver(post_delete, sender=Redirect)
def on_restriction_or_redirect_changed(sender, instance, **kwargs):
    schedule_publish()


@receiver(post_save, sender=get_image_model())
def on_image_changed(sender, instance, created, **kwargs):
    if not created:
        schedule_publish(f"image:{instance.pk}")


@receiver(post_save, sender=get_document_model())
def on_document_changed(sender, instance, created, **kwargs):
    if not created:
        schedule_publish(f"document:{instance.pk}")


@receiver(post_delete, sender=get_image_model())
def on_image_deleted(sender, instance, **kwargs):
    schedule_publish(f"image:{instance.pk}")


@receiver(post_delete, sender=get_document_model())
def on_document_deleted(sender, instance, **kwargs):
    schedule_publish(f"document:{instance.pk}")


@receiver(post_save)
@receiver(post_delete)
def on_snippet_or_setting_changed(sender, instance, **kwargs):
    kind = getattr(sender, "widget_kind", "")
    if kind:
        # A record a widget shows by its code (a survey, a vote): only the pages whose widget
        # names it are published again (cms/core/widgets.py), not the whole site.
        from cms.core.widgets import dependency_key

        schedule_publish(dependency_key(kind, instance.widget_reference))
    elif _shown_site_wide(sender):
        schedule_publish(full=True)


def _shown_site_wide(model) -> bool:
    if issubclass(model, BaseSiteSetting | BaseGenericSetting):
        return True
    return model in get_snippet_models() and not issubclass(model, Page)
