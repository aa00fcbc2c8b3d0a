"""What a content directory defines once read (a source per item), and what a load did."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models
from wagtail.models import Page

from .errors import Problem
from .references import Given, PagePath

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
KINDS = ("images", "documents", "snippets", "settings", "pages")


@dataclass
class ImageSource:
    """An image entry: drawn from `draw`, found again by `key`."""

    key: str
    file: str
    line: int
    title: str
    draw: dict
    values: dict[str, Given]


@dataclass
class DocumentSource:
    """A document entry: a PDF of `text` named `file_name`, found again by `key`."""

    key: str
    file: str
    line: int
    title: str
    file_name: str
    text: str
    values: dict[str, Given]


@dataclass
class RecordSource:
    """One snippet record: its identifying field and value, its values and translations."""

    file: str
    line: int
    identity: tuple[str, Any]
    values: dict[str, Given]
    translations: dict[str, dict[str, Given]] = field(default_factory=dict)


@dataclass
class SnippetSource:
    """The records of one snippets file."""

    model: type[models.Model]
    file: str
    records: list[RecordSource]


@dataclass
class SettingSource:
    """The values of one settings file."""

    model: type[models.Model]
    file: str
    values: dict[str, Given]


@dataclass
class PageSource:
    """What one page file says the page should be."""

    path: PagePath
    file: str
    model: type[Page]
    values: dict[str, Given]
    order: int | None = None

    @property
    def title(self) -> str:
        return self.values["title"].value


@dataclass
class ContentSet:
    """Everything a content directory defines, validated; `warnings` do not stop a load."""

    root: Path
    images: list[ImageSource] = field(default_factory=list)
    documents: list[DocumentSource] = field(default_factory=list)
    snippets: list[SnippetSource] = field(default_factory=list)
    settings: list[SettingSource] = field(default_factory=list)
    pages: list[PageSource] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def count(self, kind: str) -> int:
        if kind == "snippets":
            return sum(
                len(s.records) + sum(len(r.translations) for r in s.records) for s in self.snippets
            )
        return len(getattr(self, kind))


OUTCOMES = ("created", "updated", "unchanged")


def outcome(*, new: bool, changed: bool) -> str:
    """What writing an item did, as a load report tells it."""
    return "created" if new else "updated" if changed else "unchanged"


@dataclass
class LoadReport:
    """What a load did to each kind of thing (a label per item), plus anything worth telling."""

    outcomes: dict[str, dict[str, str]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS}
    )
    untracked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def record(self, kind: str, label: str, outcome: str) -> None:
        """Note an outcome; an item touched in several passes keeps its strongest outcome."""
        previous = self.outcomes[kind].get(label, "unchanged")
        self.outcomes[kind][label] = min(previous, outcome, key=OUTCOMES.index)

    def labels(self, kind: str, outcome: str) -> list[str]:
        return [label for label, done in self.outcomes[kind].items() if done == outcome]

    def counts(self, kind: str) -> dict[str, int]:
        return {outcome: len(self.labels(kind, outcome)) for outcome in OUTCOMES}

    # The pages' addresses, which is what most callers want to know.
    @property
    def created(self) -> list[str]:
        return self.labels("pages", "created")

    @property
    def updated(self) -> list[str]:
        return self.labels("pages", "updated")

    @property
    def unchanged(self) -> list[str]:
        return self.labels("pages", "unchanged")


Progress = Callable[[str, int, int], None]
