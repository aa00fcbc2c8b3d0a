"""Keep the search indexes in step with the public site.

Documents are written only from builds that became live (`site_published`), so the index holds
what the static site shows. Removals do not wait for a publish: unpublishing, deleting,
moving or restricting a page takes it out of the index as soon as the change commits, even
when publishing on change is switched off.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from publish.signals import site_published

from . import services

logger = logging.getLogger(__name__)


@receiver(site_published)
def on_site_published(sender, build_dir, mode, rendered, removed, index=None, **kwargs):
    try:
        result = services.documents_follow_build(
            build_dir=build_dir, mode=mode, rendered=rendered, removed=removed, index=index
        )
        logger.info("%s", result.summary())
    except Exception:
        # The site is live either way; a failed index update must not fail the publish.
        logger.exception(
            "search: the index was not updated after publishing; the next publish repairs it, "
            "or run `python manage.py search_index --verify`"
        )


def _prune_after_commit() -> None:
    def prune():
        try:
            services.documents_prune()
        except Exception:
            logger.exception("search: could not remove pages that left the public site")

    transaction.on_commit(prune, robust=True)


@receiver(page_unpublished)
def on_page_unpublished(sender, instance, **kwargs):
    _prune_after_commit()


@receiver(post_page_move)
def on_page_moved(sender, instance, **kwargs):
    _prune_after_commit()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_changed(sender, instance, **kwargs):
    _prune_after_commit()


@receiver(post_delete, sender=Page)
def on_page_deleted(sender, instance, **kwargs):
    page_id = instance.pk

    def remove():
        try:
            services.documents_remove(page_ids=[page_id])
        except Exception:
            logger.exception("search: could not remove deleted page %s", page_id)

    transaction.on_commit(remove, robust=True)
