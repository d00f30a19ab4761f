from __future__ import annotations

import numpy as np
import pytest

from ondol.discovery.pipeline.evaluate import Evaluated, evaluate, fairness


def _tiny(nationalities: list[str]) -> Evaluated:
    """Six households with known answers: scores fall 0.9 → 0.4, need confirmed for the 1st, 3rd and 6th."""
    return Evaluated(
        household_id=np.array([f"H{i}" for i in range(1, 7)]),
        score=np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4]),
        need=np.array([True, False, True, False, False, True]),
        selected=np.array([True, True, False, False, False, False]),
        nationality=np.array(nationalities),
        single_person=np.array([True, False, True, False, True, False]),
        dong=np.array(["A", "A", "A", "B", "B", "B"]),
    )


def test_metrics_on_a_tiny_example_match_the_answers_worked_out_by_hand():
    result = evaluate(_tiny(["KR"] * 6))
    overall = result["overall"]
    assert result["k"] == 2  # the households the run selected
    assert overall["precision_at_k"] == pytest.approx(1 / 2)
    assert overall["recall_at_k"] == pytest.approx(1 / 3)
    assert overall["roc_auc"] == pytest.approx(5 / 9)      # 5 of the 9 (need, no need) pairs are ordered right
    assert overall["pr_auc"] == pytest.approx((1 + 2 / 3 + 3 / 6) / 3)
    assert overall["calibration"]["brier"] == pytest.approx(1.71 / 6)
    assert result["dongs"]["B"]["recall_at_k"] == 0.0


def test_k_can_be_chosen_instead_of_the_selection():
    result = evaluate(_tiny(["KR"] * 6), k=3)
    assert result["overall"]["precision_at_k"] == pytest.approx(2 / 3)
    assert result["groups"]["single_person"]["selection_rate"] == pytest.approx(2 / 3)


def test_the_fairness_flag_is_raised_when_foreign_households_fare_worse_than_four_fifths():
    result = evaluate(_tiny(["KR", "VN", "KR", "KR", "VN", "VN"]))
    assert result["groups"]["foreign"]["precision_at_k"] == 0.0
    assert result["groups"]["korean"]["precision_at_k"] == 1.0
    assert result["fairness"]["flag"] is True
    assert result["fairness"]["flagged"] == ["precision_at_k"]
    assert "VN" in result["nationalities"]


def test_the_fairness_flag_stays_down_at_or_above_four_fifths():
    korean = {"precision_at_k": 0.5, "selection_rate": 0.020, "recall_at_k": 0.3}
    foreign = {"precision_at_k": 0.45, "selection_rate": 0.017, "recall_at_k": 0.2}
    assert fairness(korean, foreign)["flag"] is False
    assert fairness(korean, {**foreign, "selection_rate": 0.010})["flagged"] == ["selection_rate"]
