"""Initiatives in "download my data" and "delete my account".

A pupil's file holds the initiatives they wrote or co-wrote and the ones they supported.
Deleting an author's account deletes the initiatives they started (their words), and takes
them off the ones they co-wrote; a supporter's supports go with them, so the counts fall.
A checker's account leaves the check's words, without the link to them.
"""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import Initiative, InitiativeSupport


def _initiative(initiative: Initiative) -> dict:
    return {
        "title": initiative.title,
        "description": initiative.description,
        "council": initiative.council.title,
        "status": initiative.status,
        "created_at": initiative.created_at,
    }


def initiatives_export(person) -> dict:
    authored = Initiative.objects.filter(author=person).select_related("council")
    co_authored = Initiative.objects.filter(co_authors=person).select_related("council")
    supported = InitiativeSupport.objects.filter(person=person).select_related("initiative")
    return {
        "authored": [_initiative(i) for i in authored],
        "co_authored": [_initiative(i) for i in co_authored],
        "supported": [
            {"title": s.initiative.title, "supported_at": s.created_at} for s in supported
        ],
        "checked": [
            {"title": i.title, "status": i.status, "checked_at": i.checked_at}
            for i in Initiative.objects.filter(checked_by=person)
        ],
    }


def initiatives_erase(person) -> None:
    InitiativeSupport.objects.filter(person=person).delete()
    for initiative in Initiative.objects.filter(co_authors=person):
        initiative.co_authors.remove(person)
    Initiative.objects.filter(author=person).delete()
    Initiative.objects.filter(checked_by=person).update(checked_by=None)


MODELS = ["initiatives.Initiative", "initiatives.InitiativeSupport"]
register_exporter("initiatives", initiatives_export, models=MODELS)
register_eraser("initiatives", initiatives_erase, models=MODELS)
