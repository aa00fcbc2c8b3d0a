"""Fixed choices of the bank of solutions, shared by its models and admin form."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AuthorDisplay", "WorkFormat"]


class WorkFormat(models.TextChoices):
    INDIVIDUAL = "individual", _("Индивидуальный проект")
    COLLECTIVE = "collective", _("Коллективный проект")


class AuthorDisplay(models.TextChoices):
    """How an author may be named in public, as their (or their parents') consent says."""

    FULL_NAME = "full_name", _("Полное имя")
    INITIALS = "initials", _("Только инициалы")
    CLASS_ONLY = "class_only", _("Только класс")
