"""Events a teacher made with the generator, in "download my data" and "delete my account"."""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import GeneratedEvent


def generated_events_export(person) -> list[dict]:
    return [
        {"event": generated.page.title, "requested_at": generated.created_at}
        for generated in GeneratedEvent.objects.filter(requested_by=person).select_related("page")
    ]


def generated_events_erase(person) -> None:
    # The event pages stay (they are the school's); only the link to the person goes.
    GeneratedEvent.objects.filter(requested_by=person).update(requested_by=None)


MODELS = ["events.GeneratedEvent"]
register_exporter("generated_events", generated_events_export, models=MODELS)
register_eraser("generated_events", generated_events_erase, models=MODELS)
