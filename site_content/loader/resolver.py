"""Turning symbolic references into database ids once the records they name exist."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import TranslatableMixin

from site_content.markdown import markdown_to_blocks, markdown_to_html

from .references import (
    DocumentRef,
    Given,
    ImageRef,
    Markdown,
    PagePath,
    PageRef,
    SnippetRef,
    page_link_resolver,
)


class Resolver:
    """Turns symbolic references into database ids, in the language of the record at hand."""

    def __init__(self):
        self.images: dict[str, int] = {}
        self.documents: dict[str, int] = {}
        self.pages: dict[PagePath, int] = {}
        self._snippets: dict[tuple[type, str], dict[str, int]] = {}

    def snippet_remember(self, model, slug: str, language: str, pk: int) -> None:
        self._snippet_rows(model, slug)[language] = pk

    def _snippet_rows(self, model, slug: str) -> dict[str, int]:
        key = (model, slug)
        if key not in self._snippets:
            rows = model._default_manager.filter(slug=slug)
            if issubclass(model, TranslatableMixin):
                self._snippets[key] = {
                    language: pk for pk, language in rows.values_list("pk", "locale__language_code")
                }
            else:
                first = rows.values_list("pk", flat=True).first()
                self._snippets[key] = {} if first is None else {"": first}
        return self._snippets[key]

    def snippet(self, model, slug: str, language: str) -> int:
        """The record in the language at hand, else the source-language one."""
        rows = self._snippet_rows(model, slug)
        for candidate in (language, settings.LANGUAGE_CODE, ""):
            if candidate in rows:
                return rows[candidate]
        if rows:
            return next(iter(rows.values()))
        raise LookupError(f"no {model._meta.label} has the slug '{slug}'")

    def page(self, path: PagePath, language: str | None = None) -> int | None:
        if language is not None and path.in_language(language) in self.pages:
            return self.pages[path.in_language(language)]
        return self.pages.get(path)

    def resolve(self, value, language: str, *, partial: bool = False):
        """The stored form of a converted value; `partial` leaves unknown pages as None."""
        if isinstance(value, ImageRef):
            return self.images[value.key]
        if isinstance(value, DocumentRef):
            return self.documents[value.key]
        if isinstance(value, PageRef):
            found = self.pages.get(value.path)
            if found is None and not partial:
                raise LookupError(f"the page {value.path.url} does not exist")
            return found
        if isinstance(value, SnippetRef):
            return self.snippet(value.model, value.slug, language)
        if isinstance(value, Markdown):
            return self.markdown(value)
        if isinstance(value, Given):
            return self.resolve(value.value, language, partial=partial)
        if isinstance(value, list):
            return [self.resolve(item, language, partial=partial) for item in value]
        if isinstance(value, dict):
            return {
                key: self.resolve(item, language, partial=partial) for key, item in value.items()
            }
        return value

    def markdown(self, value: Markdown):
        link = page_link_resolver(lambda path: self.page(path, value.language))
        if value.blocks:
            converted, problems = markdown_to_blocks(
                value.text, page_link=link, first_line=value.line
            )
        else:
            converted, problems = markdown_to_html(
                value.text, page_link=link, first_line=value.line
            )
        if problems:
            raise LookupError("; ".join(reason for _, reason in problems))
        return converted
