"""Side effects of registrations and of event pages being published."""

from __future__ import annotations

from django.db import transaction
from wagtail.signals import page_published

from . import services
from .models import EventPlaces, Registration, RegistrationStatus
from .reminders import reminders_schedule

PLACE_GIVEN = ("confirmed", "promoted", "approved")


@services.on_registration_change
def schedule_reminders(registration: Registration, what: str) -> None:
    if what in PLACE_GIVEN and registration.status == RegistrationStatus.CONFIRMED:
        reminders_schedule(registration=registration)


def _is_registrable(page) -> bool:
    return all(hasattr(page, name) for name in ("capacity", "registration_opens", "reminder_hours"))


def event_published(sender, instance, **kwargs) -> None:
    """An editor published an event: more places may have opened for the waiting list, and
    the start or the reminder hours may have changed."""
    if not _is_registrable(instance):
        return
    services.waitlist_promote(event=instance)
    places, _ = EventPlaces.objects.get_or_create(event_id=instance.pk)
    if (places.reminders_start, places.reminders_hours) == (
        instance.start,
        instance.reminder_hours,
    ):
        return
    EventPlaces.objects.filter(pk=places.pk).update(
        reminders_start=instance.start, reminders_hours=instance.reminder_hours
    )

    def reschedule():
        for registration in Registration.objects.filter(
            event_id=instance.pk, status=RegistrationStatus.CONFIRMED
        ):
            reminders_schedule(registration=registration, event=instance)

    transaction.on_commit(reschedule)


page_published.connect(event_published, dispatch_uid="registrations-event-published")
