"""The no-JavaScript registration forms: the event's questions as fields, the public-list
choice and, for a guest, a name and an address."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .questions import MAX_ANSWER, Question

YES, NO = "yes", "no"


def _question_field(question: Question) -> forms.Field:
    if question.kind == "choice":
        return forms.ChoiceField(
            label=question.label,
            required=question.required,
            choices=[(option, option) for option in question.options],
            widget=forms.RadioSelect,
        )
    if question.kind == "yes_no":
        return forms.TypedChoiceField(
            label=question.label,
            required=question.required,
            choices=[(YES, _("Да")), (NO, _("Нет"))],
            coerce=lambda value: value == YES,
            empty_value=None,
            widget=forms.RadioSelect,
        )
    return forms.CharField(label=question.label, required=question.required, max_length=MAX_ANSWER)


class RegistrationForm(forms.Form):
    """Registering oneself or a child: the answers and the public-list choice."""

    public_listing = forms.BooleanField(
        label=_("Показывать моё имя в открытом списке участников"), required=False
    )

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q_{question.id}"] = _question_field(question)
        self.order_fields([f"q_{q.id}" for q in questions] + ["public_listing"])

    def answers(self) -> dict:
        return {
            question.id: self.cleaned_data.get(f"q_{question.id}")
            for question in self.questions
            if self.cleaned_data.get(f"q_{question.id}") not in (None, "")
        }

    def add_answer_errors(self, fields: dict[str, str]) -> None:
        for key, message in fields.items():
            name = f"q_{key}"
            self.add_error(name if name in self.fields else None, message)


class GuestRegistrationForm(RegistrationForm):
    """A visitor without an account: a confirmed address stands in for the account."""

    name = forms.CharField(label=_("Имя"), max_length=150)
    email = forms.EmailField(label=_("Электронная почта"), max_length=254)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["name", "email"] + [f"q_{q.id}" for q in self.questions]
                          + ["public_listing"])  # fmt: skip
