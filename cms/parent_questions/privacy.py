"""Parents' questions in "download my data" and "delete my account".

A parent's file holds their questions and the answers; the answers a staff member wrote are
in the staff member's file by their question only (not the parent's name). Deleting a
parent's account deletes their questions (a FAQ item made from one names nobody and stays);
a child's or staff member's account leaves the questions, without the link to them.
"""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import ParentQuestion


def parent_questions_export(person) -> dict:
    return {
        "asked": [
            {
                "question": question.text,
                "addressee": question.addressee,
                "status": question.status,
                "asked_at": question.created_at,
                "answer": question.answer,
                "answered_at": question.answered_at,
            }
            for question in ParentQuestion.objects.filter(parent=person)
        ],
        "answered": [
            {
                "question": question.text,
                "answer": question.answer,
                "answered_at": question.answered_at,
            }
            for question in ParentQuestion.objects.filter(answered_by=person)
        ],
    }


def parent_questions_erase(person) -> None:
    ParentQuestion.objects.filter(parent=person).delete()
    ParentQuestion.objects.filter(child=person).update(child=None)
    ParentQuestion.objects.filter(answered_by=person).update(answered_by=None)
    ParentQuestion.objects.filter(addressed_to=person).update(addressed_to=None)


MODELS = ["parent_questions.ParentQuestion"]
register_exporter("parent_questions", parent_questions_export, models=MODELS)
register_eraser("parent_questions", parent_questions_erase, models=MODELS)
