"""TODO"""

from __future__ import annotations

import datetime as dt
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


def _expects(f) -> str:
    if isinstance(f, models.BooleanField):
        return "true or false"
    if isinstance(f, models.IntegerField):
        return "a whole number"
    if isinstance(f, (models.FloatField, models.DecimalField)):
        return "a number"
    if isinstance(f, models.DateTimeField):
        return "a date and time like 2025-03-14 15:00 (Moscow time)"
    if isinstance(f, models.DateField):
        return "a date like 2025-03-14"
    if isinstance(f, models.TimeField):
        return "a time like 15:00"
    return "text (put it in quotes)"


def _datetime_read(value) -> dt.datetime | None:
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


def _date_read(value) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _time_read(value) -> dt.time | None:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        for fmt in _TIME_FORMATS:
            try:
                return dt.datetime.strptime(value.strip(), fmt).time()
            except ValueError:
                continue
    return None


def scalar_read(f, value, line: int, name: str) -> tuple[Any, list]:
    """A model field's value from YAML, checked with the field's own validation."""
    wrong = [(line, f"'{name}' must be {_expects(f)}")]
    if isinstance(value, (dict, list)):
        return None, wrong
    if isinstance(f, models.BooleanField):
        if not isinstance(value, bool):
            return None, wrong
    elif isinstance(f, models.IntegerField):
        if isinstance(value, bool) or not isinstance(value, int):
            return None, wrong
    elif isinstance(f, (models.FloatField, models.DecimalField)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, wrong
        value = Decimal(str(value)) if isinstance(f, models.DecimalField) else float(value)
    elif isinstance(f, models.DateTimeField):
        value = _datetime_read(value)
        if value is None:
            return None, wrong
    elif isinstance(f, models.DateField):
        value = _date_read(value)
        if value is None:
            return None, wrong
    elif isinstance(f, models.TimeField):
        value = _time_read(value)
        if value is None:
            return None, wrong
    elif isinstance(f, (models.CharField, models.TextField)):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None, wrong
        value = str(value).strip()
        if f.max_length and len(value) > f.max_length:
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
    if isinstance(block, blocks.BooleanBlock):
        if not isinstance(value, bool):
            return None, [(line, f"{label} must be true or false")]
        return value, []
    if isinstance(block, blocks.IntegerBlock):
        if isinstance(value, bool) or not isinstance(value, int):
            return None, [(line, f"{label} must be a whole number")]
    elif isinstance(block, (blocks.FloatBlock, blocks.DecimalBlock)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, [(line, f"{label} must be a number")]
    elif isinstance(block, blocks.DateTimeBlock):
        parsed = _datetime_read(value)
        if parsed is None:
            return None, [(line, f"{label} must be a date and time like 2025-03-14 15:00")]
        return parsed.isoformat(), []
    elif isinstance(block, blocks.DateBlock):
        parsed = _date_read(value)
        if parsed is None:
            return None, [(line, f"{label} must be a date like 2025-03-14")]
        return parsed.isoformat(), []
    elif isinstance(block, blocks.TimeBlock):
        parsed = _time_read(value)
        if parsed is None:
            return None, [(line, f"{label} must be a time like 15:00")]
        return parsed.isoformat(timespec="minutes"), []
    elif isinstance(block, blocks.MultipleChoiceBlock):
        if not isinstance(value, list):
            return None, [(line, f"{label} must be a list of choices")]
    elif isinstance(
        block,
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
    ):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None, [(line, f"{label} must be text")]
        value = str(value).strip()
    if isinstance(block, blocks.FieldBlock) and not isinstance(block, EmbedBlock):
        # An embed's check fetches the video page; the publish step does that.
        try:
            block.clean(block.to_python(value))
        except ValidationError as exc:
            return None, [(line, f"{label}: {' '.join(exc.messages)}")]
    return value, []
