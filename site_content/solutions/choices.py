"""Fixed choices of the bank of solutions, shared by its models and admin form."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.users.choices import NameDisplay

__all__ = ["AuthorDisplay", "WorkFormat"]

# The platform's name-display consent, so an author and an account follow the same choices.
AuthorDisplay = NameDisplay


class WorkFormat(models.TextChoices):
    INDIVIDUAL = "individual", _("Индивидуальный проект")
    COLLECTIVE = "collective", _("Коллективный проект")
