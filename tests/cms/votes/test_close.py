"""Votes are counted at their close: a task enqueued for `closes_at` when a vote is saved, and
`manage.py close_due_votes` from cron for a worker that was down; both only once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cms.users.choices import RoleChoices
from cms.votes.services import ballot_cast
from cms.votes.tasks import vote_count_task

from .conftest import close, make_vote

pytestmark = pytest.mark.django_db


def test_saving_a_vote_enqueues_its_count_for_its_close(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        vote = make_vote(audience_roles=[RoleChoices.STUDENT])

    task = DBTaskResult.objects.get(task_path__endswith="vote_count_task")
    assert task.run_after == vote.closes_at
    assert task.args_kwargs["args"] == [vote.pk]


def test_the_task_counts_a_closed_vote_once_and_leaves_an_open_one(roster):
    vote = make_vote(audience_roles=[RoleChoices.STUDENT])
    ballot_cast(vote=vote, person=roster["anna"], option=vote.options.first())

    assert vote_count_task.call(vote.pk) == "not closed yet"
    close(vote)
    assert vote_count_task.call(vote.pk) == "counted"
    assert vote_count_task.call(vote.pk) == "already counted"
    vote.refresh_from_db()
    assert vote.turnout == 1


def test_the_cron_command_counts_due_votes_and_is_safe_to_run_again(roster, capsys):
    due = make_vote("due", audience_roles=[RoleChoices.STUDENT], quorum_percent=0)
    running = make_vote("running", audience_roles=[RoleChoices.STUDENT])
    ballot_cast(vote=due, person=roster["anna"], option=due.options.get(label="За"))
    ballot_cast(vote=running, person=roster["anna"], option=running.options.get(label="За"))
    close(due)

    call_command("close_due_votes")
    first = capsys.readouterr().out
    call_command("close_due_votes")
    again = capsys.readouterr().out

    assert "counted «due»: 1 of 5, quorum met, winner За" in first
    assert "running" not in first
    assert again == ""
    running.refresh_from_db()
    assert running.counted_at is None and running.ballots.count() == 1
