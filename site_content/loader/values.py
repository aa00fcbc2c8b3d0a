"""Plain values from YAML: booleans, numbers, dates, times and text, for model fields and blocks.

A model field and a StreamField block of the same kind accept the same YAML, so both are read
through one table of `ValueKind`s; they differ only in how a field says what it wants and in
the form a block stores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

_DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S")
# What a reader returns for a value of the wrong kind (None and False are values).
_WRONG = object()


def datetime_read(value) -> dt.datetime | None:
    """A date and time from YAML or text, in the site's time zone when it names none."""
    parsed = None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        for fmt in _DATETIME_FORMATS:
            try:
                parsed = dt.datetime.strptime(value.strip(), fmt)
                break
            except ValueError:
                continue
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, ZoneInfo(settings.TIME_ZONE))
    return parsed


def date_read(value) -> dt.date | None:
    """A date from YAML or text like 2025-03-14; None if it is not one."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def time_read(value) -> dt.time | None:
    """A time of day from YAML or text like 15:00; None if it is not one."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        for fmt in _TIME_FORMATS:
            try:
                return dt.datetime.strptime(value.strip(), fmt).time()
            except ValueError:
                continue
    return None


def _boolean(value):
    return value if isinstance(value, bool) else _WRONG


def _whole(value):
    return _WRONG if isinstance(value, bool) or not isinstance(value, int) else value


def _number(value):
    return _WRONG if isinstance(value, bool) or not isinstance(value, (int, float)) else value


def _text(value):
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return _WRONG
    return str(value).strip()


def _list(value):
    return value if isinstance(value, list) else _WRONG


def _parsed(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def parse(value):
        parsed = read(value)
        return _WRONG if parsed is None else parsed

    return parse


def _as_is(value):
    return value


@dataclass(frozen=True)
class ValueKind:
    """One kind of plain value: how YAML gives it, and what to tell when it gives another."""

    read: Callable[[Any], Any]
    expects: str
    # How a model field asks for it, where that says more than a block does.
    field_expects: str | None = None
    # A block of this kind stores this form of the value, and needs no check of its own.
    stored: Callable[[Any], Any] | None = None


BOOLEAN = ValueKind(_boolean, "true or false", stored=_as_is)
WHOLE = ValueKind(_whole, "a whole number")
NUMBER = ValueKind(_number, "a number")
DATETIME = ValueKind(
    _parsed(datetime_read),
    "a date and time like 2025-03-14 15:00",
    field_expects="a date and time like 2025-03-14 15:00 (Moscow time)",
    stored=dt.datetime.isoformat,
)
DATE = ValueKind(_parsed(date_read), "a date like 2025-03-14", stored=dt.date.isoformat)
TIME = ValueKind(
    _parsed(time_read),
    "a time like 15:00",
    stored=lambda value: value.isoformat(timespec="minutes"),
)
TEXT = ValueKind(_text, "text", field_expects="text (put it in quotes)")
CHOICES = ValueKind(_list, "a list of choices")

# First match wins: a DateTimeField is also a DateField.
FIELD_KINDS = (
    (models.BooleanField, BOOLEAN),
    (models.IntegerField, WHOLE),
    ((models.FloatField, models.DecimalField), NUMBER),
    (models.DateTimeField, DATETIME),
    (models.DateField, DATE),
    (models.TimeField, TIME),
    ((models.CharField, models.TextField), TEXT),
)
BLOCK_KINDS = (
    (blocks.BooleanBlock, BOOLEAN),
    (blocks.IntegerBlock, WHOLE),
    ((blocks.FloatBlock, blocks.DecimalBlock), NUMBER),
    (blocks.DateTimeBlock, DATETIME),
    (blocks.DateBlock, DATE),
    (blocks.TimeBlock, TIME),
    (blocks.MultipleChoiceBlock, CHOICES),
    (
        (
            blocks.CharBlock,
            blocks.TextBlock,
            blocks.URLBlock,
            blocks.EmailBlock,
            blocks.RegexBlock,
            blocks.RawHTMLBlock,
            blocks.BlockQuoteBlock,
            blocks.ChoiceBlock,
            EmbedBlock,
        ),
        TEXT,
    ),
)


def value_kind(obj, table) -> ValueKind | None:
    """The kind of value a model field or a block (by its table) holds; None for any other."""
    return next((kind for classes, kind in table if isinstance(obj, classes)), None)


def scalar_read(f, value, line: int, name: str) -> tuple[Any, list]:
    """A model field's value from YAML, checked with the field's own validation."""
    kind = value_kind(f, FIELD_KINDS)
    # Any other field is asked for as text: only a mapping or a list is surely wrong for it.
    asked = kind or TEXT
    wrong = [(line, f"'{name}' must be {asked.field_expects or asked.expects}")]
    if isinstance(value, (dict, list)):
        return None, wrong
    if kind is not None:
        value = kind.read(value)
        if value is _WRONG:
            return None, wrong
    if isinstance(f, models.DecimalField):
        value = Decimal(str(value))
    elif isinstance(f, models.FloatField):
        value = float(value)
    elif kind is TEXT and f.max_length and len(value) > f.max_length:
        return None, [(line, f"'{name}' is longer than {f.max_length} characters")]
    if f.choices:
        valid = [choice for choice, _ in f.flatchoices]
        if value not in valid:
            return None, [(line, f"'{name}' must be one of: {', '.join(map(str, valid))}")]
    try:
        value = f.clean(value, None)
    except ValidationError as exc:
        return None, [(line, f"'{name}': {' '.join(exc.messages)}")]
    return value, []


def block_scalar_read(block, value, line: int, label: str) -> tuple[Any, list]:
    """A leaf block's stored value from YAML, checked by the block itself where it can be."""
    kind = value_kind(block, BLOCK_KINDS)
    if kind is not None:
        value = kind.read(value)
        if value is _WRONG:
            return None, [(line, f"{label} must be {kind.expects}")]
        if kind.stored is not None:
            return kind.stored(value), []
    if isinstance(block, blocks.FieldBlock) and not isinstance(block, EmbedBlock):
        # An embed's check fetches the video page; the publish step does that.
        try:
            block.clean(block.to_python(value))
        except ValidationError as exc:
            return None, [(line, f"{label}: {' '.join(exc.messages)}")]
    return value, []
