"""The searchable copy of every public page, and the search page of the static site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from cms.core.models import BasePage

from .text import fold


class FoldedSearchField(index.SearchField):
    """A full-text field indexed with ё folded to е, as queries are."""

    def get_value(self, obj):
        value = super().get_value(obj)
        return fold(value) if isinstance(value, str) else value


class FoldedAutocompleteField(index.AutocompleteField):
    def get_value(self, obj):
        value = super().get_value(obj)
        return fold(value) if isinstance(value, str) else value


class SearchDocument(index.Indexed, models.Model):
    """What the public site shows of one published page, as the search indexes hold it.

    Rows are written only from the published static site (see `services.py`), so drafts,
    restricted pages and anything a template does not show never get here. Elasticsearch, when
    configured, mirrors this table; the database search backend indexes it directly.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.CharField(max_length=8, db_index=True)
    url = models.CharField(max_length=1000)
    title = models.CharField(max_length=255)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    tags = models.JSONField(default=list, blank=True)
    type = models.CharField(max_length=64, db_index=True)
    subjects = models.JSONField(default=list, blank=True)
    grades = models.JSONField(default=list, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    event_date = models.DateField(null=True, blank=True)
    image = models.CharField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # "|subject=…|grade=…|tag=…|": list facets as one string, so the database backend (which
    # filters only on plain columns) can filter them with `contains` on SQLite and PostgreSQL.
    facet_keys = models.TextField(blank=True, default="|")
    updated_at = models.DateTimeField(auto_now=True)

    # Indexed explicitly per language (see backends.py), never by Wagtail's save signal.
    search_auto_update = False
    search_fields = [
        FoldedSearchField("title", boost=4),
        FoldedSearchField("lead", boost=2),
        FoldedSearchField("tags_text", boost=2),
        FoldedSearchField("body"),
        FoldedAutocompleteField("title"),
        index.FilterField("locale"),
        index.FilterField("type"),
        index.FilterField("year"),
        index.FilterField("facet_keys"),
    ]

    class Meta:
        verbose_name = _("документ поиска")
        verbose_name_plural = _("документы поиска")

    def __str__(self):
        return f"{self.title} ({self.url})"

    @property
    def tags_text(self) -> str:
        return ", ".join(self.tags)

    @staticmethod
    def make_facet_keys(*, subjects, grades, tags) -> str:
        keys = [f"subject={s}" for s in subjects]
        keys += [f"grade={g}" for g in grades]
        keys += [f"tag={t}" for t in tags]
        return "|" + "".join(f"{fold(k).lower()}|" for k in keys)


class IndexedPage(models.Model):
    """Which version of a page of the live site the search indexes hold.

    One row for every page search has read from a build, whether or not it gave a document
    (a page excluded from search, or no longer public, holds none). `html_hash` is the
    manifest's hash of the page file the document was made from: when the live build's
    manifest says otherwise, the document is stale and is made again (see
    `services.documents_converge`). A page removed while Elasticsearch was down keeps its row,
    with `elasticsearch` false, until Elasticsearch has dropped it too.
    """

    page_id = models.IntegerField(primary_key=True)
    build = models.CharField(max_length=100, blank=True)
    html_hash = models.CharField(max_length=64, blank=True)
    document = models.BooleanField(default=False)
    elasticsearch = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("версия страницы в поиске")
        verbose_name_plural = _("версии страниц в поиске")

    def __str__(self):
        return f"{self.page_id}: {self.html_hash or '-'} ({self.build})"


class SearchPage(BasePage):
    """The search page of a language version: a form that works without JavaScript, results
    fetched from the search API by the page's script."""

    # The search page itself is never a search result.
    search_exclude = True

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "search/search_page.html"

    class Meta:
        verbose_name = _("страница поиска")
        verbose_name_plural = _("страницы поиска")
