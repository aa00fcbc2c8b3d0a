"""Fixed choices about people, shared by the platform and the content zones."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["INTERNAL_ROLES", "ROSTER_ROLES", "Language", "NameDisplay", "RoleChoices"]


class NameDisplay(models.TextChoices):
    """How a pupil may be named in public, as their (or their parents') consent says."""

    FULL_NAME = "full_name", _("Полное имя")
    INITIALS = "initials", _("Только инициалы")
    CLASS_ONLY = "class_only", _("Только класс")


class Language(models.TextChoices):
    """The language a person reads their emails in."""

    RU = "ru", _("русский")
    EN = "en", _("английский")


class RoleChoices(models.TextChoices):
    """Who a person is at the school; one person may hold several roles."""

    STUDENT = "student", _("ученик")
    PARENT = "parent", _("родитель")
    TEACHER = "teacher", _("учитель")
    TUTOR = "tutor", _("тьютор")
    EXPERT = "expert", _("эксперт")
    # Opens expert evaluations, assigns experts and releases results; sees every project.
    COORDINATOR = "coordinator", _("координатор проектов")
    PSYCHOLOGIST = "psychologist", _("психолог")
    PARTNER = "partner", _("партнёр")
    COUNCIL_MEMBER = "council_member", _("член совета")
    STAFF = "staff", _("сотрудник (редактор)")
    ADMINISTRATOR = "administrator", _("администратор")
    # A visitor from outside who signed up on the site: may take part in public activities.
    PUBLIC = "public", _("участник (гость)")


# Everyone but a partner or a visitor who signed up belongs to the school itself.
INTERNAL_ROLES = frozenset(RoleChoices) - {RoleChoices.PARTNER, RoleChoices.PUBLIC}
# A spreadsheet may grant any role but administrator: that one is given by hand in the admin,
# so a forged or mistaken file cannot make anyone an administrator.
ROSTER_ROLES = frozenset(RoleChoices) - {RoleChoices.ADMINISTRATOR}
