"""`manage.py shred_event_data --older-than DAYS`: remove the personal data of past events'
registrations, keeping only counts (see `cms/registrations/retention.py`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.registrations.retention import events_shred


class Command(BaseCommand):
    help = (
        "Removes answers and contact data of registrations for events that ended more than "
        "DAYS ago, keeping counts per status and attendance. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            default=None,
            help="events that ended more than DAYS ago (default: EVENT_DATA_RETENTION_DAYS)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would be removed, remove nothing"
        )

    def handle(self, *args, older_than, dry_run, **options):
        days = settings.EVENT_DATA_RETENTION_DAYS if older_than is None else older_than
        if days < 0:
            raise CommandError("--older-than must be 0 or more days")
        done = events_shred(older_than_days=days, dry_run=dry_run)
        verb = "would shred" if dry_run else "shredded"
        for item in done:
            counts = ", ".join(f"{status} {n}" for status, n in sorted(item.counts.items()))
            self.stdout.write(
                f"{verb} event {item.event_id} «{item.title}»: {counts}; attended "
                f"{item.attended}; guests removed {item.guests_deleted}; answers cleared "
                f"{item.answers_cleared}"
            )
        total_guests = sum(item.guests_deleted for item in done)
        total_answers = sum(item.answers_cleared for item in done)
        self.stdout.write(
            f"{len(done)} events {verb} (ended more than {days} days ago): "
            f"{total_guests} guest registrations removed, {total_answers} answers cleared"
        )
