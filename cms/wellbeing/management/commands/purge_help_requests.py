"""`manage.py purge_help_requests [--older-than DAYS] [--dry-run]`: delete the psychologist's
requests (and their replies) written more than DAYS ago (see `cms/wellbeing/retention.py`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.wellbeing.retention import help_requests_purge


class Command(BaseCommand):
    help = (
        "Deletes requests to the psychologist, with their replies, written more than DAYS ago "
        "(default: HELP_RETENTION_DAYS). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, metavar="DAYS", default=None)
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would go, delete nothing"
        )

    def handle(self, *args, older_than, dry_run, **options):
        days = settings.HELP_RETENTION_DAYS if older_than is None else older_than
        if days < 0:
            raise CommandError("--older-than must be 0 or more days")
        done = help_requests_purge(older_than_days=days, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {done.requests} help requests and {done.replies} replies "
            f"(written more than {days} days ago)"
        )
