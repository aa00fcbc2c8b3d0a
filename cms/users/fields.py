"""Model fields of the people app that other apps use."""

from django import forms
from django.db import models

from .choices import RoleChoices


class RoleListField(models.JSONField):
    """A list of role codes, edited as checkboxes (a JSON list in the database, on SQLite
    and PostgreSQL alike)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=RoleChoices.choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
