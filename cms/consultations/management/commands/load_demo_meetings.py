"""The demo tutor's consultation hours in the coming week and a scheduled meeting of the
coworking council in its room, so the meetings page has something to show: `make run` calls
this after `load_demo_projects`.

Idempotent: hours the tutor already has in the coming week, or a council meeting already
scheduled ahead, are left as they are, so a second run changes nothing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cms.consultations.models import ConsultationHours
from cms.consultations.services import hours_publish
from cms.meetings.models import Meeting, MeetingStatus, Room, RoomKind
from cms.meetings.services import meeting_create
from cms.users.models import User

# The demo roster's people (site_content/content/roster.demo.csv), by their address.
TUTOR = "tutor@example.org"
COUNCIL_HOST = "coordinator@example.org"
COUNCIL_SLUG = "coworking-council"
COUNCIL_MEETING = "Заседание совета коворкинга"


def _next_weekday(today, weekday: int):
    """The first `weekday` (0 = Monday) after today."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


class Command(BaseCommand):
    help = (
        "Create the demo tutor's consultation hours in the coming week and a scheduled meeting "
        "of the coworking council. Needs the demo people and the site content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-any",
            action="store_true",
            help="Do nothing (instead of failing) when the demo people are not there; "
            "`make run` uses this, so it works for every school.",
        )

    def handle(self, *args, **options):
        tutor = User.objects.filter(email__iexact=TUTOR).first()
        if tutor is None:
            if options["if_any"]:
                self.stdout.write("No demo people for the demo meetings; nothing to do.")
                return
            raise CommandError(
                f"The demo meetings need the demo people (run `manage.py load_demo_people`); "
                f"missing: {TUTOR}."
            )
        host = User.objects.filter(email__iexact=COUNCIL_HOST).first() or tutor
        with transaction.atomic():
            self.stdout.write(self._hours(tutor))
            self.stdout.write(self._council_meeting(host))

    def _hours(self, tutor) -> str:
        now = timezone.now()
        if ConsultationHours.objects.filter(
            host=tutor, starts_at__gt=now, starts_at__lt=now + timedelta(days=8)
        ).exists():
            return "The demo tutor's consultation hours are already there."
        zone = timezone.get_current_timezone()
        day = _next_weekday(timezone.localdate(), 2)  # Wednesday
        starts = timezone.make_aware(datetime.combine(day, time(15, 0)), zone)
        hours_publish(
            host=tutor,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            slot_minutes=15,
            place="Кабинет 214 или онлайн",
            notes="Вопросы по проектам: этапы, источники, защита.",
        )
        return f"Demo consultation hours of {tutor.email} on {day:%Y-%m-%d} 15:00."

    def _council_meeting(self, host) -> str:
        from site_content.governance.models import CouncilPage

        council = (
            CouncilPage.objects.filter(slug=COUNCIL_SLUG, locale__language_code="ru").first()
            or CouncilPage.objects.filter(slug=COUNCIL_SLUG).first()
        )
        if council is None:
            return "No coworking council page (load the site content first); no council meeting."
        room, _ = Room.objects.get_or_create(
            kind=RoomKind.COUNCIL,
            council=council.page_ptr,
            defaults={"title": f"Комната: {council.title}"},
        )
        if Meeting.objects.filter(
            room=room, starts_at__gt=timezone.now(), status=MeetingStatus.SCHEDULED
        ).exists():
            return "The council's demo meeting is already scheduled."
        zone = timezone.get_current_timezone()
        day = _next_weekday(timezone.localdate(), 3)  # Thursday
        meeting_create(
            room=room,
            host=host,
            title=COUNCIL_MEETING,
            starts_at=timezone.make_aware(datetime.combine(day, time(16, 0)), zone),
            duration_minutes=60,
            description="Повестка: план мероприятий коворкинга на следующую четверть.",
        )
        return f"Demo council meeting on {day:%Y-%m-%d} 16:00 in «{room.title}»."
