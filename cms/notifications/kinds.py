"""The kinds of notification the space sends; each app registers its own.

A kind says what a person may switch: every notification appears in the cabinet, and whether it
is also emailed is the person's choice per kind (`email_default` until they choose).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str
    email_default: bool = True
    # Files the email carries: called with the notification, returns (filename, content,
    # mimetype) triples, for example a calendar entry.
    attachments: Callable[[object], list[tuple[str, bytes | str, str]]] | None = None


_KINDS: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> NotificationKind:
    _KINDS[kind.code] = kind
    return kind


def kind_for(code: str) -> NotificationKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(
            f"notification kind {code!r} is not registered; register it in the app's kinds "
            "with cms.notifications.kinds.register(NotificationKind(...))"
        ) from None


def all_kinds() -> list[NotificationKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.code)


GENERAL = register(NotificationKind("general", _("Сообщения школы")))
