"""`manage.py load_site_content`: bring the pages in line with the content files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publish.progress import Progress
from site_content.loader import DEFAULT_CONTENT_DIR, ContentError, content_apply, content_read

# Below this many files a load takes a blink; progress lines would only be noise.
PROGRESS_FROM_FILES = 10


class Command(BaseCommand):
    help = (
        "Load the pages from Markdown files with YAML front matter (see site_content/content/"
        "README.md). Every file is checked before anything is written; only pages whose file "
        "changed get a new published revision. Pages without a file are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            type=Path,
            default=DEFAULT_CONTENT_DIR,
            metavar="DIR",
            help="Content directory to load (a partner school's own); default: %(default)s.",
        )

    def handle(self, *args, path: Path, verbosity: int = 1, **options):
        try:
            sources = content_read(root=path)
        except ContentError as exc:
            raise CommandError(_failure("The content files have problems", exc)) from None
        self.stdout.write(f"{len(sources)} page files checked in {path}.")

        show = verbosity > 0 and len(sources) >= PROGRESS_FROM_FILES
        progress = Progress("pages", len(sources), stream=self.stderr._out, enabled=show)
        try:
            report = content_apply(sources=sources, progress=lambda done, total: progress.advance())
        except ContentError as exc:
            raise CommandError(_failure("The pages could not be written", exc)) from None
        finally:
            progress.done()

        for note in report.notes:
            self.stdout.write(f"note: {note}")
        if verbosity > 0:
            for label, urls in (("created", report.created), ("updated", report.updated)):
                for url in urls:
                    self.stdout.write(f"  {label}: {url}")
        if verbosity > 1:
            for url in report.unchanged:
                self.stdout.write(f"  unchanged: {url}")
        if report.untracked:
            self.stdout.write(
                f"{len(report.untracked)} pages have no content file and were left alone:"
            )
            for page in report.untracked:
                self.stdout.write(f"  {page}")
        self.stdout.write(
            self.style.SUCCESS(
                f"created {len(report.created)}, updated {len(report.updated)}, "
                f"unchanged {len(report.unchanged)}"
            )
        )


def _failure(headline: str, exc: ContentError) -> str:
    lines = "\n".join(f"  {problem}" for problem in exc.problems)
    count = len(exc.problems)
    return f"{headline} ({count} problem{'s' if count != 1 else ''}); nothing was written.\n{lines}"
