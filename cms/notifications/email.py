"""Emails in the recipient's language, as HTML and plain text, from templates.

Each email is three templates under `<name>`: `<name>_subject.txt`, `<name>.txt` and
`<name>.html`, rendered with the recipient's language active, so `{% translate %}` and dates
come out in it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def recipient_language(user) -> str:
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def email_render(*, template: str, context: dict, language: str) -> EmailMultiAlternatives:
    """The message, not sent yet; its `to` is empty."""
    context = {"PUBLIC_BASE_URL": settings.PUBLIC_BASE_URL, "LANGUAGE": language, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text)
    message.attach_alternative(html, "text/html")
    return message


def email_send(*, template: str, context: dict, to: str, language: str, attachments=()) -> None:
    """Render and send one email now (tasks call this; views enqueue a task instead);
    `attachments` are (filename, content, mimetype) triples."""
    message = email_render(template=template, context=context, language=language)
    message.to = [to]
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
