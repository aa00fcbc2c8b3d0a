"""Send every daily digest that waits now; for cron, besides the tasks set at the digest hour."""

from django.core.management.base import BaseCommand

from cms.notifications.tasks import digests_send_all


class Command(BaseCommand):
    help = "Email each person who chose the daily digest the notifications waiting for it."

    def handle(self, *args, **options):
        sent = digests_send_all()
        if options["verbosity"]:
            self.stdout.write(f"digests sent: {sent}")
