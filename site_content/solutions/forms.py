"""The admin form of a solution page: checks that protect authors' privacy and the team size."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from site_content.taxonomy.forms import TermsInPageLanguageForm

from .choices import AuthorDisplay, WorkFormat

__all__ = ["SolutionPageForm", "private_name_leaks"]

# Fields whose text reaches the public page, the listing, the feed or search results.
PUBLIC_TEXT_FIELDS = (
    "title",
    "lead",
    "seo_title",
    "search_description",
    "problem",
    "goal",
    "result",
)
PUBLIC_STREAM_FIELDS = ("stages", "gallery", "materials")


def private_name_leaks(*, texts: Iterable[str], authors: Iterable[dict]) -> list[str]:
    """Parts of names that the authors' consent keeps private but that occur in `texts`.

    An author shown by initials or class only must not be named anywhere on the page. Each part
    of the full name is looked for as a word start, without its last letter when it is long
    enough, so common Russian inflections («Ивановой», «Анны») are caught too.
    """
    text = "\n".join(t for t in texts if t)
    found: list[str] = []
    for author in authors:
        if author.get("display") == AuthorDisplay.FULL_NAME:
            continue
        for part in (author.get("full_name") or "").replace("-", " ").split():
            word = part.strip(".,«»\"'()")
            if len(word) < 3 or word in found:
                continue
            stem = word[:-1] if len(word) >= 5 else word
            if re.search(rf"(?<!\w){re.escape(stem)}\w*", text):
                found.append(word)
    return found


def _stream_texts(value) -> Iterable[str]:
    """Every string inside a StreamField value (titles, captions, alt texts, credits)."""
    if value is None:
        return
    for child in value:
        yield from _strings(child.value)


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict) or hasattr(value, "items"):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


class SolutionPageForm(TermsInPageLanguageForm):
    """Refuses a page that names an author beyond their consent or miscounts the team."""

    def clean(self):
        cleaned = super().clean()
        authors = self._authors()
        if authors is not None:
            self._check_team_size(cleaned.get("work_format"), len(authors))
            texts = [str(cleaned.get(name) or "") for name in PUBLIC_TEXT_FIELDS]
            for name in PUBLIC_STREAM_FIELDS:
                texts.extend(_stream_texts(cleaned.get(name)))
            for word in private_name_leaks(texts=texts, authors=authors):
                self.add_error(
                    None,
                    _(
                        "На странице упомянуто «%(word)s» — часть имени автора, чьё согласие "
                        "не разрешает публиковать имя. Уберите его из текста, подписей и "
                        "описаний изображений."
                    )
                    % {"word": word},
                )
        return cleaned

    def _authors(self) -> list[dict] | None:
        """The authors the editor is saving; None when the inline form itself has errors."""
        formset = self.formsets.get("authors")
        if formset is None:
            return None
        authors = []
        for form in formset.forms:
            if not form.is_valid():
                return None
            data = form.cleaned_data
            if data and not data.get("DELETE"):
                authors.append(data)
        return authors

    def _check_team_size(self, work_format: str | None, count: int) -> None:
        if work_format == WorkFormat.INDIVIDUAL and count != 1:
            self.add_error(
                "work_format",
                _("У индивидуального проекта один автор, а указано: %(count)d.") % {"count": count},
            )
        elif work_format == WorkFormat.COLLECTIVE and count < 2:
            self.add_error(
                "work_format",
                _("У коллективного проекта должно быть не меньше двух авторов."),
            )
