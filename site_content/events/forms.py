"""The generator's form: the few things a teacher says about a new event."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from site_content.partners.models import Partner
from site_content.taxonomy.models import Grade

from .generator import Challenge, EventRequest, event_template_for
from .models import CHALLENGE_KINDS, EventKind

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class EventGeneratorForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид события"), choices=EventKind.choices)
    title = forms.CharField(label=_("Название"), max_length=200)
    start = forms.DateTimeField(
        label=_("Начало"),
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_("Московское время, например 2026-03-14 10:00."),
    )
    end = forms.DateTimeField(
        label=_("Окончание"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_("Пусто — по длительности из шаблона."),
    )
    place = forms.CharField(
        label=_("Место"),
        max_length=255,
        required=False,
        help_text=_("Например «Лицей, актовый зал». Пусто — место из шаблона."),
    )
    audience = forms.ModelMultipleChoiceField(
        label=_("Для кого"),
        queryset=Grade.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.IntegerField(
        label=_("Число мест"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("Пусто — как в шаблоне."),
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        grades = Grade.objects.order_by("sort_order", "name")
        if locale is not None and grades.filter(locale=locale).exists():
            grades = grades.filter(locale=locale)
        self.fields["audience"].queryset = grades

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start <= timezone.now():
            raise forms.ValidationError(_("Начало должно быть в будущем."))
        return start

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("Окончание должно быть позже начала."))
        kind = data.get("kind")
        if kind and not (data.get("place") or "").strip():
            template = event_template_for(kind=kind, locale=self.locale)
            if template is None or not template.place:
                self.add_error("place", _("Укажите, где пройдёт событие."))
        return data


class ChallengeForm(forms.Form):
    title = forms.CharField(label=_("Название задачи"), max_length=200, required=False)
    statement = forms.CharField(
        label=_("Постановка задачи"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    partner = forms.ModelChoiceField(
        label=_("Предложил партнёр"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=_("— без партнёра —"),
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Partner.objects.order_by("sort_order", "name")
        if locale is not None and partners.filter(locale=locale).exists():
            partners = partners.filter(locale=locale)
        self.fields["partner"].queryset = partners

    def clean(self):
        data = super().clean()
        title, statement = (data.get("title") or "").strip(), (data.get("statement") or "").strip()
        if (title or statement or data.get("partner")) and not (title and statement):
            self.add_error(
                "statement" if title else "title",
                _("У задачи должны быть и название, и постановка."),
            )
        return data

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("title") or "").strip()


ChallengeFormSet = forms.formset_factory(ChallengeForm, extra=3, max_num=12, absolute_max=12)


def event_request_from(form: EventGeneratorForm, challenges) -> EventRequest | None:
    """The request of a valid form and challenge formset, or None (errors are on the forms)."""
    if not (form.is_valid() and challenges.is_valid()):
        return None
    data = form.cleaned_data
    listed = [
        Challenge(
            title=item.cleaned_data["title"],
            statement=item.cleaned_data["statement"],
            partner_id=getattr(item.cleaned_data.get("partner"), "pk", None),
        )
        for item in challenges
        if not item.is_blank
    ]
    if data["kind"] in CHALLENGE_KINDS and not listed:
        form.add_error(None, _("Для хакатона и проблемной сессии опишите хотя бы одну задачу."))
        return None
    return EventRequest(
        kind=data["kind"],
        title=data["title"],
        start=data["start"],
        end=data.get("end"),
        place=data.get("place") or "",
        audience=tuple(data.get("audience") or ()),
        capacity=data.get("capacity"),
        challenges=tuple(listed),
    )
