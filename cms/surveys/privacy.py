"""Survey responses in "download my data" and "delete my account".

A person's file lists their answers to signed surveys, and to anonymous ones too: the server
can recompute the key that stands for them (it is theirs to see). Deleting the account deletes
both kinds, so nothing of theirs stays behind under a key.
"""

from __future__ import annotations

from django.db.models import Q

from cms.users.personal_data import register_eraser, register_exporter

from .models import Survey, SurveyResponse
from .questions import questions_of
from .services import respondent_key


def _mine(person):
    keys = [
        respondent_key(survey=survey, person=person)
        for survey in Survey.objects.filter(anonymous=True).only("pk")
    ]
    return SurveyResponse.objects.filter(
        Q(respondent=person) | Q(respondent_key__in=keys)
    ).select_related("survey")


def surveys_export(person) -> list[dict]:
    items = []
    for response in _mine(person):
        labels = {q.id: q.label for q in questions_of(response.survey)}
        items.append(
            {
                "survey": response.survey.title,
                "anonymous": response.survey.anonymous,
                "answered_at": response.submitted_at,
                "answers": {labels.get(k, k): v for k, v in response.answers.items()},
            }
        )
    return items


def surveys_erase(person) -> None:
    _mine(person).delete()


MODELS = ["surveys.SurveyResponse"]
register_exporter("surveys", surveys_export, models=MODELS)
register_eraser("surveys", surveys_erase, models=MODELS)
