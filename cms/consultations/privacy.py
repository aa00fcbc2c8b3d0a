"""Consultations in "download my data" and "delete my account".

A person's file lists the hours they published, the slots they booked and their places in live
queues. Deleting the account withdraws the hours they host (the bookings go with them) and
deletes their bookings and queue places; the meetings themselves are the meetings app's.
"""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import ConsultationBooking, ConsultationHours, QueueEntry

MODELS = [
    "consultations.ConsultationHours",
    "consultations.ConsultationBooking",
    "consultations.QueueEntry",
]


def consultations_export(person) -> dict:
    return {
        "consultation_hours": [
            {
                "starts_at": h.starts_at,
                "ends_at": h.ends_at,
                "slot_minutes": h.slot_minutes,
                "place": h.place,
                "notes": h.notes,
                "bookings": h.bookings.count(),
            }
            for h in ConsultationHours.objects.filter(host=person)
        ],
        "consultation_bookings": [
            {
                "host": b.hours.host.full_name,
                "starts_at": b.slot.starts_at,
                "booked_at": b.created_at,
            }
            for b in ConsultationBooking.objects.filter(student=person).select_related(
                "hours__host", "slot"
            )
        ],
        "consultation_queue": [
            {
                "host": e.hours.host.full_name,
                "status": e.status,
                "joined_at": e.joined_at,
                "called_at": e.called_at,
            }
            for e in QueueEntry.objects.filter(person=person).select_related("hours__host")
        ],
    }


def consultations_erase(person) -> None:
    ConsultationHours.objects.filter(host=person).delete()
    ConsultationBooking.objects.filter(student=person).delete()
    QueueEntry.objects.filter(person=person).delete()


register_exporter("consultations", consultations_export, models=MODELS)
register_eraser("consultations", consultations_erase, models=MODELS)
