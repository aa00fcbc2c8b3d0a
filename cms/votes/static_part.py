"""What a voting widget's mount point shows in the published page: before the count, only the
widget's words, script and styles (the widget does the rest); after it, the results table,
the turnout against the electorate, the quorum and the winner, in the page's language. The
same for every reader: nothing personal."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from . import selectors


def voting_static_part(reference: str, language: str) -> str:
    vote = selectors.vote_by_code(code=reference)
    with translation.override(language or "ru"):
        results = selectors.vote_results(vote=vote) if vote is not None else None
        rows = []
        if results is not None:
            rows = [
                {
                    "label": c.option.label,
                    "votes": c.votes,
                    "percent": results.percent(c),
                    "abstain": c.option.abstain,
                    "winner": vote.winner_id == c.option.pk,
                }
                for c in results.options
            ]
        return render_to_string(
            "votes/static_part.html",
            {"vote": vote, "results": results, "rows": rows},
        )
