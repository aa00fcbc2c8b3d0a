"""Results as HTML without JavaScript: server-made SVG bar charts a screen reader can read
(role="img", a <title> and a description), each with its numbers in a table beside it, and the
static part the published page shows after the close.

The words of the templates are translated here and passed in, so the theme's templates hold
markup only and the survey's strings stay in this app's catalog.
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

__all__ = ["bar_chart", "results_html", "survey_static_part"]

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
ROW_GAP = 12
BAR_AREA = 520


def _dom_id(*parts: str) -> str:
    return "survey-" + "-".join(re.sub(r"[^a-zA-Z0-9_-]", "", str(p)) or "x" for p in parts)


def _number(value: float) -> str:
    return f"{value:g}"


def bar_chart(*, chart_id: str, title: str, options: list[dict]) -> SafeString:
    """A horizontal bar chart of `options` ({label, count, percent}), bars as long as the
    percent, with its title and a description in words for screen readers."""
    rows = []
    y = 0
    for option in options:
        rows.append(
            {
                "label": option["label"],
                "count": option["count"],
                "percent": _number(option["percent"]),
                "label_y": y + LABEL_HEIGHT - 4,
                "bar_y": y + LABEL_HEIGHT,
                # Strings, so the template's number localisation (a comma in Russian)
                # never reaches an SVG length.
                "bar_width": _number(max(round(BAR_AREA * option["percent"] / 100, 1), 0)),
                "value_x": _number(round(BAR_AREA * option["percent"] / 100, 1) + 8),
                "value_y": y + LABEL_HEIGHT + BAR_HEIGHT - 3,
            }
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    description = "; ".join(
        _("%(label)s: %(count)s (%(percent)s %%)")
        % {"label": o["label"], "count": o["count"], "percent": _number(o["percent"])}
        for o in options
    )
    return render_to_string(
        "surveys/chart.html",
        {
            "id": chart_id,
            "title": title,
            "description": description,
            "rows": rows,
            "width": WIDTH,
            "height": max(y, 1),
            "bar_height": BAR_HEIGHT,
        },
    )


def _words() -> dict:
    return {
        "results": _("Итоги опроса"),
        "responses": _("Ответов"),
        "option": _("Вариант"),
        "count": _("Ответили"),
        "percent": _("Доля, в процентах"),
        "answered": _("На вопрос ответили: %(n)s"),
        "mean": _("Среднее"),
        "texts_hidden": _("Свободные ответы не публикуются."),
        "hidden_groups": _(
            "Группы, где меньше %(n)s ответов, не показаны: по ним можно было бы узнать, "
            "кто как ответил."
        ),
        "group": _("Группа"),
        "withheld": _(
            "Ответов меньше %(n)s: итоги по вопросам не публикуются, чтобы по ним нельзя было "
            "узнать, кто как ответил."
        ),
        "percent_note": _(
            "Проценты — от ответивших на вопрос; в вопросах с несколькими вариантами сумма "
            "может быть больше 100."
        ),
    }


def results_html(*, survey, results: dict, language: str | None = None) -> SafeString:
    """The results (from `selectors.survey_results` without free text) as charts and tables."""
    words = _words()
    questions = []
    for question in results["questions"]:
        item = dict(question)
        item["dom_id"] = _dom_id(survey.code, question["id"])
        item["answered_text"] = words["answered"] % {"n": question["answered"]}
        if question["options"]:
            item["chart"] = bar_chart(
                chart_id=item["dom_id"] + "-chart",
                title=question["label"],
                options=question["options"],
            )
            for option in item["options"]:
                option["percent_text"] = _number(option["percent"])
        questions.append(item)
    cuts = []
    for cut in results["cuts"]:
        if not cut["groups"]:
            continue
        tables = []
        for index, question in enumerate(cut["groups"][0]["questions"]):
            tables.append(
                {
                    "label": question["label"],
                    "groups": [g["label"] for g in cut["groups"]],
                    "rows": [
                        {
                            "label": option["label"],
                            "cells": [
                                _number(g["questions"][index]["options"][n]["percent"])
                                for g in cut["groups"]
                            ],
                        }
                        for n, option in enumerate(question["options"])
                    ],
                    "answers": [g["answers"] for g in cut["groups"]],
                }
            )
        cuts.append({"label": cut["label"], "tables": tables, "hidden": cut["hidden_groups"]})
    return render_to_string(
        "surveys/results.html",
        {
            "survey": survey,
            "results": results,
            "questions": questions,
            "cuts": cuts,
            "words": words,
            "hidden_note": words["hidden_groups"] % {"n": results["min_cut"]},
            "withheld_note": words["withheld"] % {"n": results["min_cut"]},
            "any_hidden": any(c["hidden_groups"] for c in results["cuts"]),
            "dom_id": _dom_id(survey.code),
        },
    )


def _endpoint(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def widget_words() -> dict[str, str]:
    """The widget's words, rendered into data-msg-* attributes of the static part."""
    return {
        "submit": _("Отправить"),
        "save": _("Сохранить изменения"),
        "edit": _("Изменить ответ"),
        "sent": _("Спасибо! Ваш ответ принят."),
        "saved": _("Изменения сохранены."),
        "draft-kept": _("Черновик хранится только в этом браузере, пока вы не отправите ответ."),
        "required": _("обязательный вопрос"),
        "already": _("Вы уже ответили на этот опрос."),
        "already-editable": _("Вы уже ответили. До закрытия опроса ответ можно изменить."),
        "not-for-you": _("Этот опрос — для других участников: %(audience)s.")
        % {"audience": "{audience}"},
        "closed": _("Опрос закрыт, ответы больше не принимаются."),
        "not-open": _("Опрос ещё не открылся. Он откроется {when}."),
        "closes": _("Ответы принимаются до {when}."),
        "sign-in": _("Войдите, чтобы ответить на опрос."),
        "sign-in-link": _("Войти"),
        "errors": _("Проверьте отмеченные вопросы."),
        "failed": _("Не получилось отправить ответ. Попробуйте ещё раз."),
        "anonymous": _("Опрос анонимный: в ответах не сохраняется, кто ответил."),
        "signed": _("Опрос не анонимный: организаторы увидят ваше имя рядом с ответами."),
        "results": _("Итоги"),
        "responses": _("Ответов: {n}"),
        "withheld": _(
            "Ответов меньше {n}: итоги по вопросам не публикуются, чтобы по ним нельзя было "
            "узнать, кто как ответил."
        ),
        "chars-left": _("Осталось символов: {n}"),
    }


def survey_static_part(reference: str, language: str) -> str:
    """What a page's survey mount point shows when built (the widget block loads the
    widget's module itself): the widget's words always; after the close, when the editor chose
    so, the charts and tables of the results (never a free-text answer). The same for every
    reader."""
    from .models import Survey
    from .selectors import survey_results

    with translation.override(language or None):
        survey = Survey.objects.filter(code=reference).first()
        if survey is None:
            return ""
        results = ""
        if survey.results_public and survey.is_closed():
            results = results_html(
                survey=survey, results=survey_results(survey=survey, texts=False)
            )
        return render_to_string(
            "surveys/static_part.html",
            {
                "words": widget_words(),
                "styles": static("theme/surveys.css"),
                "me": _endpoint("api:me"),
                "results": results,
                "closed": survey.is_closed(),
            },
        )
