"""Forms about people: the admin's account forms, the roster upload, the invitation's password."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from .choices import RoleChoices
from .services import parental_consent_record, user_roles_set

__all__ = ["InvitationPasswordForm", "PersonCreationForm", "PersonEditForm", "RosterUploadForm"]

DEFAULTED_FIELDS = ("language", "name_display")
PERSON_FIELDS = {"patronymic", "school_class", "language", "name_display", "organisation"}


class PersonFormMixin(forms.Form):
    """The fields of `cms.users.User` beyond Django's, with roles and consent saved by services."""

    # Pupils may have no address; when there is one it is unique (the model's constraint).
    email = forms.EmailField(required=False, label=_("Адрес почты"))
    roles = forms.MultipleChoiceField(
        label=_("Роли"),
        choices=RoleChoices.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    parental_consent = forms.BooleanField(
        label=_("Согласие родителей получено"),
        required=False,
        help_text=_(
            "Пока согласия нет, ученик может читать, но написанное им видят только "
            "сотрудники и его родители."
        ),
    )

    def __init__(self, *args, **kwargs):
        editing_self = kwargs.get("editing_self", False)
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("roles", sorted(self.instance.roles))
            self.initial.setdefault("parental_consent", self.instance.parental_consent)
        if editing_self:
            # Nobody grants themselves a role, as nobody makes themselves an administrator.
            del self.fields["roles"]
        # Forms that do not show these (older clients, scripts) keep the current value.
        for name in DEFAULTED_FIELDS:
            self.fields[name].required = False

    def _clean_fields(self):
        super()._clean_fields()
        for name in DEFAULTED_FIELDS:
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.cleaned_data[name] = getattr(self.instance, name)

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            self.save_person(user)
        else:
            save_m2m = self.save_m2m

            def save_all():
                save_m2m()
                self.save_person(user)

            self.save_m2m = save_all
        return user

    def save_person(self, user) -> None:
        if "roles" in self.fields:
            user_roles_set(user=user, roles=self.cleaned_data["roles"])
        parental_consent_record(child=user, given=self.cleaned_data["parental_consent"])


class PersonCreationForm(PersonFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | PERSON_FIELDS


class PersonEditForm(PersonFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | PERSON_FIELDS


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Файл CSV"),
        help_text=_(
            "Столбцы: фамилия, имя, отчество, класс, роль, email, родитель для. "
            "Кодировка UTF-8 или Windows-1251, разделитель «,» или «;»."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Файл больше 10 МБ."))
        return upload


class InvitationPasswordForm(SetPasswordForm):
    """Choose a password, twice; the site's password rules apply."""
