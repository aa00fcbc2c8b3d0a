"""Print the static build's security headers as nginx `add_header` lines (see README)."""

from django.core.management.base import BaseCommand

from cms.core.security_headers import static_site_headers


class Command(BaseCommand):
    help = (
        "Print the security headers of the static site as nginx add_header lines, from the "
        "current settings (run it with the production settings; nginx serves HTTPS, so HSTS "
        "is included when SECURE_HSTS_SECONDS is set)."
    )

    def handle(self, *args, **options):
        for name, value in static_site_headers(secure=True):
            self.stdout.write(f'add_header {name} "{value}" always;')
