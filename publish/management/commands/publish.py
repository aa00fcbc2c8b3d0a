"""`manage.py publish`: build the static site and make it live atomically."""

from django.core.management.base import BaseCommand, CommandError

from publish.builder import BuildFailed, SiteBuilder
from publish.services import publish_pending


class Command(BaseCommand):
    help = (
        "Render every live, public page to the static site and swap it in atomically; "
        "this also publishes the editors' changes waiting for the background worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--changes",
            action="store_true",
            help="Re-render only what changed since the live build (full build if none).",
        )
        parser.add_argument(
            "--strict", action="store_true", help="Fail the build when any internal link is broken."
        )
        parser.add_argument("--quiet", action="store_true", help="No progress output.")

    def handle(self, *args, changes=False, strict=False, quiet=False, **options):
        builder = SiteBuilder(strict=strict, progress=not quiet, stream=self.stderr._out)
        try:
            _, result = publish_pending(builder=builder, full=not changes, force=True)
        except BuildFailed as exc:
            lines = "\n".join(f"  - {e}" for e in exc.errors)
            raise CommandError(
                f"The build failed; the live site was left as it was.\n{lines}"
            ) from None
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        for page, target in result.broken_links:
            self.stderr.write(f"broken link on {page}: {target}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
        self.stdout.write(f"live: {result.build_dir}")
