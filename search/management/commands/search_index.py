"""`manage.py search_index`: rebuild the search indexes or show their state."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from publish import swap
from publish.builder import MANIFEST_VERSION
from search.backends import BackendUnavailable, elasticsearch_backend
from search.models import SearchDocument
from search.services import NothingPublished, documents_converge, index_rebuild

LISTED = 50  # repaired pages named one by one; more are only counted


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes from the live static site (--rebuild), repair the pages "
        "whose documents differ from the live build (--verify), or show how many pages each "
        "holds. Elasticsearch gets a new index and its alias moves to it when it "
        "is complete, so searches keep working during a rebuild; mapping changes go through "
        "the same path."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Re-read every public page and rebuild."
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Compare every document with the live build's manifest; re-index the stale "
            "ones, remove those of pages that left the site, catch Elasticsearch up.",
        )
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="Rebuild from the stored documents without re-reading the published pages.",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress output.")

    def handle(self, *args, rebuild=False, verify=False, no_extract=False, quiet=False, **options):
        if verify:
            self._verify(quiet=quiet)
            return
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

    def _verify(self, *, quiet: bool) -> None:
        live = swap.live_dir(Path(settings.SITE_DIR))
        manifest = swap.read_manifest(live) if live else None
        if manifest is None:
            raise CommandError(
                "the site has not been published yet: run `python manage.py publish` first"
            )
        if manifest.get("version", 0) < MANIFEST_VERSION:
            raise CommandError(
                "the live build was made before pages were fingerprinted for search: run "
                "`python manage.py publish` once, then verify"
            )
        try:
            result = documents_converge(build_dir=live, stream=self.stderr._out, progress=not quiet)
        except NothingPublished as exc:
            raise CommandError(str(exc)) from exc
        pages = manifest["pages"]
        for label, ids in (("stale, re-indexed", result.stale), ("gone, removed", result.gone)):
            for pk in ids[:LISTED]:
                url = pages.get(str(pk), {}).get("url", "")
                self.stdout.write(f"{label}: page {pk} {url}".rstrip())
            if len(ids) > LISTED:
                self.stdout.write(f"{label}: … and {len(ids) - LISTED} more")
        self.stdout.write(
            f"verify: {result.checked} pages in the live build {live.name}, "
            f"{len(result.stale)} stale re-indexed, {len(result.gone)} gone removed "
            f"({result.indexed} documents written, {result.removed} removed), "
            f"Elasticsearch {result.elasticsearch}"
        )
