"""`manage.py close_due_votes`: count the votes whose close has passed and shuffle the ballot
boxes of the votes still open (see `cms/votes/services.py`). Run it from cron every few
minutes; it is safe to run again and alongside the count tasks."""

from django.core.management.base import BaseCommand

from cms.votes.services import ballots_shuffle, vote_count, votes_due, votes_open


class Command(BaseCommand):
    help = (
        "Counts every vote closed and not counted yet, and reshuffles the ballots of the open "
        "ones so their order tells nothing. Safe to run again."
    )

    def handle(self, *args, **options):
        for vote in votes_open():
            ballots_shuffle(vote=vote)
        for vote in votes_due():
            vote = vote_count(vote=vote)
            self.stdout.write(
                f"counted «{vote.code}»: {vote.turnout} of {vote.electorate_size}, quorum "
                f"{'met' if vote.quorum_met else 'not met'}, winner "
                f"{vote.winner.label if vote.winner else '—'}"
            )
