"""Background work of publishing: bringing the live site up to date after editors' changes.

Every change enqueues `publish_changes`, and each run publishes everything waiting, so a burst
of saves costs one build and the runs after it find nothing to do. Running it twice is
harmless: the builder works from the database, and a request leaves the queue only when the
build that covered it is live. A failed run keeps the requests and tries again later, up to
`PUBLISH_ATTEMPTS` times in all, with growing pauses.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .builder import BuildFailed
from .services import publish_pending

logger = logging.getLogger(__name__)

PUBLISH_ATTEMPTS = 4
RETRY_PAUSES = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30)]


@task(backend="background", queue_name="publish")
def publish_changes(attempt: int = 1) -> str:
    try:
        outcome = publish_pending()
    except BuildFailed as exc:
        logger.error("The static site was not updated; the live site is unchanged:\n%s", exc)
        _retry_later(attempt, exc)
        return f"attempt {attempt} failed: {exc}"
    except Exception as exc:
        # The editors' changes are saved either way; they wait for the next run.
        logger.exception("The static site was not updated; the live site is unchanged")
        _retry_later(attempt, exc)
        return f"attempt {attempt} failed: {exc.__class__.__name__}: {exc}"
    if outcome is None:
        return "nothing to publish"
    _, result = outcome
    for warning in result.warnings:
        logger.warning("%s", warning)
    logger.info("%s", result.summary())
    return result.summary()


def publish_changes_start() -> None:
    """Start a run for the changes just committed: in the background worker, or here and now
    on a site without one (`PUBLISH_IN_BACKGROUND = False`)."""
    if settings.PUBLISH_IN_BACKGROUND:
        publish_changes.enqueue()
    else:
        publish_changes.call()


def _retry_later(attempt: int, exc: Exception) -> None:
    if not settings.PUBLISH_IN_BACKGROUND:
        logger.error(
            "The changes wait for the next publish: the next edit, or "
            "`python manage.py publish --changes`"
        )
        return
    if attempt >= PUBLISH_ATTEMPTS:
        logger.error(
            "Publishing failed %s times (%s); the changes wait for the next edit or for "
            "`python manage.py publish --changes`; the admin dashboard shows the reason",
            attempt,
            exc,
        )
        return
    pause = RETRY_PAUSES[min(attempt, len(RETRY_PAUSES)) - 1]
    logger.warning("Publishing attempt %s failed (%s); trying again in %s", attempt, exc, pause)
    publish_changes.using(run_after=timezone.now() + pause).enqueue(attempt + 1)
