"""Reads of surveys: what a person sees of one (may they answer, their own response), the
surveys open to them, and the results with their cuts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.audiences.selectors import audience_includes, audience_label, audience_people

from .models import RoleGroup, Survey, SurveyResponse
from .questions import CHOICE_KINDS, questions_of
from .services import respondent_key

__all__ = [
    "min_cut",
    "my_response",
    "survey_by_code",
    "survey_results",
    "survey_state",
    "surveys_open_to",
]


def min_cut() -> int:
    """The fewest answers a group may have to be shown in a cut (`SURVEY_MIN_CUT`)."""
    return int(getattr(settings, "SURVEY_MIN_CUT", 5))


def survey_by_code(code: str) -> Survey | None:
    return Survey.objects.filter(code=code).first()


def my_response(*, survey: Survey, person) -> SurveyResponse | None:
    if person is None or not person.is_authenticated:
        return None
    if survey.anonymous:
        key = respondent_key(survey=survey, person=person)
        return SurveyResponse.objects.filter(survey=survey, respondent_key=key).first()
    return SurveyResponse.objects.filter(survey=survey, respondent=person).first()


def window_state(survey: Survey, now=None) -> str:
    now = now or timezone.now()
    if survey.is_closed(now):
        return "closed"
    return "open" if survey.is_open(now) else "not_open"


def survey_state(*, survey: Survey, person) -> dict:
    """The survey as its widget shows it to `person`: questions, window, whether they may
    answer now (and why not), their own answers, whether results can be read."""
    from .rules import may_read_results

    now = timezone.now()
    state = window_state(survey, now)
    eligible = audience_includes(survey, person)
    mine = my_response(survey=survey, person=person) if eligible else None
    if not eligible:
        reason = "not_in_audience"
    elif state != "open":
        reason = state
    elif mine is not None and not survey.editable:
        reason = "already_answered"
    else:
        reason = ""
    return {
        "code": survey.code,
        "title": survey.title,
        "intro": survey.intro,
        "anonymous": survey.anonymous,
        "editable": survey.editable,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "state": state,
        "audience": audience_label(survey),
        "questions": [question.as_json() for question in questions_of(survey)],
        "eligible": eligible,
        "can_answer": reason == "",
        "reason": reason,
        "answered": mine is not None,
        "my_answers": mine.answers if mine is not None else None,
        "results_available": may_read_results.test(person, survey),
    }


def surveys_open_to(person) -> list[Survey]:
    """Surveys open now whose audience holds `person`, the soonest to close first."""
    now = timezone.now()
    open_now = Survey.objects.filter(
        closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now
    ).order_by("closes_at")
    return [survey for survey in open_now[:100] if audience_includes(survey, person)]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: float


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def _question_results(question, answers: list[dict], *, texts: bool) -> dict:
    """Counts and percents of one question among `answers` (each a response's answers).

    Percents are of the people who answered the question; in a multiple choice they may add
    up to more than 100."""
    given = [a[question.id] for a in answers if question.id in a]
    result = {
        "id": question.id,
        "kind": question.kind,
        "label": question.label,
        "answered": len(given),
        "options": [],
        "mean": None,
        "texts": None,
    }
    if question.kind in CHOICE_KINDS or question.kind == "scale":
        counts: Counter = Counter()
        for value in given:
            for item in value if isinstance(value, list) else [value]:
                counts[str(item)] += 1
        result["options"] = [
            {"label": label, "count": counts[label], "percent": _percent(counts[label], len(given))}
            for label in question.choices()
        ]
        if question.kind == "scale" and given:
            result["mean"] = round(sum(int(v) for v in given) / len(given), 2)
            if question.low_label:
                result["options"][0]["label"] = f"1 — {question.low_label}"
            if question.high_label:
                last = result["options"][-1]
                last["label"] = f"{question.size} — {question.high_label}"
    elif texts:
        result["texts"] = [str(value) for value in given]
    return result


def _group_labels() -> dict[str, str]:
    return {value: str(label) for value, label in RoleGroup.choices}


def _cut(name: str, label: str, groups: dict, questions, *, threshold: int) -> dict:
    """One cut: a group per key, each with its own counts, or hidden when too small.

    When only one group would be hidden, the next smallest is hidden too: otherwise its
    numbers would follow from the total minus the groups shown."""
    sizes = {key: len(rows) for key, rows in groups.items()}
    hidden = {key for key, size in sizes.items() if size < threshold}
    shown = [key for key in groups if key not in hidden]
    if len(hidden) == 1 and shown:
        hidden.add(min(shown, key=lambda key: sizes[key]))
    return {
        "by": name,
        "label": label,
        "groups": [
            {
                "key": str(key),
                "label": groups_label,
                "answers": sizes[key],
                "questions": [_question_results(q, groups[key], texts=False) for q in questions],
            }
            for key, groups_label in _ordered_labels(name, groups)
            if key not in hidden
        ],
        "hidden_groups": len(hidden),
    }


def _ordered_labels(name: str, groups: dict) -> list[tuple]:
    if name == "role":
        labels = _group_labels()
        return [(key, labels[key]) for key in labels if key in groups]
    return [(grade, _("%(grade)s параллель") % {"grade": grade}) for grade in sorted(groups)]


def survey_results(*, survey: Survey, texts: bool = False) -> dict:
    """Counts and percents per question, with the cuts by role group and by grade; free-text
    answers only when `texts` (for staff). A group of fewer than `min_cut()` answers is not
    shown in any cut; without `texts` (anyone but staff) a survey with fewer answers than
    that shows only how many there were (`withheld`)."""
    rows = list(survey.responses.values_list("answers", "role_group", "grade"))
    questions = [q for q in questions_of(survey) if q.asks]
    counted = [q for q in questions if not q.is_text]
    everyone = [answers for answers, _group, _grade in rows]
    by_role: dict[str, list] = {}
    by_grade: dict[int, list] = {}
    for answers, group, grade in rows:
        by_role.setdefault(group, []).append(answers)
        if grade is not None:
            by_grade.setdefault(grade, []).append(answers)
    threshold = min_cut()
    # Readers other than staff get no numbers at all from fewer answers than a cut may have:
    # with three respondents who are known, "2 said yes" tells who said what.
    withheld = not texts and 0 < len(rows) < threshold
    return {
        "code": survey.code,
        "title": survey.title,
        "closed": survey.is_closed(),
        "responses": len(rows),
        "audience_size": audience_people(survey).count(),
        "min_cut": threshold,
        "withheld": withheld,
        "questions": []
        if withheld
        else [_question_results(q, everyone, texts=texts) for q in questions],
        "cuts": []
        if withheld
        else [
            _cut("role", _("По группам участников"), by_role, counted, threshold=threshold),
            _cut("grade", _("По параллелям"), by_grade, counted, threshold=threshold),
        ],
    }
