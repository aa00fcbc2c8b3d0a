"""Writing one record: its fields brought in line, checked as Wagtail would, then saved.

Refusals become problems at the line of the field the files give, so a load reports them like
any other mistake in the files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from wagtail.models import DraftStateMixin, RevisionMixin

from .content import LoadReport, outcome
from .errors import Problem
from .field_values import UNMANAGED, sync, wants_for
from .fields import model_fields
from .references import Given, has_page_refs
from .resolver import Resolver


def validation_problems(exc: ValidationError, *, file: str, lines: dict[str, int], line: int):
    """Wagtail's or Django's refusal of a record, a problem per field at that field's line."""
    if not hasattr(exc, "error_dict"):
        return [Problem(file, line, " ".join(exc.messages))]
    problems = []
    for name, errors in exc.error_dict.items():
        text = " ".join(ValidationError(errors).messages)
        reason = text if name == NON_FIELD_ERRORS else f"'{name}': {text}"
        problems.append(Problem(file, lines.get(name, line), reason))
    return problems


def _block_errors(exc, label: str = "") -> list[str]:
    """The messages of a StreamField validation error, each with the path to its block."""
    messages = []
    block_errors = getattr(exc, "block_errors", None) or {}
    items = block_errors.items() if isinstance(block_errors, dict) else enumerate(block_errors)
    for key, error in items:
        if error is None:
            continue
        if isinstance(key, int):
            where = f"{label}[{key + 1}]"
        else:
            where = f"{label}.{key}" if label else str(key)
        messages += _block_errors(error, where)
    for error in getattr(exc, "non_block_errors", None) or []:
        messages.append(f"{label}: {error}" if label else str(error))
    if not block_errors and not getattr(exc, "non_block_errors", None):
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.append(f"{label}: {text}" if label else text)
    return messages


def streams_check(wants, values: dict[str, Given], *, file: str, names: Iterable[str]):
    """Wagtail's own checks of the StreamFields about to be saved, as problems."""
    problems = []
    for name in names:
        spec, want = wants.get(name, (None, UNMANAGED))
        if want is UNMANAGED or spec.kind != "stream":
            continue
        stream_block = spec.field.stream_block
        given = values.get(name)
        try:
            stream_block.clean(stream_block.to_python(want.store))
        except ValidationError as exc:
            block_errors = getattr(exc, "block_errors", None) or {}
            if block_errors:
                for index, error in block_errors.items():
                    line = given.line if given else 1
                    if given and given.item_lines and index < len(given.item_lines):
                        line = given.item_lines[index]
                    for message in _block_errors(error):
                        problems.append(
                            Problem(
                                (given.file if given else None) or file,
                                line,
                                f"'{name}' block {index + 1}: {message}",
                            )
                        )
            else:
                line = given.line if given else 1
                for message in _block_errors(exc):
                    problems.append(Problem(file, line, f"'{name}': {message}"))
    return problems


@dataclass
class Later:
    """Fields of a saved record that wait for the pages they link to."""

    model: type[models.Model]
    pk: int
    kind: str
    label: str
    language: str
    file: str
    line: int
    values: dict[str, Given]
    names: list[str]

    def write(self, *, resolver: Resolver, problems: list[Problem]) -> bool | None:
        """Write the waiting fields now; as `record_write`."""
        return record_write(
            self.model._default_manager.get(pk=self.pk),
            new=False,
            values=self.values,
            names=self.names,
            language=self.language,
            resolver=resolver,
            file=self.file,
            line=self.line,
            problems=problems,
        )


def _save(obj) -> None:
    obj.save()
    if isinstance(obj, RevisionMixin):
        revision = obj.save_revision(log_action=True)
        if isinstance(obj, DraftStateMixin):
            revision.publish()


def record_write(
    obj,
    *,
    new: bool,
    values: dict[str, Given],
    names: Iterable[str],
    language: str,
    resolver: Resolver,
    file: str,
    line: int,
    problems: list[Problem],
    exclude: Iterable[str] = (),
) -> bool | None:
    """Bring the named fields of one record in line; True if written, None if refused."""
    specs = model_fields(type(obj))
    try:
        wants = wants_for({name: specs[name] for name in names}, values, resolver, language)
    except LookupError as exc:
        problems.append(Problem(file, line, str(exc)))
        return None
    changed, after = sync(obj, wants, new=new)
    if not changed and not new:
        return False
    lines = {name: given.line for name, given in values.items()}
    found = streams_check(wants, values, file=file, names=changed)
    try:
        obj.full_clean(exclude=[*exclude])
    except ValidationError as exc:
        found += validation_problems(exc, file=file, lines=lines, line=line)
    if found:
        problems.extend(found)
        return None
    _save(obj)
    for step in after:
        step()
    return True


def record_load(
    obj,
    *,
    new: bool,
    kind: str,
    label: str,
    values: dict[str, Given],
    language: str,
    file: str,
    line: int,
    resolver: Resolver,
    report: LoadReport,
    problems: list[Problem],
    later: list[Later],
    held: Iterable[str] = (),
) -> bool | None:
    """Write a record but for its links to pages (which join `later`) and the `held` fields.

    The outcome goes into the report; returns as `record_write`.
    """
    specs = model_fields(type(obj))
    held = list(held)
    waiting = [name for name in specs if has_page_refs(values.get(name))]
    written = record_write(
        obj,
        new=new,
        values=values,
        names=[name for name in specs if name not in waiting and name not in held],
        language=language,
        resolver=resolver,
        file=file,
        line=line,
        problems=problems,
        exclude=[*waiting, *held],
    )
    if written is None:
        return None
    report.record(kind, label, outcome(new=new, changed=written))
    if waiting:
        later.append(Later(type(obj), obj.pk, kind, label, language, file, line, values, waiting))
    return written


def later_apply(later: list[Later], *, resolver: Resolver, report: LoadReport, problems) -> None:
    """Write the fields that waited, now that what they name exists."""
    for item in later:
        if item.write(resolver=resolver, problems=problems):
            report.record(item.kind, item.label, "updated")
