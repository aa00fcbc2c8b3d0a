"""Small factories for surveys: a survey open now with one question of each kind."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from cms.surveys.models import Survey

QUESTIONS = [
    {"type": "section", "id": "sec", "value": {"title": "О лицее", "text": ""}},
    {
        "type": "single_choice",
        "id": "q-like",
        "value": {
            "label": "Нравится ли вам лицей?",
            "help_text": "",
            "required": True,
            "options": ["Да", "Нет", "Не знаю"],
        },
    },
    {
        "type": "multiple_choice",
        "id": "q-clubs",
        "value": {
            "label": "Какие кружки нужны?",
            "help_text": "",
            "required": False,
            "options": ["Робототехника", "Театр", "Шахматы"],
        },
    },
    {
        "type": "scale",
        "id": "q-food",
        "value": {
            "label": "Оцените столовую",
            "help_text": "",
            "required": False,
            "size": 5,
            "low_label": "плохо",
            "high_label": "отлично",
        },
    },
    {
        "type": "short_text",
        "id": "q-name",
        "value": {"label": "Одно слово о лицее", "help_text": "", "required": False},
    },
    {
        "type": "long_text",
        "id": "q-ideas",
        "value": {"label": "Ваши предложения", "help_text": "", "required": False},
    },
]

GOOD = {"q-like": "Да", "q-clubs": ["Театр"], "q-food": 4, "q-ideas": "Больше проектов"}


def make_survey(code: str = "lyceum-2026", *, classes=(), **fields) -> Survey:
    """A survey open now for parents (fields override), with one question of each kind."""
    now = timezone.now()
    fields.setdefault("title", "Анкета о лицее")
    fields.setdefault("opens_at", now - timedelta(days=1))
    fields.setdefault("closes_at", now + timedelta(days=7))
    fields.setdefault("audience_roles", ["parent"])
    fields.setdefault("questions", json.dumps(QUESTIONS))
    survey = Survey.objects.create(code=code, **fields)
    if classes:
        survey.audience_classes.set(classes)
    return survey
