"""The arithmetic of a result: mean, spread, weighted total and the disagreement flag."""

import pytest

from cms.reviews.results import DISAGREEMENT_SHARE, result_of


def criterion(cid: str, weight: float = 1, scores=(0, 1, 2, 3)) -> dict:
    return {
        "id": cid,
        "title": cid,
        "weight": weight,
        "levels": [{"score": s, "description": ""} for s in scores],
    }


def test_each_criterion_keeps_every_score_with_its_mean_and_spread():
    result = result_of([criterion("a")], [{"a": 1}, {"a": 2}, {"a": 3}])

    (row,) = result.criteria
    assert row.scores == [1, 2, 3]
    assert row.mean == pytest.approx(2.0)
    assert row.spread == 2


def test_the_total_weighs_each_criterions_mean_and_is_a_share_of_the_highest_possible():
    criteria = [criterion("a", weight=2), criterion("b", weight=1)]

    result = result_of(criteria, [{"a": 3, "b": 0}, {"a": 2, "b": 1}])

    # a: mean 2.5 × 2 = 5; b: mean 0.5 × 1 = 0.5; highest possible 3×2 + 3×1 = 9.
    assert result.total == pytest.approx(5.5)
    assert result.max_total == pytest.approx(9)
    assert result.share == pytest.approx(5.5 / 9)
    assert result.as_json(flags=False)["total"] == 5.5


def test_a_spread_of_half_the_scale_is_flagged_and_a_smaller_one_is_not():
    assert DISAGREEMENT_SHARE == 0.5
    criteria = [criterion("wide"), criterion("close"), criterion("big", scores=(0, 5, 10))]

    result = result_of(
        criteria,
        [{"wide": 1, "close": 2, "big": 0}, {"wide": 3, "close": 3, "big": 5}],
    )

    flags = {row.id: row.disagreement for row in result.criteria}
    # wide: 2 of a 3-point scale; close: 1 of 3; big: 5 of 10 (exactly half).
    assert flags == {"wide": True, "close": False, "big": True}
    assert result.disagreement
    assert "disagreement" not in result.as_json(flags=False)
    assert result.as_json(flags=True)["criteria"][0]["disagreement"] is True


def test_one_review_never_disagrees_and_no_review_has_no_total():
    assert not result_of([criterion("a")], [{"a": 0}]).disagreement

    empty = result_of([criterion("a")], [])
    assert empty.total is None and empty.share is None
    assert empty.criteria[0].mean is None
