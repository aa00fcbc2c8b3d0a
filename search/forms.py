"""Validation of the search API's query parameters; a failure becomes a 400 with a message."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
MAX_PAGE = 100
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 10


class SearchParamsForm(forms.Form):
    q = forms.CharField(
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "required": _("Введите запрос в параметре q."),
            "max_length": _("Запрос длиннее %(limit_value)d символов."),
        },
    )
    locale = forms.ChoiceField(required=False, choices=[])
    type = forms.RegexField(regex=r"^[a-z0-9_-]{1,64}$", required=False)
    tag = forms.CharField(required=False, max_length=100)
    subject = forms.CharField(required=False, max_length=100)
    grade = forms.CharField(required=False, max_length=100)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, *args, known_types=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_types = known_types
        self.fields["locale"].choices = [("", "")] + [
            (code, code) for code, _name in settings.LANGUAGES
        ]

    def clean_q(self):
        value = " ".join(self.cleaned_data["q"].split())
        if "\x00" in value:
            raise forms.ValidationError(_("Запрос содержит недопустимые символы."))
        if not value:
            raise forms.ValidationError(_("Введите запрос в параметре q."))
        return value

    def clean_type(self):
        value = self.cleaned_data["type"]
        if value and self.known_types is not None and value not in self.known_types():
            raise forms.ValidationError(
                _("Неизвестный тип страниц: %(type)s."), params={"type": value}
            )
        return value or None

    def errors_json(self) -> dict:
        return {name: [str(m) for m in messages] for name, messages in self.errors.items()}


class AutocompleteParamsForm(forms.Form):
    q = forms.CharField(max_length=100, strip=True)
    locale = forms.ChoiceField(required=False, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].choices = [("", "")] + [
            (code, code) for code, _name in settings.LANGUAGES
        ]
