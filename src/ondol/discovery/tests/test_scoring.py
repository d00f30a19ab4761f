# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from django.utils import translation

from ondol.discovery.pipeline.catalogue import load_catalogue
from ondol.discovery.pipeline.engine import DuckDBEngine
from ondol.discovery.pipeline.feeds import load_feed
from ondol.discovery.pipeline.linking import link_records
from ondol.discovery.pipeline.model import LearnedModel, fit_calibrated, fold
from ondol.discovery.pipeline.scoring import features, record_points, score_households, strongest_per_indicator
from ondol.discovery.reasons import describe_reason
from ondol.discovery.tests.feedmaker import household, person, record, write_feed

AS_OF = date(2025, 5, 1)
OTHER_DONG = "3017064000"


def _score(folder: Path, indicators: list[dict], *, per_dong: int | None = 2, total: int | None = None,
           households: list[dict] | None = None) -> dict[str, dict]:
    households = households or [household("H1"), household("H2"), household("H3"), household("H4")]
    persons = [person(f"P{h['household_id'][1:]}", h["household_id"], "홍길동", "1950-03-04") for h in households]
    write_feed(folder, households=households, persons=persons, indicators=indicators)
    catalogue = load_catalogue()
    engine = DuckDBEngine()
    feed = load_feed(engine, folder, as_of=AS_OF, catalogue=catalogue)
    links, _ = link_records(engine, indicators=feed.tables["indicators"], persons=feed.tables["persons"],
                            households=feed.tables["households"])
    points = record_points(engine, name="points", links=links, indicators=feed.tables["indicators"],
                           catalogue=catalogue, as_of=AS_OF)
    strongest = strongest_per_indicator(engine, name="strongest", points=points)
    table = features(engine, name="features", households=feed.tables["households"], strongest=strongest,
                     catalogue=catalogue, as_of=AS_OF)
    scores = score_households(engine, name="scores", features_table=table, strongest=strongest,
                              catalogue=catalogue, model=None, per_dong=per_dong, total=total)
    return {row["household_id"]: row for row in engine.fetch(f"SELECT * FROM {scores}").to_pylist()}


def test_a_score_is_weight_times_recency_times_severity_squashed_to_one(tmp_path):
    scores = _score(tmp_path, [record("R1", "electricity_cutoff", "2025-04-01", household_id="H1", months="3")])
    points = 3.0 * 0.5 ** (30 / 180) * (1 + 0.5 * 3 / 12)
    assert scores["H1"]["weighted_score"] == pytest.approx(1 - math.exp(-points / 6.0), abs=1e-6)
    assert scores["H1"]["reasons"][0]["points"] == pytest.approx(points, abs=1e-3)


def test_reasons_list_the_strongest_indicators_first_with_their_details(tmp_path):
    scores = _score(tmp_path, [
        record("R1", "telecom_arrears", "2025-04-20", household_id="H1", months="1", amount_krw="80000"),
        record("R2", "water_cutoff", "2025-03-01", household_id="H1"),
        record("R3", "gas_arrears", "2025-04-25", household_id="H1", months="6", amount_krw="900000"),
    ])
    reasons = scores["H1"]["reasons"]
    assert [r["indicator"] for r in reasons] == ["water_cutoff", "gas_arrears", "telecom_arrears"]
    assert reasons[1]["months"] == 6 and reasons[1]["amount_krw"] == 900000
    assert reasons[0]["observed_on"] == date(2025, 3, 1)


def test_old_records_count_for_less_and_records_outside_the_window_not_at_all(tmp_path):
    scores = _score(tmp_path, [
        record("R1", "job_loss", "2025-04-30", household_id="H1"),
        record("R2", "job_loss", "2024-11-01", household_id="H2"),
        record("R3", "job_loss", "2024-03-01", household_id="H3"),
        record("R4", "job_loss", "2025-06-01", household_id="H4"),
    ])
    assert scores["H1"]["score"] > scores["H2"]["score"] > 0
    assert scores["H3"]["score"] == 0 and scores["H4"]["score"] == 0


def test_ten_notices_about_one_bill_count_as_one_problem(tmp_path):
    notices = [record(f"R{i}", "electricity_arrears", f"2025-04-{i + 1:02d}", household_id="H1", months="2")
               for i in range(10)]
    scores = _score(tmp_path, [*notices, record("S1", "electricity_arrears", "2025-04-10", household_id="H2",
                                                months="2")])
    assert scores["H1"]["score"] == pytest.approx(scores["H2"]["score"], abs=1e-3)
    assert len(scores["H1"]["reasons"]) == 1


def test_the_top_n_per_dong_are_selected_and_households_without_signals_never(tmp_path):
    scores = _score(tmp_path, [
        record("R1", "water_cutoff", "2025-04-01", household_id="H1"),
        record("R2", "telecom_arrears", "2025-04-01", household_id="H2"),
        record("R3", "gas_cutoff", "2025-04-01", household_id="H3"),
    ], per_dong=5)
    assert [h for h, row in sorted(scores.items(), key=lambda kv: kv[1]["rank_in_dong"])] == ["H1", "H3", "H2", "H4"]
    assert {h for h, row in scores.items() if row["selected"]} == {"H1", "H2", "H3"}


def test_a_national_total_is_split_between_dongs_by_their_number_of_households(tmp_path):
    households = [household(f"H{i}") for i in range(1, 7)] + [household(f"H{i}", dong_code=OTHER_DONG)
                                                               for i in range(7, 10)]
    indicators = [record(f"R{i}", "job_loss", "2025-04-01", household_id=f"H{i}") for i in range(1, 10)]
    scores = _score(tmp_path, indicators, per_dong=None, total=3, households=households)
    selected = [row["dong_code"] for row in scores.values() if row["selected"]]
    assert sorted(selected) == ["3017063000", "3017063000", OTHER_DONG]


def test_each_reason_reads_as_a_plain_sentence():
    reason = {"indicator": "water_arrears", "observed_on": date(2025, 4, 1), "months": 3, "amount_krw": 450000}
    with translation.override("en"):
        assert describe_reason(reason) == "On Apr 1, 2025: Water bill overdue for 3 months (₩450,000)."
        assert describe_reason({"indicator": "lives_alone"}) == "Lives alone."
    with translation.override("ko"):
        assert describe_reason(reason) == "2025. 4. 1.: 수도요금 체납, 3개월(₩450,000)."


def test_the_learned_model_folds_into_one_expression_that_gives_the_calibrated_probabilities():
    rng = np.random.default_rng(3)
    x = rng.exponential(1.0, size=(600, 3))
    y = (rng.random(600) < 1 / (1 + np.exp(-(x @ [1.2, -0.4, 0.3] - 1.5)))).astype(int)
    calibrated = fit_calibrated(x, y)
    intercept, coefficients = fold(calibrated)
    model = LearnedModel(intercept=intercept, coefficients=dict(zip(["a", "b", "c"], coefficients, strict=True)))
    table = pa.table({"a": x[:, 0], "b": x[:, 1], "c": x[:, 2]})
    assert np.allclose(model.predict(table), calibrated.predict_proba(x)[:, 1], atol=1e-9)
    engine = DuckDBEngine()
    engine.from_arrow("f", table)
    in_sql = engine.fetch(f"SELECT {model.probability_sql('f')} AS p FROM f").column("p").to_numpy()
    assert np.allclose(in_sql, model.predict(table), atol=1e-9)
