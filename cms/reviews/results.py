"""The result of an evaluation: every submitted score per criterion, its mean and spread, the
weighted total, and the criteria where experts disagree.

Plain arithmetic over the criteria snapshot and the submitted scores, so the coordinator's
table, the students' result and the notifications all count the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DISAGREEMENT_SHARE", "CriterionResult", "Result", "result_of"]

# A criterion is flagged when its scores spread over at least this share of its scale (the
# highest level's score minus the lowest's): on a 0–3 scale, a 1 and a 3 disagree.
DISAGREEMENT_SHARE = 0.5


@dataclass(frozen=True)
class CriterionResult:
    """One criterion: the scores the experts gave it, their mean and spread."""

    id: str
    title: str
    weight: float
    lowest: int
    highest: int
    scores: list[int]
    mean: float | None
    spread: int | None
    disagreement: bool

    def as_json(self, *, flags: bool) -> dict:
        data = {
            "id": self.id,
            "title": self.title,
            "weight": self.weight,
            "min_score": self.lowest,
            "max_score": self.highest,
            "scores": list(self.scores),
            "mean": None if self.mean is None else round(self.mean, 2),
            "spread": self.spread,
        }
        if flags:
            data["disagreement"] = self.disagreement
        return data


@dataclass(frozen=True)
class Result:
    """Every criterion's result, the weighted total and its share of the highest possible."""

    criteria: list[CriterionResult] = field(default_factory=list)
    reviews: int = 0
    total: float | None = None
    max_total: float = 0.0

    @property
    def share(self) -> float | None:
        if self.total is None or not self.max_total:
            return None
        return self.total / self.max_total

    @property
    def disagreement(self) -> bool:
        return any(criterion.disagreement for criterion in self.criteria)

    def flagged(self) -> set[str]:
        return {criterion.id for criterion in self.criteria if criterion.disagreement}

    def as_json(self, *, flags: bool) -> dict:
        data = {
            "criteria": [criterion.as_json(flags=flags) for criterion in self.criteria],
            "reviews": self.reviews,
            "total": None if self.total is None else round(self.total, 2),
            "max_total": round(self.max_total, 2),
            "share": None if self.share is None else round(self.share, 4),
        }
        if flags:
            data["disagreement"] = self.disagreement
        return data


def _disagree(scores: list[int], lowest: int, highest: int) -> bool:
    scale = highest - lowest
    if len(scores) < 2 or scale <= 0:
        return False
    return max(scores) - min(scores) >= DISAGREEMENT_SHARE * scale


def result_of(criteria: list[dict], score_sets: list[dict]) -> Result:
    """The result of `criteria` (an evaluation's snapshot) scored by `score_sets` (one
    criterion id → score mapping per submitted review)."""
    rows = []
    total = 0.0
    max_total = 0.0
    for criterion in criteria:
        level_scores = [int(level["score"]) for level in criterion["levels"]]
        lowest, highest = min(level_scores), max(level_scores)
        weight = float(criterion.get("weight", 1) or 0)
        scores = [int(s[criterion["id"]]) for s in score_sets if criterion["id"] in s]
        mean = sum(scores) / len(scores) if scores else None
        rows.append(
            CriterionResult(
                id=criterion["id"],
                title=criterion["title"],
                weight=weight,
                lowest=lowest,
                highest=highest,
                scores=scores,
                mean=mean,
                spread=max(scores) - min(scores) if scores else None,
                disagreement=_disagree(scores, lowest, highest),
            )
        )
        max_total += highest * weight
        if mean is not None:
            total += mean * weight
    return Result(
        criteria=rows,
        reviews=len(score_sets),
        total=total if score_sets else None,
        max_total=max_total,
    )
