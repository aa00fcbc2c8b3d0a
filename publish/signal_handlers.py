"""Keep the live static site in step with the editors' actions in Wagtail.

Publishing, unpublishing, moving or deleting a page, creating an alias of one, changing a view
restriction, a redirect, or changing or deleting an image or a document schedules one
incremental publish that runs after the transaction commits. The builder works out which pages
are affected from the database state, so the handlers only say *that* something changed (and
which image or document). A change to a snippet or a site setting (a subject's name, the
school's address) can show on any page, so it schedules a full build instead.
"""

import logging
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

logger = logging.getLogger(__name__)
_pending_keys: set[str] = set()
_pending_full = threading.Event()
_lock = threading.Lock()


def schedule_publish(extra_key: str | None = None, *, full: bool = False) -> None:
    """Publish the changes once the current transaction commits (once per transaction)."""
    if not settings.PUBLISH_ON_CHANGE:
        return
    with _lock:
        if extra_key:
            _pending_keys.add(extra_key)
        if full:
            _pending_full.set()
    connection = transaction.get_connection()
    if any(entry[1] is _run_pending for entry in connection.run_on_commit):
        return
    transaction.on_commit(_run_pending, robust=True)


def _run_pending() -> None:
    from .builder import BuildFailed, SiteBuilder

    with _lock:
        keys = set(_pending_keys)
        _pending_keys.clear()
        full = _pending_full.is_set()
        _pending_full.clear()
    try:
        builder = SiteBuilder(progress=False)
        result = builder.build_full() if full else builder.build_changes(extra_keys=keys)
        for warning in result.warnings:
            logger.warning("%s", warning)
        logger.info("%s", result.summary())
    except BuildFailed as exc:
        logger.error("The static site was not updated; the live site is unchanged:\n%s", exc)
    except Exception:
        # The editor's change is saved either way; a failed publish must not undo their action.
        logger.exception("The static site was not updated; the live site is unchanged")


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
    if _shown_site_wide(sender):
        schedule_publish(full=True)


def _shown_site_wide(model) -> bool:
    if issubclass(model, BaseSiteSetting | BaseGenericSetting):
        return True
    return model in get_snippet_models() and not issubclass(model, Page)
