"""`manage.py generate_demo_content --pages N`: a synthetic site for benchmarks and load tests."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from site_content.demo import MIN_PAGES, generate_demo_content


class Command(BaseCommand):
    help = (
        "Create N synthetic pages of every page type in a school site's proportions (library, "
        "solutions, events, news, exhibitions, dissemination, support, governance, standard "
        "pages; Russian, ~15% also in English), with images, documents and internal links. "
        f"N is at least {MIN_PAGES}. Deterministic for a seed on an empty database; creates "
        "the site and its home pages when there are none."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, required=True, help="How many pages to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--images", type=int, default=20, help="Size of the generated image pool (default 20)."
        )
        parser.add_argument(
            "--documents", type=int, default=8, help="Size of the document pool (default 8)."
        )
        parser.add_argument("--quiet", action="store_true", help="No progress output.")

    def handle(self, *args, pages, seed, images, documents, quiet=False, **options):
        if pages < 0 or images < 0 or documents < 0:
            raise CommandError("--pages, --images and --documents must not be negative")
        if 0 < pages < MIN_PAGES:
            raise CommandError(f"--pages must be at least {MIN_PAGES} to hold every page type")
        if settings.PUBLISH_ON_CHANGE and not quiet:
            self.stderr.write("publishing on change is switched off while the content is generated")
        # Each published page would otherwise trigger an incremental build of the static site.
        with override_settings(PUBLISH_ON_CHANGE=False):
            result = generate_demo_content(
                pages=pages,
                seed=seed,
                images=images,
                documents=documents,
                stream=self.stderr._out,
                show_progress=not quiet,
            )
        self.stdout.write(self.style.SUCCESS(result.summary()))
