"""Registrations in "download my data", "delete my account" and the personal calendar feed.

A person's file lists their own registrations (with their answers and check-in code), the ones
they made for their children, and their teams. Deleting the account first cancels what is still
active, through the services, so a freed place goes to the waiting list as any cancellation
does; then the rows go.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.calendars.sources import CalendarEntry, register_calendar_source
from cms.users.personal_data import register_eraser, register_exporter
from cms.users.selectors import display_name_for

from . import services
from .models import ACTIVE, Registration, RegistrationStatus, Team
from .questions import questions_of

# What the feed lists: places held and places hoped for.
IN_FEED = (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING, RegistrationStatus.WAITING)


def _labelled(event, answers: dict) -> dict:
    labels = {question.id: question.label for question in questions_of(event)}
    return {labels.get(key, key): value for key, value in (answers or {}).items()}


def registrations_export(person) -> dict:
    own = []
    for registration in Registration.objects.filter(person=person).select_related("event"):
        event = registration.event.specific
        own.append(
            {
                "event": event.title,
                "event_start": getattr(event, "start", None),
                "status": registration.status,
                "registered_at": registration.created_at,
                "status_changed_at": registration.status_changed_at,
                "attended_at": registration.attended_at,
                "check_in_code": registration.code,
                "answers": _labelled(event, registration.answers),
                "shown_in_participant_list": registration.public_listing,
                "teams": [m.team.name for m in registration.team_memberships.all()],
            }
        )
    for_others = [
        {
            "event": registration.event.title,
            "for": display_name_for(person=registration.person, viewer=person),
            "status": registration.status,
            "registered_at": registration.created_at,
        }
        for registration in Registration.objects.filter(registered_by=person)
        .exclude(person=person)
        .select_related("event", "person")
    ]
    return {
        "registrations": own,
        "registered_for_others": for_others,
        "teams_created": list(
            Team.objects.filter(created_by=person).values_list("name", flat=True)
        ),
    }


def registrations_erase(person) -> None:
    now = timezone.now()
    active = Registration.objects.filter(person=person, status__in=ACTIVE).select_related("event")
    for registration in active:
        event = registration.event.specific
        if now < event.start:
            services.registration_cancel(registration=registration, event=event)
    Registration.objects.filter(person=person).delete()
    Registration.objects.filter(registered_by=person).update(registered_by=None)
    Team.objects.filter(created_by=person).update(created_by=None)


MODELS = ["registrations.Registration", "registrations.Team"]
register_exporter("registrations", registrations_export, models=MODELS)
register_eraser("registrations", registrations_erase, models=MODELS)


def registrations_calendar(person):
    """Everything the person, or a child of theirs, is registered for or waiting for."""
    from cms.users.selectors import children_of

    people = [person, *children_of(parent=person)]
    registrations = Registration.objects.filter(
        person__in=people, status__in=IN_FEED
    ).select_related("event", "person")
    for registration in registrations:
        event = registration.event.specific
        if not getattr(event, "live", False) or not hasattr(event, "start"):
            continue
        title = event.title
        if registration.person_id != person.pk:
            title = f"{title} ({display_name_for(person=registration.person, viewer=person)})"
        if registration.status == RegistrationStatus.WAITING:
            title = f"{title} ({_('лист ожидания')})"
        location = event.place or ""
        if event.online_url:
            location = f"{location} ({event.online_url})" if location else event.online_url
        yield CalendarEntry(
            uid=f"registration-{registration.pk}",
            title=title,
            start=event.start,
            end=event.end or event.start + timedelta(hours=1),
            location=location,
            url=settings.PUBLIC_BASE_URL + (event.get_url() or ""),
            description=_("Код для входа: %(code)s") % {"code": registration.code}
            if registration.status == RegistrationStatus.CONFIRMED
            else "",
        )


register_calendar_source(registrations_calendar)
