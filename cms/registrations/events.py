"""What registration needs to know about an event, whatever page type carries it.

The platform does not import the school's page types: an event page (today
`site_content.events.EventPage`) provides these attributes, and `RegistrationRules` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class RegistrableEvent(Protocol):
    pk: int
    title: str
    start: datetime
    end: datetime
    capacity: int | None
    registration_opens: datetime | None
    registration_closes: datetime | None
    registration_access: str
    registration_roles: list[str]
    registration_moderated: bool
    registration_questions: object
    reminder_hours: str

    def registration_class_ids(self) -> set[int]: ...


class Access:
    """Who may register (an event's `registration_access`)."""

    PUBLIC = "public"  # anyone; a visitor without an account confirms an email address
    SIGNED_IN = "signed_in"  # anyone with an account
    RESTRICTED = "restricted"  # people with one of the chosen roles or in one of the classes


REGISTRATION_ACCESS_CHOICES = [
    (Access.PUBLIC, _("все, в том числе гости без учётной записи (по подтверждённой почте)")),
    (Access.SIGNED_IN, _("все, у кого есть учётная запись")),
    (Access.RESTRICTED, _("только выбранные роли и классы")),
]


def reminder_offsets(value: str) -> list[int]:
    """`"24,1"` → `[24, 1]`: hours before the start at which reminders go out."""
    return sorted({int(part) for part in (value or "").replace(" ", "").split(",") if part},
                  reverse=True)  # fmt: skip


def validate_reminder_hours(value: str) -> None:
    try:
        hours = reminder_offsets(value)
    except ValueError:
        raise ValidationError(_("Через запятую целые числа часов, например «24,1».")) from None
    if any(h < 1 or h > 24 * 30 for h in hours):
        raise ValidationError(_("Каждое число — от 1 до 720 часов."))


@dataclass(frozen=True)
class Window:
    """Where the registration window stands at `now`: not_open, open or closed (none: the
    event needs no registration)."""

    state: str

    @classmethod
    def of(cls, event: RegistrableEvent, now: datetime) -> Window:
        opens, closes = event.registration_opens, event.registration_closes
        if not opens or not closes:
            return cls("none")
        if now >= closes or now >= event.end:
            return cls("closed")
        if now < opens:
            return cls("not_open")
        return cls("open")
