"""Recording what editors changed, and publishing it in one build per burst of changes."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from .builder import BuildFailed, BuildResult, SiteBuilder
from .models import PublishRequest, PublishRun

logger = logging.getLogger(__name__)


def publish_request_create(*, keys: set[str], full: bool, user=None) -> PublishRequest:
    """Record a change for the next publish run, in the caller's transaction: if the change is
    rolled back, so is the request."""
    return PublishRequest.objects.create(
        keys=sorted(keys), full=full, requested_by=user if _signed_in(user) else None
    )


def publish_request_extend(*, request_id: int, keys: set[str], full: bool) -> None:
    """Widen a request recorded earlier in the same transaction."""
    PublishRequest.objects.filter(pk=request_id).update(keys=sorted(keys), full=full)


def publish_pending(
    *, builder: SiteBuilder | None = None, full: bool = False, force: bool = False
) -> tuple[PublishRun, BuildResult] | None:
    """Publish every waiting request with one build; None when nothing waits (and not `force`).

    Runs under the publish lock from claiming to recording, so while a run holds it no other
    run is building: a run still marked running then is one whose process died, and its
    requests are claimed again. A request is deleted only once its build is live; a failed
    build releases its requests for the next run and raises.
    """
    builder = builder or SiteBuilder(progress=False)
    with builder.locked():
        claimed = _claim(full=full, force=force)
        if claimed is None:
            return None
        run, keys, full = claimed
        try:
            result = builder.build_full() if full else builder.build_changes(extra_keys=keys)
        except BaseException as exc:
            try:
                _record_failure(run, exc)
            except Exception:
                # The next run finds this one abandoned and claims its requests again.
                logger.exception("Could not record the failed publish run %s", run.pk)
            raise
        with transaction.atomic():
            PublishRequest.objects.filter(claimed_by=run).delete()
            run.status = PublishRun.Status.DONE
            run.mode = result.mode
            run.pages = result.pages
            run.rendered = result.rendered
            run.finished_at = timezone.now()
            run.save()
    return run, result


def _claim(*, full: bool, force: bool) -> tuple[PublishRun, set[str], bool] | None:
    with transaction.atomic():
        PublishRun.objects.filter(status=PublishRun.Status.RUNNING).update(
            status=PublishRun.Status.INTERRUPTED, finished_at=timezone.now()
        )
        requests = list(PublishRequest.objects.select_for_update().order_by("pk"))
        if not requests and not force:
            return None
        full = full or any(request.full for request in requests)
        run = PublishRun.objects.create(
            requests=len(requests), mode="full" if full else "incremental"
        )
        PublishRequest.objects.filter(pk__in=[r.pk for r in requests]).update(claimed_by=run)
    keys = {key for request in requests for key in request.keys}
    return run, keys, full


def _record_failure(run: PublishRun, exc: BaseException) -> None:
    if isinstance(exc, BuildFailed):
        error = "\n".join(exc.errors)
    else:
        error = f"{exc.__class__.__name__}: {exc}".strip()
    with transaction.atomic():
        PublishRequest.objects.filter(claimed_by=run).update(claimed_by=None)
        run.status = PublishRun.Status.FAILED
        run.error = error
        run.finished_at = timezone.now()
        run.save()


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)
