"""A person's registrations in their data file, their calendar feed, and their account's end."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from cms.calendars.selectors import calendar_ics
from cms.registrations import services
from cms.registrations.models import Registration, RegistrationStatus
from cms.registrations.privacy import registrations_export
from cms.users.services import account_delete

pytestmark = pytest.mark.django_db


def test_my_file_has_my_registrations_with_my_answers_and_what_i_did_for_my_child(
    make_event, people
):
    event = make_event(
        title="Хакатон «Умный город»",
        registration_questions=[("short_text", {"label": "Школа", "required": False})],
    )
    question = str(event.registration_questions[0].id)
    parent, child = people["parent"], people["pupils"][0]
    mine = services.registration_create(
        event=event, person=parent, answers={question: "Лицей 239"}
    ).registration
    services.registration_create(event=event, person=child, by=parent)
    services.registration_create(event=event, person=people["pupils"][1])

    exported = registrations_export(parent)

    (own,) = exported["registrations"]
    assert own["event"] == "Хакатон «Умный город»"
    assert own["answers"] == {"Школа": "Лицей 239"}
    assert own["check_in_code"] == mine.code
    (for_child,) = exported["registered_for_others"]
    assert "Ученик0" in for_child["for"]
    assert "pupil1" not in str(exported) and "Ученик1" not in str(exported)


def test_my_feed_lists_my_places_and_my_childs_but_nobody_elses(make_event, people):
    event = make_event(title="Мастер-класс", capacity=2)
    parent, child = people["parent"], people["pupils"][0]
    services.registration_create(event=event, person=child, by=parent)
    services.registration_create(event=event, person=people["pupils"][1])
    services.registration_create(event=event, person=parent)  # third: the waiting list

    calendar = Calendar.from_ical(calendar_ics(person=parent))
    titles = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))

    assert len(titles) == 2
    assert any("лист ожидания" in t for t in titles)
    assert any("Ученик0" in t for t in titles)
    assert not any("Ученик1" in t for t in titles)


def test_deleting_my_account_gives_my_place_to_the_first_in_line(make_event, people):
    event = make_event(capacity=1)
    holder, waiting = people["pupils"][0], people["pupils"][1]
    services.registration_create(event=event, person=holder)
    services.registration_create(event=event, person=waiting)

    account_delete(user=holder)

    assert not Registration.objects.filter(person=holder).exists()
    promoted = Registration.objects.get(person=waiting)
    assert promoted.status == RegistrationStatus.CONFIRMED
