"""`manage.py search_index`: rebuild the search indexes or show their state."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import BackendUnavailable, elasticsearch_backend
from search.models import SearchDocument
from search.services import NothingPublished, index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes from the live static site (--rebuild), or show how many "
        "pages each holds. Elasticsearch gets a new index and its alias moves to it when it "
        "is complete, so searches keep working during a rebuild; mapping changes go through "
        "the same path."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Re-read every public page and rebuild."
        )
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="Rebuild from the stored documents without re-reading the published pages.",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress output.")

    def handle(self, *args, rebuild=False, no_extract=False, quiet=False, **options):
        if rebuild:
            try:
                result = index_rebuild(
                    stream=self.stderr._out, progress=not quiet, extract=not no_extract
                )
            except NothingPublished as exc:
                raise CommandError(str(exc)) from exc
            except BackendUnavailable as exc:
                raise CommandError(
                    f"{exc}; the database index was rebuilt, Elasticsearch was not"
                ) from exc
            self.stdout.write(result.summary())
            return
        self.stdout.write(f"documents: {SearchDocument.objects.count()}")
        es = elasticsearch_backend()
        if es is None:
            self.stdout.write("Elasticsearch: not configured (ELASTICSEARCH_URL is empty)")
            return
        try:
            self.stdout.write(
                f"Elasticsearch: {es.count()} documents in {', '.join(es._aliased_indices())} "
                f"(alias {es.alias})"
            )
        except BackendUnavailable as exc:
            raise CommandError(str(exc)) from exc
