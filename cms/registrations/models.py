"""Registrations for events: who holds a place, who waits, who came.

The rules hold in the database, not in Python: one active registration per person (or guest
email) and event is a unique constraint, and every change to an event's places happens while
its `EventPlaces` row is locked, so two people can never take the last place together.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

__all__ = [
    "EventPlaces",
    "EventTally",
    "Registration",
    "RegistrationEmail",
    "RegistrationReminder",
    "RegistrationStatus",
    "Team",
    "TeamMembership",
]

# No 0/O or 1/I/L: a code is read aloud or typed on a phone at the door.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_check_in_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class RegistrationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("ждёт подтверждения почты")
    PENDING = "pending", _("ждёт одобрения")
    CONFIRMED = "confirmed", _("зарегистрирован")
    WAITING = "waiting", _("в листе ожидания")
    CANCELLED = "cancelled", _("отменена")
    DECLINED = "declined", _("отклонена")


# Statuses that hold one of the event's places.
HOLDS_PLACE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)
# Statuses of a registration that still counts: one of these per person and event.
ACTIVE = (*HOLDS_PLACE, RegistrationStatus.WAITING, RegistrationStatus.UNCONFIRMED)


class EventPlaces(models.Model):
    """The lock and the count of one event's places.

    Every write that can change who holds a place locks this row first (`SELECT … FOR UPDATE`
    on PostgreSQL; SQLite runs each transaction alone), so `taken` is always the number of
    registrations holding a place, and nobody is confirmed beyond the event's capacity.
    """

    event = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    taken = models.PositiveIntegerField(default=0)
    # The start and reminder hours the reminder tasks were set for, so that publishing the
    # event again sets new ones only when one of them changed.
    reminders_start = models.DateTimeField(null=True, blank=True)
    reminders_hours = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name = _("места события")
        verbose_name_plural = _("места событий")

    def __str__(self):
        return f"{self.event_id}: {self.taken}"


class Registration(models.Model):
    """One person's (or one guest's) registration for one event."""

    event = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("событие"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("участник"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто зарегистрировал"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Родитель, зарегистрировавший ребёнка, или организатор."),
    )
    guest_name = models.CharField(_("имя гостя"), max_length=150, blank=True)
    guest_email = models.EmailField(_("почта гостя"), blank=True)
    language = models.CharField(_("язык писем"), max_length=2, default="ru")
    status = models.CharField(
        _("статус"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    answers = models.JSONField(_("ответы"), default=dict, blank=True)
    public_listing = models.BooleanField(
        _("показывать в списке участников"),
        default=False,
        help_text=_("Участник сам согласился, чтобы его имя было видно в списке участников."),
    )
    code = models.CharField(
        _("код для входа"), max_length=CODE_LENGTH, unique=True, default=new_check_in_code
    )
    confirmation_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("статус изменён"), auto_now_add=True)
    attended_at = models.DateTimeField(_("пришёл"), null=True, blank=True)

    class Meta:
        verbose_name = _("регистрация")
        verbose_name_plural = _("регистрации")
        # The waiting list is in order of arrival; ids break ties between equal timestamps.
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False, status__in=ACTIVE),
                name="one_active_registration_per_person",
            ),
            models.UniqueConstraint(
                "event",
                Lower("guest_email"),
                condition=Q(person__isnull=True, status__in=ACTIVE),
                name="one_active_registration_per_guest_email",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_email=""),
                name="registration_has_a_person_or_an_email",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue_idx")
        ]

    def __str__(self):
        return f"{self.event_id}: {self.person_id or self.guest_email} ({self.status})"

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDS_PLACE

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


class RegistrationReminder(models.Model):
    """A reminder that has gone out, so a retried task never sends it twice."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    hours_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "hours_before"], name="one_reminder_per_offset"
            )
        ]

    def __str__(self):
        return f"{self.registration_id}: {self.hours_before} h"


class EventTally(models.Model):
    """What is left of a past event's registrations once their personal data is shredded
    (`retention.py`): how many registered, in each status, and how many came."""

    event = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    counts = models.JSONField(_("регистрации по статусам"), default=dict)
    attended = models.PositiveIntegerField(_("пришли"), default=0)
    shredded_at = models.DateTimeField(_("данные удалены"), auto_now_add=True)

    class Meta:
        verbose_name = _("итоги события")
        verbose_name_plural = _("итоги событий")

    def __str__(self):
        return f"{self.event_id}: {sum(self.counts.values())} ({self.attended})"


class Team(models.Model):
    """A team of a team event (a hackathon, a problem session), formed by its registrants."""

    event = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("событие"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("название команды"), max_length=80)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто создал"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)

    class Meta:
        verbose_name = _("команда")
        verbose_name_plural = _("команды")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint("event", Lower("name"), name="one_team_name_per_event")
        ]

    def __str__(self):
        return self.name


class TeamMembership(models.Model):
    """A registrant in a team; a registration is in at most one team of its event."""

    team = models.ForeignKey(
        Team, verbose_name=_("команда"), on_delete=models.CASCADE, related_name="memberships"
    )
    # The event again, so the database itself can say "one team per registration and event".
    event = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("событие"), on_delete=models.CASCADE, related_name="+"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("регистрация"),
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    joined_at = models.DateTimeField(_("вступил"), auto_now_add=True)

    class Meta:
        verbose_name = _("участник команды")
        verbose_name_plural = _("участники команд")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "registration"], name="one_team_per_registration_and_event"
            )
        ]

    def __str__(self):
        return f"{self.team_id}: {self.registration_id}"


class RegistrationEmail(models.Model):
    """An email about a registration that has gone out (to a guest), so a retried task never
    sends it twice. `what` names the change ("confirmed", "promoted"…) or the link sent."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="emails")
    what = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "what"], name="one_email_per_change")
        ]

    def __str__(self):
        return f"{self.registration_id}: {self.what}"
