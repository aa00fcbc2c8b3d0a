"""Reads for organisers: whose registrations a person may see, and how a registration reads in
their list, export, printable list and check-in page.

Names and answers are shown to organisers only (`rules.is_organiser_of`); nothing here is
ever part of a published page.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import pgettext
from wagtail.models import Page

from cms.users.permissions import is_staff_member

from .models import Registration
from .questions import Question, questions_of
from .rules import is_organiser

__all__ = [
    "answers_by_label",
    "check_in_url",
    "yes_no",
    "events_organised_by",
    "registration_class_name",
    "registration_email",
    "registration_name",
    "registrations_visible_to",
]


def registrations_visible_to(*, user) -> QuerySet[Registration]:
    """Staff see every event's registrations; a teacher or tutor those of events they own;
    anyone else none."""
    registrations = Registration.objects.select_related("person__school_class", "event")
    if is_staff_member(user):
        return registrations
    if is_organiser(user):
        return registrations.filter(event__owner=user)
    return registrations.none()


def events_organised_by(*, user) -> QuerySet[Page]:
    """The events with registrations that `user` organises, by title."""
    events = Page.objects.filter(registrations__isnull=False).distinct().order_by("title")
    if is_staff_member(user):
        return events
    if is_organiser(user):
        return events.filter(owner=user)
    return events.none()


def registration_name(registration: Registration) -> str:
    """Surname first, as a school's lists go; a guest by the name they gave."""
    person = registration.person
    if person is None:
        return registration.guest_name or registration.guest_email
    parts = (person.last_name, person.first_name, person.patronymic)
    return " ".join(p for p in parts if p) or person.get_username()


def registration_email(registration: Registration) -> str:
    if registration.person is None:
        return registration.guest_email
    return registration.person.email


def registration_class_name(registration: Registration) -> str:
    person = registration.person
    if person is None or person.school_class is None:
        return ""
    return person.school_class.name


def yes_no(value: bool) -> str:
    return pgettext("ответ", "да") if value else pgettext("ответ", "нет")


def _answer_text(question: Question, value) -> str:
    if value is None or value == "":
        return ""
    if question.kind == "yes_no":
        return yes_no(value)
    return str(value)


def answers_by_label(registration: Registration, questions: list[Question]) -> list[tuple]:
    """(question, answer as text) for each of the event's questions, in the editor's order."""
    answers = registration.answers or {}
    return [(q, _answer_text(q, answers.get(q.id))) for q in questions]


class EventQuestions:
    """The questions of each event, read once per listing (an event page's stream per id)."""

    def __init__(self):
        self._cache: dict[int, list[Question]] = {}

    def __call__(self, event_id: int) -> list[Question]:
        if event_id not in self._cache:
            page = Page.objects.filter(pk=event_id).first()
            self._cache[event_id] = questions_of(page.specific) if page else []
        return self._cache[event_id]


def check_in_url(*, event_id: int, code: str = "") -> str:
    """The organiser's check-in page for an event; with `code`, the code is filled in (what a
    QR code in the confirmation opens when the organiser's phone camera reads it)."""
    url = reverse("registrations_check_in", args=(event_id,))
    return f"{url}?code={code}" if code else url
