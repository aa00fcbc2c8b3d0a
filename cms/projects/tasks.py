"""Notifications of the project workspace, in each recipient's language.

They go through `cms.notifications`: a row in the cabinet, and an email by the notification
email task when the person wants it (it is queued only after the change commits). The link is
the project in the cabinet's workspace. No notification carries anyone's email address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import translation

from cms.notifications.email import recipient_language
from cms.notifications.kinds import NotificationKind
from cms.notifications.services import notification_send

from .selectors import project_url

__all__ = ["project_notify"]


def project_notify(
    *,
    project,
    kind: NotificationKind,
    recipients: Iterable,
    texts: Callable[[object], tuple[str, str]],
    skip=None,
) -> int:
    """Send `kind` about `project` to each recipient once (never to `skip`, the person who
    acted); `texts(recipient)` gives (title, body), called in the recipient's language."""
    sent = set()
    for recipient in recipients:
        if recipient is None or recipient.pk in sent or not recipient.is_active:
            continue
        if skip is not None and recipient.pk == skip.pk:
            continue
        sent.add(recipient.pk)
        language = recipient_language(recipient)
        with translation.override(language):
            title, body = texts(recipient)
            title, body = str(title), str(body)
        notification_send(
            recipient=recipient,
            kind=kind.code,
            title=title,
            body=body,
            url=project_url(project_id=project.pk, language=language),
        )
    return len(sent)
