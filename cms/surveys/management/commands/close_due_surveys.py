"""Close the surveys whose time has come (run from cron; closing twice changes nothing)."""

from django.core.management.base import BaseCommand

from cms.surveys.services import surveys_close_due


class Command(BaseCommand):
    help = "Close every survey past its closing time and publish its pages again."

    def handle(self, *args, **options):
        count = surveys_close_due()
        if options["verbosity"]:
            self.stdout.write(f"closed {count} survey(s)")
