"""Mounted under /api/ by cms/api/urls.py: parents' questions."""

from django.urls import path

from . import apis

urlpatterns = [
    path("parent-questions", apis.QuestionsView.as_view(), name="parent-questions"),
    path("parent-questions/<int:question_id>", apis.QuestionView.as_view(), name="parent-question"),
    path(
        "parent-questions/<int:question_id>/answer",
        apis.AnswerView.as_view(),
        name="parent-question-answer",
    ),
    path(
        "parent-questions/<int:question_id>/close",
        apis.CloseView.as_view(),
        name="parent-question-close",
    ),
    path(
        "parent-questions/<int:question_id>/faq",
        apis.FaqView.as_view(),
        name="parent-question-faq",
    ),
]
