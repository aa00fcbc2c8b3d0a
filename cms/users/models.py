"""People of the coworking space: accounts, their roles, classes, guardians and invitations."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cms.core.models import BasePage

from .choices import INTERNAL_ROLES, Language, NameDisplay, RoleChoices

__all__ = [
    "CabinetPage",
    "Guardianship",
    "Invitation",
    "SchoolClass",
    "User",
    "UserRole",
    "compose_full_name",
]

# Latin letters that look like Cyrillic ones: "7A" typed on an English keyboard is class "7А".
_LOOKALIKES = str.maketrans("ABEKMHOPCTXY", "АВЕКМНОРСТХУ")


def normalise_class_name(name: str) -> str:
    """`7 а`, `7a` and `7А` all name class «7А»: no spaces or quotes, capital Cyrillic letters."""
    name = re.sub(r"[\s\"«»'-]", "", name or "").upper()
    return name.translate(_LOOKALIKES)


class SchoolClass(models.Model):
    """A class of pupils, such as «7А»."""

    name = models.CharField(_("класс"), max_length=16, unique=True)

    class Meta:
        verbose_name = _("класс")
        verbose_name_plural = _("учебные классы")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalise_class_name(self.name)
        super().save(*args, **kwargs)


class User(AbstractUser):
    """A person with an account; `username` stays because the Wagtail admin signs in with it."""

    patronymic = models.CharField(_("отчество"), max_length=150, blank=True)
    language = models.CharField(
        _("язык писем"), max_length=2, choices=Language.choices, default=Language.RU
    )
    school_class = models.ForeignKey(
        SchoolClass,
        verbose_name=_("класс"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="students",
    )
    name_display = models.CharField(
        _("имя на сайте"),
        max_length=20,
        choices=NameDisplay.choices,
        default=NameDisplay.CLASS_ONLY,
        help_text=_("Для учеников: как называть их публично, по согласию родителей."),
    )
    parental_consent = models.BooleanField(
        _("согласие родителей получено"),
        default=False,
        help_text=_(
            "Пока согласия нет, ученик может читать, но написанное им видят только "
            "сотрудники и его родители."
        ),
    )
    parental_consent_recorded_at = models.DateTimeField(
        _("когда отмечено согласие"), null=True, blank=True, editable=False
    )
    organisation = models.CharField(
        _("организация"),
        max_length=255,
        blank=True,
        help_text=_("Для внешних резидентов: школа или организация-партнёр."),
    )
    email_verified_at = models.DateTimeField(
        _("адрес почты подтверждён"), null=True, blank=True, editable=False
    )

    class Meta(AbstractUser.Meta):
        constraints = [
            # Case-insensitively unique when set; pupils without an address share the empty one.
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="users_user_email_unique_ci",
                violation_error_message=_("Человек с таким адресом почты уже есть."),
            ),
        ]
        permissions = [("import_roster", _("Может загружать список людей"))]

    @property
    def roles(self) -> set[str]:
        """The person's roles, read once per instance (a request asks several times) and kept
        in the `prefetch_related("role_links")` cache, which `user_roles_set` clears."""
        if self.pk is None:
            return set()
        if "role_links" not in getattr(self, "_prefetched_objects_cache", {}):
            models.prefetch_related_objects([self], "role_links")
        return {link.role for link in self.role_links.all()}

    def has_role(self, *roles: str) -> bool:
        """Whether the person holds any of `roles`."""
        return bool(self.roles.intersection(roles))

    @property
    def is_student(self) -> bool:
        return self.has_role(RoleChoices.STUDENT)

    @property
    def is_external(self) -> bool:
        """An external resident: a partner with no role inside the school."""
        roles = self.roles
        return RoleChoices.PARTNER in roles and not roles & INTERNAL_ROLES

    @property
    def full_name(self) -> str:
        """Name, patronymic and surname, as a Russian school addresses an adult."""
        return compose_full_name(
            first_name=self.first_name,
            patronymic=self.patronymic,
            last_name=self.last_name,
            username=self.get_username(),
        )


def compose_full_name(*, first_name: str, patronymic: str, last_name: str, username: str) -> str:
    """`User.full_name` from the fields alone, for readers that hold plain rows, not instances."""
    parts = (first_name, patronymic, last_name)
    return " ".join(p for p in parts if p) or username


class UserRole(models.Model):
    """One role of one person; a person has as many rows as roles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_links"
    )
    role = models.CharField(_("роль"), max_length=20, choices=RoleChoices.choices)

    class Meta:
        verbose_name = _("роль")
        verbose_name_plural = _("роли")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="users_userrole_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class Guardianship(models.Model):
    """A parent (or another legal guardian) of a pupil."""

    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="child_links"
    )
    child = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parent_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("родитель и ребёнок")
        verbose_name_plural = _("родители и дети")
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="users_guardianship_unique"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("child")), name="users_guardianship_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.parent} → {self.child}"


class Invitation(models.Model):
    """A one-time link to set a password; only a hash of its token is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("приглашение")
        verbose_name_plural = _("приглашения")

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class CabinetPage(BasePage):
    """A person's cabinet on the static site: one shell for everyone, whose widgets fetch the
    signed-in person's own data from the API. Nothing personal is ever in the published file.

    A platform page (like the search page): one under each home page, created by the content
    loader from the school's `cabinet.md` files.
    """

    # The shell has nothing to find; its widgets' data is personal.
    search_exclude = True

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["projects.ProjectsPage", "meetings.MeetingsPage"]
    max_count_per_parent = 1
    template = "users/cabinet_page.html"

    class Meta:
        verbose_name = _("личный кабинет")
        verbose_name_plural = _("личные кабинеты")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The profile form's choices, the same for everyone; the widget selects the person's.
        context["languages"] = Language.choices
        context["name_displays"] = NameDisplay.choices
        return context
