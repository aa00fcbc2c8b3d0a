"""Plain values in content files: a model field and a block of the same kind read YAML alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import models
from wagtail import blocks

from site_content.loader.values import block_scalar_read, scalar_read


@pytest.mark.parametrize(
    ("field", "block", "given", "field_value", "block_value"),
    [
        (models.DateField(), blocks.DateBlock(), "2025-03-14", dt.date(2025, 3, 14), "2025-03-14"),
        (models.TimeField(), blocks.TimeBlock(), "15:00", dt.time(15, 0), "15:00"),
        (models.IntegerField(), blocks.IntegerBlock(), 12, 12, 12),
        (
            models.DecimalField(max_digits=5, decimal_places=2),
            blocks.DecimalBlock(),
            2.5,
            Decimal("2.5"),
            2.5,
        ),
        (models.BooleanField(), blocks.BooleanBlock(required=False), False, False, False),
        (models.CharField(max_length=20), blocks.CharBlock(), "  Лицей ", "Лицей", "Лицей"),
    ],
)
def test_a_field_and_a_block_of_the_same_kind_accept_the_same_yaml(
    field, block, given, field_value, block_value
):
    assert scalar_read(field, given, 3, "day") == (field_value, [])
    assert block_scalar_read(block, given, 3, "body: day") == (block_value, [])


@pytest.mark.parametrize(
    ("field", "block", "given", "expects"),
    [
        (models.DateField(), blocks.DateBlock(), "14.03.2025", "a date like 2025-03-14"),
        (models.TimeField(), blocks.TimeBlock(), "3pm", "a time like 15:00"),
        (models.IntegerField(), blocks.IntegerBlock(), True, "a whole number"),
        (models.FloatField(), blocks.FloatBlock(), "много", "a number"),
        (models.BooleanField(), blocks.BooleanBlock(), "да", "true or false"),
    ],
)
def test_a_field_and_a_block_refuse_a_wrong_value_in_the_same_words(field, block, given, expects):
    assert scalar_read(field, given, 7, "day") == (None, [(7, f"'day' must be {expects}")])
    assert block_scalar_read(block, given, 7, "body: day") == (
        None,
        [(7, f"body: day must be {expects}")],
    )


def test_a_field_names_the_time_zone_of_a_date_and_time_and_asks_for_text_in_quotes():
    _, [(_, starts)] = scalar_read(models.DateTimeField(), "завтра", 2, "starts")
    _, [(_, title)] = scalar_read(models.CharField(max_length=20), {"a": 1}, 2, "title")

    assert starts == "'starts' must be a date and time like 2025-03-14 15:00 (Moscow time)"
    assert title == "'title' must be text (put it in quotes)"


def test_a_block_stores_a_date_and_time_in_the_site_time_zone_and_a_time_to_the_minute():
    assert block_scalar_read(blocks.DateTimeBlock(), "2025-03-14 15:00", 1, "starts") == (
        "2025-03-14T15:00:00+03:00",
        [],
    )
    assert block_scalar_read(blocks.TimeBlock(), "15:00:30", 1, "at") == ("15:00", [])


def test_a_text_longer_than_its_field_allows_is_refused_with_the_limit():
    assert scalar_read(models.CharField(max_length=5), "Коворкинг", 4, "name") == (
        None,
        [(4, "'name' is longer than 5 characters")],
    )
