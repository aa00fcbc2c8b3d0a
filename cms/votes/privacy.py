"""Votes in "download my data" and "delete my account".

A person's file says in which votes they voted (and, one per family, for which of their
children's families) — never what they chose: that is nowhere to be found. Deleting the
account keeps the marks, which carry no choice, so the turnout still equals the ballots in
the box; they point at the anonymised account, which keeps no name. The votes a person
created stay with the school.
"""

from __future__ import annotations

from cms.users.personal_data import register_eraser, register_exporter

from .models import FamilyMark, Vote, VoterMark

MODELS = ["votes.VoterMark", "votes.FamilyMark", "votes.Vote"]


def votes_export(person) -> dict:
    return {
        "voted_in": [
            {"vote": mark.vote.title, "code": mark.vote.code}
            for mark in VoterMark.objects.filter(person=person).select_related("vote")
        ],
        "family_voted_in": [
            {"vote": mark.vote.title, "code": mark.vote.code}
            for mark in FamilyMark.objects.filter(child=person).select_related("vote")
        ],
        "votes_created": list(
            Vote.objects.filter(created_by=person).values_list("title", flat=True)
        ),
    }


def votes_erase(person) -> None:
    """Nothing to remove: a mark says only that the (now anonymous) account voted, and
    removing it would make the turnout disagree with the ballots."""


# Not "votes": a test of the registry registers and removes a section of that name.
register_exporter("vote_marks", votes_export, models=MODELS)
register_eraser("vote_marks", votes_erase, models=MODELS)
