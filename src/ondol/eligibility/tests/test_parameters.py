"""Dated parameters: the value in force on a date, its source, and the reference's thresholds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ondol.eligibility.engine.parameters import (
    Confidence,
    ParameterValue,
    default_parameters,
    load_parameters,
    threshold,
)

# Reference §1: thresholds per household size (1–6), as published, for each rate.
REFERENCE_THRESHOLDS = {
    2025: {
        "livelihood_rate": [765444, 1258451, 1608113, 1951287, 2274621, 2580738],
        "medical_rate": [956805, 1573063, 2010141, 2439109, 2843277, 3225922],
        "housing_rate": [1148166, 1887676, 2412169, 2926931, 3411932, 3871106],
        "education_rate": [1196007, 1966329, 2512677, 3048887, 3554096, 4032403],
        "emergency_rate": [1794010, 2949494, 3769015, 4573330, 5331144, 6048604],
    },
    2026: {
        "livelihood_rate": [820556, 1343773, 1714892, 2078316, 2418150, 2737905],
        "medical_rate": [1025695, 1679717, 2143614, 2597895, 3022688, 3422381],
        "housing_rate": [1230834, 2015660, 2572337, 3117474, 3627225, 4106857],
        "education_rate": [1282119, 2099646, 2679518, 3247369, 3778360, 4277976],
        "emergency_rate": [1923179, 3149469, 4019277, 4871054, 5667539, 6416964],
    },
}


@pytest.mark.parametrize("year", [2025, 2026])
@pytest.mark.parametrize("rate", ["livelihood_rate", "medical_rate", "housing_rate", "education_rate", "emergency_rate"])
def test_thresholds_reproduce_the_reference_table(year: int, rate: str) -> None:
    params = default_parameters()
    day = date(year, 6, 1)
    computed = [int(threshold(params.at("median_income", day, size), params.at(rate, day))) for size in range(1, 7)]
    assert computed == REFERENCE_THRESHOLDS[year][rate]


def test_the_value_changes_on_the_day_a_new_value_takes_effect() -> None:
    params = default_parameters()
    assert params.at("residence_change_days", date(2020, 12, 9)).value == 14
    assert params.at("residence_change_days", date(2020, 12, 10)).value == 15
    assert params.at("arc_fee", date(2024, 12, 31)).value == Decimal(30000)
    assert params.at("arc_fee", date(2025, 1, 1)).value == Decimal(35000)


def test_no_value_is_in_force_outside_the_dated_periods() -> None:
    params = default_parameters()
    assert params.at("median_income", date(2023, 6, 1), 1) is None
    assert params.at("emergency_asset_cap", date(2026, 1, 1), "rural") is None


def test_seven_person_medians_are_not_shipped() -> None:
    params = default_parameters()
    assert params.at("median_income", date(2026, 6, 1), 7) is None


def test_confidence_can_differ_by_key_within_one_period() -> None:
    params = default_parameters()
    assert params.at("median_income", date(2026, 6, 1), 4).confidence == Confidence.GOVERNMENT
    assert params.at("median_income", date(2026, 6, 1), 3).confidence == Confidence.SECONDARY
    assert params.at("median_income", date(2027, 6, 1), 1).unverified


def test_every_value_names_its_source_and_confidence() -> None:
    for parameter in default_parameters().parameters.values():
        assert parameter.description and parameter.legal_basis, parameter.name
        for period in parameter.periods:
            assert period.source, parameter.name
            assert all(isinstance(c, Confidence) for c in period.confidence.values())


def test_overlapping_periods_are_refused(tmp_path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "x:\n  description: d\n  unit: days\n  values:\n"
        "    - {from: 2020-01-01, until: 2021-01-01, confidence: law, source: s, value: 1}\n"
        "    - {from: 2020-06-01, confidence: law, source: s, value: 2}\n"
    )
    with pytest.raises(ValueError, match="overlap"):
        load_parameters(tmp_path)


def test_an_unknown_confidence_is_refused(tmp_path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "x:\n  description: d\n  unit: days\n  values:\n    - {from: 2020-01-01, confidence: sure, source: s, value: 1}\n"
    )
    with pytest.raises(ValueError, match="confidence"):
        load_parameters(tmp_path)


def test_thresholds_round_half_up_to_the_won() -> None:
    def value(v: str) -> ParameterValue:
        return ParameterValue("x", None, Decimal(v), date(2020, 1, 1), None, "test", Confidence.LAW, "")

    assert threshold(value("1000001"), value("0.5")) == Decimal(500001)  # 500,000.5 rounds up
    assert threshold(value("2564238"), value("0.32")) == Decimal(820556)  # 820,556.16 rounds down


def test_every_parameter_description_is_marked_for_translation() -> None:
    from django.utils import translation

    from ondol.eligibility.engine.parameter_texts import DESCRIPTIONS

    described = {name: p.description for name, p in default_parameters().parameters.items()}
    with translation.override(None):  # the English source text
        assert {name: str(text) for name, text in DESCRIPTIONS.items()} == described
