"""The close of a survey at its time, in the background worker.

A task is enqueued for `closes_at` whenever a survey is saved; if the editor moved the close
later, the task comes back at the new time. `manage.py close_due_surveys` (cron) does the same
for any survey a lost task left open; closing twice changes nothing.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .models import Survey
from .services import survey_close

# A task may start a little early on a busy queue; closing is left for its exact time.
EARLY_TOLERANCE_SECONDS = 1


def survey_close_schedule(*, survey: Survey) -> None:
    """Enqueue the close of `survey` at its `closes_at`."""
    if survey.closed_at is None:
        survey_close_at_time.using(run_after=survey.closes_at).enqueue(survey.pk)


@task(backend="background", queue_name="default")
def survey_close_at_time(survey_id: int) -> str:
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None:
        return "no such survey"
    if survey.closed_at is not None:
        return "already closed"
    if (survey.closes_at - timezone.now()).total_seconds() > EARLY_TOLERANCE_SECONDS:
        # The editor moved the close later: another task is set for the new time.
        return "not due"
    survey_close(survey=survey)
    return "closed"
