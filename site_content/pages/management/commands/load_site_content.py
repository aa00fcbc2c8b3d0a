"""`manage.py load_site_content`: bring the site in line with the content files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publish.progress import Progress
from site_content.loader import (
    DEFAULT_CONTENT_DIR,
    KINDS,
    ContentError,
    content_apply,
    content_read,
)

# Below this many items of a kind a load takes a blink; progress lines would only be noise.
PROGRESS_FROM_ITEMS = 10


class Command(BaseCommand):
    help = (
        "Load images, documents, snippets, settings and pages from the content files (see "
        "site_content/content/README.md). Every file is checked before anything is written; "
        "only what differs from the database is changed. Pages without a file are left alone."
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
            content = content_read(root=path)
        except ContentError as exc:
            raise CommandError(_failure("The content files have problems", exc)) from None
        checked = ", ".join(f"{content.count(kind)} {kind}" for kind in KINDS)
        self.stdout.write(f"Checked {path}: {checked}.")
        for warning in content.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {warning}"))

        bars: dict[str, Progress] = {}

        def progress(kind: str, done: int, total: int) -> None:
            if kind not in bars:
                show = verbosity > 0 and total >= PROGRESS_FROM_ITEMS
                bars[kind] = Progress(kind, total, stream=self.stderr._out, enabled=show)
            bars[kind].advance()
            if done == total:
                bars[kind].done()

        try:
            report = content_apply(content=content, progress=progress)
        except ContentError as exc:
            raise CommandError(_failure("The content could not be written", exc)) from None

        for note in report.notes:
            self.stdout.write(f"note: {note}")
        if verbosity > 0:
            for outcome in ("created", "updated"):
                for url in report.labels("pages", outcome):
                    self.stdout.write(f"  {outcome}: {url}")
        if verbosity > 1:
            for kind in KINDS:
                for outcome in ("created", "updated", "unchanged"):
                    for label in report.labels(kind, outcome):
                        self.stdout.write(f"  {kind} {outcome}: {label}")
        if report.untracked:
            self.stdout.write(
                f"{len(report.untracked)} pages have no content file and were left alone:"
            )
            for page in report.untracked:
                self.stdout.write(f"  {page}")
        for kind in KINDS:
            counts = report.counts(kind)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{kind}: created {counts['created']}, updated {counts['updated']}, "
                    f"unchanged {counts['unchanged']}"
                )
            )


def _failure(headline: str, exc: ContentError) -> str:
    lines = "\n".join(f"  {problem}" for problem in exc.problems)
    count = len(exc.problems)
    return f"{headline} ({count} problem{'s' if count != 1 else ''}); nothing was written.\n{lines}"
