"""What the space holds about a person, gathered from every app: for "download my data" and
"delete my account".

Each app that keeps rows about a person registers, in its `privacy.py` (imported from its
`AppConfig.ready`), an exporter (a section of the person's export) and an eraser (what
deleting the account does to those rows), and names the models they cover:

    register_exporter("registrations", registrations_export, models=["registrations.Registration"])
    register_eraser("registrations", registrations_erase, models=["registrations.Registration"])

A model that points at the user model but is deliberately not exported (or not erased) is
declared with `register_exempt(label, reason=…)`, saying why.
`tests/cms/users/test_personal_data.py` fails when a model with a foreign key to the user
model is covered by none of these, so a new app cannot forget its people's data.

Erasers run inside the deletion's transaction, before the account itself is anonymised; a row
that must outlive the account (a cast secret ballot) is kept by its eraser with its link to the
person removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Eraser",
    "Exporter",
    "erasers",
    "exempt_from_erasure",
    "exempt_from_export",
    "exporters",
    "register_eraser",
    "register_exempt",
    "register_exporter",
]


@dataclass(frozen=True)
class Exporter:
    """One section of the export: `export(person)` returns JSON-able data (dates allowed)."""

    name: str
    export: Callable[[Any], Any]
    models: tuple[str, ...]


@dataclass(frozen=True)
class Eraser:
    """What deleting an account does to some rows: `erase(person)`, inside the transaction."""

    name: str
    erase: Callable[[Any], None]
    models: tuple[str, ...]


_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}
_exempt_from_export: dict[str, str] = {}
_exempt_from_erasure: dict[str, str] = {}


def register_exporter(
    name: str, export: Callable[[Any], Any], *, models: Iterable[str] = ()
) -> None:
    """Add section `name` to every export; `models` are the labels (`app.Model`) it covers."""
    _exporters[name] = Exporter(name, export, tuple(models))


def register_eraser(name: str, erase: Callable[[Any], None], *, models: Iterable[str] = ()) -> None:
    """Run `erase(person)` when `person` deletes their account; `models` as for exporters."""
    _erasers[name] = Eraser(name, erase, tuple(models))


def register_exempt(
    *labels: str, reason: str, from_export: bool = True, from_erasure: bool = True
) -> None:
    """Models that point at people but are deliberately not exported or not erased, and why."""
    for label in labels:
        if from_export:
            _exempt_from_export[label] = reason
        if from_erasure:
            _exempt_from_erasure[label] = reason


def exporters() -> list[Exporter]:
    return list(_exporters.values())


def erasers() -> list[Eraser]:
    return list(_erasers.values())


def exempt_from_export() -> dict[str, str]:
    return dict(_exempt_from_export)


def exempt_from_erasure() -> dict[str, str]:
    return dict(_exempt_from_erasure)
