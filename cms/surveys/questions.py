"""A survey's questions as editors build them, and the checking of answers.

Questions are StreamField blocks; an answer is keyed by the block's id (as registrations'
questions are), so rewording a question keeps its answers. A section heading asks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

__all__ = [
    "CHOICE_KINDS",
    "TEXT_LIMITS",
    "AnswersInvalid",
    "Question",
    "SurveyQuestionsBlock",
    "answers_clean",
    "questions_of",
]

TEXT_LIMITS = {"short_text": 300, "long_text": 3000}
CHOICE_KINDS = ("single_choice", "multiple_choice")
MAX_OPTIONS = 20


class SectionBlock(blocks.StructBlock):
    """A heading (and a line of explanation) that starts a part of the survey."""

    title = blocks.CharBlock(label=_("Заголовок раздела"), max_length=200)
    text = blocks.TextBlock(label=_("Пояснение"), required=False, max_length=1000)

    class Meta:
        icon = "title"
        label = _("Раздел")


class _QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Вопрос"), max_length=300)
    help_text = blocks.CharBlock(label=_("Подсказка"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("Обязательный"), required=False)


class SingleChoiceBlock(_QuestionBlock):
    """A question answered by choosing one option."""

    options = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Варианты"), min_num=2, max_num=MAX_OPTIONS
    )

    class Meta:
        icon = "radio-full"
        label = _("Один вариант")


class MultipleChoiceBlock(_QuestionBlock):
    """A question answered by choosing any number of options."""

    options = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Варианты"), min_num=2, max_num=MAX_OPTIONS
    )

    class Meta:
        icon = "tasks"
        label = _("Несколько вариантов")


class ScaleBlock(_QuestionBlock):
    """A question answered by a number on a scale from 1 to N."""

    size = blocks.IntegerBlock(label=_("Шкала от 1 до"), min_value=2, max_value=10, default=5)
    low_label = blocks.CharBlock(label=_("Подпись к 1"), required=False, max_length=100)
    high_label = blocks.CharBlock(label=_("Подпись к наибольшему"), required=False, max_length=100)

    class Meta:
        icon = "order"
        label = _("Шкала")


class ShortTextBlock(_QuestionBlock):
    """A question answered in a line of text (up to 300 characters)."""

    class Meta:
        icon = "pilcrow"
        label = _("Короткий ответ")


class LongTextBlock(_QuestionBlock):
    """A question answered in a few paragraphs (up to 3000 characters)."""

    class Meta:
        icon = "doc-full"
        label = _("Развёрнутый ответ")


class SurveyQuestionsBlock(blocks.StreamBlock):
    """The questions of one survey, in order, with optional section headings."""

    section = SectionBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    scale = ScaleBlock()
    short_text = ShortTextBlock()
    long_text = LongTextBlock()


@dataclass(frozen=True)
class Question:
    """One item of a survey: a question, or a section heading (`kind == "section"`)."""

    id: str
    kind: str
    label: str
    required: bool = False
    help_text: str = ""
    options: tuple[str, ...] = ()
    size: int = 0
    low_label: str = ""
    high_label: str = ""

    @property
    def asks(self) -> bool:
        return self.kind != "section"

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_LIMITS

    def choices(self) -> tuple[str, ...]:
        """What can be counted: the options, or the points of the scale as text."""
        if self.kind == "scale":
            return tuple(str(n) for n in range(1, self.size + 1))
        return self.options

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "help_text": self.help_text,
            "required": self.required,
            "options": list(self.options),
            "size": self.size,
            "low_label": self.low_label,
            "high_label": self.high_label,
            "max_length": TEXT_LIMITS.get(self.kind, 0),
        }


def questions_of(survey) -> list[Question]:
    """Every item of the survey, sections included, in the editor's order."""
    items = []
    for child in survey.questions or []:
        value = child.value
        if child.block_type == "section":
            items.append(
                Question(
                    id=str(child.id),
                    kind="section",
                    label=value["title"],
                    help_text=value.get("text") or "",
                )  # fmt: skip
            )
            continue
        items.append(
            Question(
                id=str(child.id),
                kind=child.block_type,
                label=value["label"],
                required=bool(value.get("required")),
                help_text=value.get("help_text") or "",
                options=tuple(value.get("options") or ()),
                size=int(value.get("size") or 0),
                low_label=value.get("low_label") or "",
                high_label=value.get("high_label") or "",
            )
        )
    return items


class AnswersInvalid(ValueError):
    """Answers that do not fit the questions; `fields` maps a question id to the reason."""

    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def _check(question: Question, value):
    """The answer as kept, or raise ValueError with the reason in plain words."""
    if question.kind == "single_choice":
        if not isinstance(value, str) or value not in question.options:
            raise ValueError(gettext("Выберите один из предложенных вариантов."))
        return value
    if question.kind == "multiple_choice":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(gettext("Выберите варианты из списка."))
        unknown = [v for v in value if v not in question.options]
        if unknown:
            names = ", ".join(unknown)
            raise ValueError(gettext("Таких вариантов нет: %(options)s.") % {"options": names})
        # Kept in the editor's order, each once.
        return [option for option in question.options if option in value]
    if question.kind == "scale":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(gettext("Ответ — число на шкале."))
        if not 1 <= value <= question.size:
            raise ValueError(gettext("Выберите число от 1 до %(n)s.") % {"n": question.size})
        return value
    if not isinstance(value, str):
        raise ValueError(gettext("Ответ — строка текста."))
    value = value.strip()
    limit = TEXT_LIMITS[question.kind]
    if len(value) > limit:
        raise ValueError(gettext("Не длиннее %(n)s символов.") % {"n": limit})
    return value


def answers_clean(*, survey, answers) -> dict:
    """The answers kept for `survey`'s questions: unknown keys dropped, each checked; every
    problem is reported at once, keyed by the question's id."""
    if not isinstance(answers, dict):
        raise AnswersInvalid({"answers": gettext("Ответы должны быть объектом «вопрос: ответ».")})
    clean, errors = {}, {}
    for question in questions_of(survey):
        if not question.asks:
            continue
        value = answers.get(question.id)
        if isinstance(value, str) and question.kind != "single_choice":
            value = value.strip()
        if _empty(value):
            if question.required:
                errors[question.id] = gettext("Ответьте на этот вопрос.")
            continue
        try:
            value = _check(question, value)
        except ValueError as error:
            errors[question.id] = str(error)
            continue
        if _empty(value):
            if question.required:
                errors[question.id] = gettext("Ответьте на этот вопрос.")
            continue
        clean[question.id] = value
    if errors:
        raise AnswersInvalid(errors)
    return clean
