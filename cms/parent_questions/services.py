"""Writes of parents' questions: a parent asks, the school answers (in the cabinet and by
email), and staff turn an answered question into a FAQ item that goes to moderation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

from cms.core.moderation import submit_for_moderation
from cms.notifications.email import recipient_language
from cms.notifications.services import notification_send
from cms.users.models import Guardianship
from cms.users.selectors import cabinet_url_for

from . import kinds
from .models import Addressee, ParentQuestion, QuestionStatus
from .rules import is_parent, may_answer, may_publish_faq

__all__ = [
    "QuestionError",
    "faq_item_propose",
    "question_answer",
    "question_ask",
    "question_close",
    "without_names",
]

NAME_HIDDEN = "…"


@dataclass
class QuestionError(Exception):
    """The rules refuse now: a stable `code` for programs and a `message` for people."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def question_ask(*, parent, text: str, addressee: str, child_id: int | None = None):
    """`parent` asks the school; `child_id`, when given, is one of their own children."""
    if not is_parent.test(parent):
        raise PermissionDenied
    if addressee not in Addressee.values:
        raise QuestionError("invalid_addressee", _("Выберите, кому адресован вопрос."))
    text = text.strip()
    if not text:
        raise QuestionError("empty", _("Напишите вопрос."))
    child = None
    if child_id is not None:
        link = (
            Guardianship.objects.filter(parent=parent, child_id=child_id)
            .select_related("child")
            .first()
        )
        if link is None:
            raise QuestionError(
                "not_your_child", _("Выберите ребёнка из списка ваших детей или не выбирайте.")
            )
        child = link.child
    return ParentQuestion.objects.create(parent=parent, child=child, addressee=addressee, text=text)


def question_answer(*, question: ParentQuestion, by, answer: str) -> ParentQuestion:
    """`by`, who serves the question's addressee, answers; the parent hears in the cabinet
    and by email (as their delivery preference says)."""
    if not may_answer.test(by, question):
        raise PermissionDenied
    answer = answer.strip()
    if not answer:
        raise QuestionError("empty", _("Напишите ответ."))
    with transaction.atomic():
        question = ParentQuestion.objects.select_for_update().get(pk=question.pk)
        if question.status == QuestionStatus.CLOSED:
            raise QuestionError("closed", _("Вопрос закрыт: ответить на него уже нельзя."))
        question.answer = answer
        question.answered_by = by
        question.answered_at = timezone.now()
        question.status = QuestionStatus.ANSWERED
        question.save(update_fields=["answer", "answered_by", "answered_at", "status"])
        parent = question.parent
        language = recipient_language(parent)
        with override(language):
            notification_send(
                recipient=parent,
                kind=kinds.ANSWERED.code,
                title=_("Школа ответила на ваш вопрос"),
                body=_("Вопрос: %(question)s\n\nОтвет: %(answer)s")
                % {"question": question.text, "answer": answer},
                url=cabinet_url_for(language=language),
            )
    return question


def question_close(*, question: ParentQuestion, by) -> ParentQuestion:
    """The parent (or whoever answers it) closes the question."""
    if question.parent_id != by.pk and not may_answer.test(by, question):
        raise PermissionDenied
    question.status = QuestionStatus.CLOSED
    question.save(update_fields=["status"])
    return question


def without_names(text: str, *people) -> str:
    """`text` with every name, surname and patronymic of `people` (and their forms that start
    the same: «Марии», «Ивановой») replaced by an ellipsis, so a FAQ item names nobody."""
    for person in people:
        if person is None:
            continue
        for name in (person.first_name, person.last_name, person.patronymic):
            name = (name or "").strip()
            if len(name) < 3:
                continue
            # Russian names change their ending by case: match the stem and any ending.
            stem = re.escape(name[:-1] if len(name) > 4 else name)
            text = re.sub(rf"\b{stem}\w*", NAME_HIDDEN, text, flags=re.IGNORECASE)
    return text


def _answer_html(answer: str) -> str:
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", answer) if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in part.splitlines()) + "</p>"
        for part in paragraphs
    )


def faq_item_propose(
    *, question: ParentQuestion, by, faq_page, question_text: str = "", answer_text: str = ""
):
    """A new revision of `faq_page` with the question (as staff rewrote it; the parent's by
    default) and the answer, without the parent's or the child's name, submitted to the page's
    moderation workflow: an editor publishes it, never this call."""
    from site_content.support.models import FAQPage

    if not may_publish_faq.test(by):
        raise PermissionDenied
    if question.status == QuestionStatus.OPEN or not question.answer:
        raise QuestionError(
            "not_answered", _("Сначала ответьте на вопрос, потом переносите его в FAQ.")
        )
    people = (question.parent, question.child)
    asked = without_names((question_text or question.text).strip(), *people)[:500]
    answered = without_names((answer_text or question.answer).strip(), *people)
    if not asked or not answered:
        raise QuestionError("empty", _("Вопрос и ответ для FAQ не могут быть пустыми."))
    with transaction.atomic():
        page = FAQPage.objects.select_for_update().get(pk=faq_page.pk)
        draft = page.get_latest_revision_as_object()
        draft.questions.append(("question", {"question": asked, "answer": _answer_html(answered)}))
        revision = draft.save_revision(user=by, log_action=True)
        page.refresh_from_db()
        submit_for_moderation(page=page, by=by)
        question.faq_page = page
        question.save(update_fields=["faq_page"])
    return revision
