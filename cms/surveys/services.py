"""Writes of surveys: saving a person's response (first answer or an edit) and closing."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.audiences.selectors import audience_includes
from cms.core.widgets import widget_changed
from cms.users.choices import RoleChoices

from .models import RoleGroup, Survey, SurveyResponse
from .questions import answers_clean

__all__ = [
    "SurveyError",
    "respondent_cut",
    "respondent_key",
    "response_save",
    "survey_close",
    "surveys_close_due",
]

_GRADE = re.compile(r"^(\d{1,2})")
STAFF_ROLES = (
    RoleChoices.TEACHER,
    RoleChoices.TUTOR,
    RoleChoices.PSYCHOLOGIST,
    RoleChoices.COORDINATOR,
    RoleChoices.STAFF,
    RoleChoices.ADMINISTRATOR,
)


@dataclass
class SurveyError(Exception):
    """The rules refuse: `code` for programs, `message` for people, `status` for the API."""

    code: str
    message: str
    status: int = 409

    def __str__(self):
        return f"{self.code}: {self.message}"


def respondent_key(*, survey, person) -> str:
    """The keyed HMAC that stands for `person` in `survey`'s anonymous responses. Without the
    server's key it cannot be recomputed, so the table alone does not tell who answered."""
    secret = getattr(settings, "SURVEY_RESPONDENT_KEY", "") or settings.SECRET_KEY
    message = f"cms.surveys:{survey.pk}:{person.pk}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _grade_of(school_class) -> int | None:
    match = _GRADE.match(getattr(school_class, "name", "") or "")
    return int(match.group(1)) if match else None


def respondent_cut(*, survey, person) -> tuple[str, int | None]:
    """(role group, grade) of `person` now: a pupil's own grade; a parent's, their children's
    grade when they all share one."""
    if person.has_role(RoleChoices.STUDENT):
        return RoleGroup.STUDENT, _grade_of(person.school_class)
    if person.has_role(RoleChoices.PARENT):
        from cms.users.selectors import children_of

        grades = {_grade_of(child.school_class) for child in children_of(parent=person)}
        grades.discard(None)
        return RoleGroup.PARENT, grades.pop() if len(grades) == 1 else None
    if person.is_superuser or person.has_role(*STAFF_ROLES):
        return RoleGroup.STAFF, None
    return RoleGroup.OTHER, None


def _identity(survey: Survey, person) -> dict:
    if survey.anonymous:
        return {"respondent_key": respondent_key(survey=survey, person=person)}
    return {"respondent": person}


def response_save(*, survey: Survey, person, answers) -> tuple[SurveyResponse, bool]:
    """Save `person`'s answers to `survey`: (the response, whether it is their first).

    Every answer is checked (`questions.AnswersInvalid` names each bad one). A second response
    is an edit when the survey allows editing until its close, else `already_answered`. One
    response per person is the database's rule: two first answers at once leave one row, and
    the other is treated as a second response.
    """
    now = timezone.now()
    if now < survey.opens_at:
        raise SurveyError("not_open", _("Опрос ещё не открылся."))
    if survey.is_closed(now):
        raise SurveyError("closed", _("Опрос закрыт: ответы больше не принимаются."))
    if not audience_includes(survey, person):
        raise SurveyError("not_in_audience", _("Этот опрос — для других участников."), status=403)
    clean = answers_clean(survey=survey, answers=answers)
    identity = _identity(survey, person)
    group, grade = respondent_cut(survey=survey, person=person)
    submitted_at = None if survey.anonymous else now
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey, answers=clean, role_group=group, grade=grade,
                submitted_at=submitted_at, **identity,
            )  # fmt: skip
        return response, True
    except IntegrityError:
        pass
    if not survey.editable:
        raise SurveyError("already_answered", _("Вы уже ответили на этот опрос."))
    with transaction.atomic():
        response = SurveyResponse.objects.select_for_update().get(survey=survey, **identity)
        response.answers = clean
        response.role_group, response.grade = group, grade
        response.submitted_at = submitted_at
        response.save(update_fields=["answers", "role_group", "grade", "submitted_at"])
    return response, False


def survey_close(*, survey: Survey) -> Survey:
    """Close the survey once (idempotent): `closed_at` is written by the first call only, and
    the pages showing it are published again (with the results when they are public)."""
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.closed_at is None:
            locked.closed_at = timezone.now()
            locked.save(update_fields=["closed_at"])
            widget_changed("survey", locked.code)
    survey.closed_at = locked.closed_at
    return locked


def surveys_close_due(*, now=None) -> int:
    """Close every survey whose time has come; how many were closed now."""
    now = now or timezone.now()
    due = Survey.objects.filter(closed_at__isnull=True, closes_at__lte=now)
    count = 0
    for survey in due:
        before = survey.closed_at
        closed = survey_close(survey=survey)
        count += before is None and closed.closed_at is not None
    return count
