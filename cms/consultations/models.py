"""Consultation hours, their slots and bookings, and the live queue during the hours.

A teacher, tutor or the psychologist publishes hours: a period cut into slots of equal length,
held in the host's own meeting room. A student (or a parent) books a slot, which becomes a
meeting in that room; or, while the hours run, joins the live queue and waits to be called
into the hours' live meeting.

The rules that must hold when many people press the button at once are in the database: one
booking per slot, one booking per person and hours, one waiting (or called) place in the queue
per person and hours.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ConsultationBooking",
    "ConsultationHours",
    "ConsultationSlot",
    "QueueEntry",
    "QueueStatus",
]

SLOT_MINUTES_MIN = 5
SLOT_MINUTES_MAX = 120
# The hours' live meeting lasts as long as the hours, and a meeting lasts at most 8 hours.
HOURS_MAX_MINUTES = 480


class ConsultationHours(models.Model):
    """A period in which a host takes questions: bookable slots and a live queue."""

    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ведущий консультаций"),
        on_delete=models.CASCADE,
        related_name="consultation_hours",
    )
    room = models.ForeignKey(
        "meetings.Room",
        verbose_name=_("комната ведущего"),
        on_delete=models.CASCADE,
        related_name="consultation_hours",
    )
    starts_at = models.DateTimeField(_("начало часов"))
    ends_at = models.DateTimeField(_("конец часов"))
    slot_minutes = models.PositiveSmallIntegerField(_("длина слота, минут"), default=15)
    place = models.CharField(_("где"), max_length=200, blank=True)
    notes = models.TextField(_("примечания"), blank=True)
    live_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("встреча живой очереди"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("опубликованы"), auto_now_add=True)

    class Meta:
        verbose_name = _("часы консультаций")
        verbose_name_plural = _("часы консультаций")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["host", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="consultations_hours_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=SLOT_MINUTES_MIN)
                & Q(slot_minutes__lte=SLOT_MINUTES_MAX),
                name="consultations_hours_slot_5_to_120",
            ),
        ]

    def __str__(self):
        return f"{self.host} {self.starts_at:%Y-%m-%d %H:%M}"


class ConsultationSlot(models.Model):
    """One bookable piece of the hours."""

    hours = models.ForeignKey(
        ConsultationHours,
        verbose_name=_("часы консультаций"),
        on_delete=models.CASCADE,
        related_name="slots",
    )
    starts_at = models.DateTimeField(_("начало слота"))

    class Meta:
        verbose_name = _("слот консультации")
        verbose_name_plural = _("слоты консультаций")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hours", "starts_at"], name="consultations_slot_one_per_start"
            ),
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.hours.slot_minutes)


class ConsultationBooking(models.Model):
    """A slot taken by a person. Cancelling deletes the row, so the slot is free again."""

    slot = models.OneToOneField(
        ConsultationSlot,
        verbose_name=_("слот"),
        on_delete=models.CASCADE,
        related_name="booking",
    )
    # The slot's hours, kept here so the database can say "one booking per person and hours".
    hours = models.ForeignKey(
        ConsultationHours,
        verbose_name=_("часы консультаций"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто записался"),
        on_delete=models.CASCADE,
        related_name="consultation_bookings",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("встреча консультации"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("записался"), auto_now_add=True)

    class Meta:
        verbose_name = _("запись на консультацию")
        verbose_name_plural = _("записи на консультации")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hours", "student"], name="consultations_booking_one_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.student} {self.slot}"


class QueueStatus(models.TextChoices):
    WAITING = "waiting", _("ждёт")
    CALLED = "called", _("приглашён войти")
    LEFT = "left", _("вышел из очереди")


ACTIVE_QUEUE = [QueueStatus.WAITING, QueueStatus.CALLED]


class QueueEntry(models.Model):
    """A person's place in the live queue of the hours; the line is the order of arrival."""

    hours = models.ForeignKey(
        ConsultationHours,
        verbose_name=_("часы консультаций"),
        on_delete=models.CASCADE,
        related_name="queue",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто ждёт"),
        on_delete=models.CASCADE,
        related_name="consultation_queue_entries",
    )
    status = models.CharField(
        _("состояние в очереди"),
        max_length=16,
        choices=QueueStatus.choices,
        default=QueueStatus.WAITING,
    )
    joined_at = models.DateTimeField(_("встал в очередь"), auto_now_add=True)
    called_at = models.DateTimeField(_("вызван"), null=True, blank=True)

    class Meta:
        verbose_name = _("место в очереди")
        verbose_name_plural = _("места в очереди")
        ordering = ["joined_at", "pk"]
        indexes = [models.Index(fields=["hours", "status", "joined_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["hours", "person"],
                condition=Q(status__in=ACTIVE_QUEUE),
                name="consultations_queue_one_active_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.status})"
