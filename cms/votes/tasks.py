"""Background work of votes: counting a vote at its close.

Enqueued for `closes_at` whenever a vote is saved; a vote saved twice has two tasks and the
second finds it counted (the count is idempotent under the vote's row lock). Cron runs
`manage.py close_due_votes` as well, for a worker that was down at the close.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task(backend="background")
def vote_count_task(vote_id: int) -> str:
    from .models import Vote
    from .services import vote_count

    vote = Vote.objects.filter(pk=vote_id).first()
    if vote is None:
        return "no such vote"
    if vote.counted_at is not None:
        return "already counted"
    if not vote.is_closed():
        # Its close was moved later: the save that moved it enqueued another task.
        return "not closed yet"
    vote_count(vote=vote)
    return "counted"


def vote_count_schedule(vote) -> None:
    """Count `vote` at its close (now, if that has passed)."""
    run_after = max(vote.closes_at, timezone.now())
    vote_count_task.using(run_after=run_after).enqueue(vote.pk)
