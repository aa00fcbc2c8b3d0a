"""The few questions an editor may ask registrants, and the checking of their answers.

Questions are StreamField blocks on the event page; an answer is keyed by the block's id, so
renaming a question keeps its answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from wagtail import blocks

__all__ = [
    "ChoiceQuestionBlock",
    "Question",
    "QuestionsBlock",
    "ShortTextQuestionBlock",
    "YesNoQuestionBlock",
    "answers_clean",
    "questions_of",
]

MAX_ANSWER = 500


class _QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_l("Вопрос"), max_length=200)
    required = blocks.BooleanBlock(label=_l("Обязательный"), required=False)


class ShortTextQuestionBlock(_QuestionBlock):
    """A question answered in a line of text (up to 500 characters)."""

    class Meta:
        icon = "pilcrow"
        label = _l("Короткий ответ")


class ChoiceQuestionBlock(_QuestionBlock):
    """A question answered by choosing one of the options."""

    options = blocks.ListBlock(blocks.CharBlock(max_length=100), label=_l("Варианты"), min_num=2)

    class Meta:
        icon = "list-ul"
        label = _l("Выбор из вариантов")


class YesNoQuestionBlock(_QuestionBlock):
    """A question answered yes or no."""

    class Meta:
        icon = "tick"
        label = _l("Да или нет")


class QuestionsBlock(blocks.StreamBlock):
    """The registration questions of one event."""

    short_text = ShortTextQuestionBlock()
    choice = ChoiceQuestionBlock()
    yes_no = YesNoQuestionBlock()


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    label: str
    required: bool
    options: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "required": self.required,
            "options": list(self.options),
        }


def questions_of(event) -> list[Question]:
    stream = getattr(event, "registration_questions", None) or []
    return [
        Question(
            id=str(child.id),
            kind=child.block_type,
            label=child.value["label"],
            required=bool(child.value["required"]),
            options=tuple(child.value.get("options") or ()),
        )
        for child in stream
    ]


class AnswersInvalid(ValueError):
    """Answers that do not fit the questions; `fields` maps a question id to the reason."""

    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


def answers_clean(*, event, answers: dict) -> dict:
    """The answers kept for `event`'s questions: unknown keys dropped, each checked."""
    if not isinstance(answers, dict):
        raise AnswersInvalid({"answers": _("Ответы должны быть объектом «вопрос: ответ».")})
    clean, errors = {}, {}
    for question in questions_of(event):
        value = answers.get(question.id)
        if value in (None, ""):
            if question.required:
                errors[question.id] = _("Ответьте на этот вопрос.")
            continue
        if question.kind == "yes_no":
            if not isinstance(value, bool):
                errors[question.id] = _("Ответ — да или нет.")
                continue
        elif question.kind == "choice":
            if value not in question.options:
                errors[question.id] = _("Выберите один из предложенных вариантов.")
                continue
        else:
            if not isinstance(value, str):
                errors[question.id] = _("Ответ — строка текста.")
                continue
            value = value.strip()
            if len(value) > MAX_ANSWER:
                errors[question.id] = _("Не длиннее %(n)s символов.") % {"n": MAX_ANSWER}
                continue
        clean[question.id] = value
    if errors:
        raise AnswersInvalid(errors)
    return clean
