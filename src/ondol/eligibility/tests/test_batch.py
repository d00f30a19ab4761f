"""The batch path (a whole table at once) gives exactly the answers of the per-household engine."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ondol.eligibility.engine import PROGRAMS, Household, Member, screen
from ondol.eligibility.engine.batch import households_to_table, screen_table
from ondol.eligibility.engine.screen import normalise_missing

from .strategies import as_of_dates, households


def expected_row(household: Household, as_of: date) -> dict[str, object]:
    """What the per-household engine says, in the batch table's columns."""
    result = screen(household, as_of)
    row: dict[str, object] = {}
    for program in PROGRAMS:
        got = result.program(program.key)
        row[f"{program.key}.status"] = got.status.value
        if program.pays_amount:
            row[f"{program.key}.amount_krw"] = None if got.amount_krw is None else int(got.amount_krw)
        row[f"{program.key}.missing"] = sorted({normalise_missing(m) for m in got.missing_inputs})
        dues = [d for d in result.deadlines if d.obligation == program.key]
        if any(p.key == program.key for p in PROGRAMS if p.kind.value == "obligation"):
            row[f"{program.key}.legal_due"] = min((d.legal_due for d in dues), default=None)
            row[f"{program.key}.safe_due"] = min((d.safe_due for d in dues), default=None)
    return row


def batch_row(out: pl.DataFrame, i: int, keys: list[str]) -> dict[str, object]:
    row = out.row(i, named=True)
    return {k: sorted(row[k]) if k.endswith(".missing") else row[k] for k in keys}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(households(), min_size=1, max_size=6), as_of_dates)
def test_batch_screening_equals_screening_each_household(hhs: list[Household], as_of: date) -> None:
    out = screen_table(households_to_table(hhs), as_of, chunk_size=4)
    for i, household in enumerate(hhs):
        expected = expected_row(household, as_of)
        assert batch_row(out, i, list(expected)) == expected


def test_batch_output_keeps_the_household_ids_and_order() -> None:
    hhs = [Household(size=1, monthly_income_krw=0, members=(Member(id="a", role="applicant", korean_national=True),))] * 3
    out = screen_table(households_to_table(hhs, ids=["x", "y", "z"]), date(2026, 5, 1), chunk_size=2, workers=2)
    assert out["household_id"].to_list() == ["x", "y", "z"]
    assert out["livelihood-benefit.status"].to_list() == ["eligible"] * 3
    assert set(out["rules_version"]) == {screen(hhs[0], date(2026, 5, 1)).rules_version}


def test_progress_is_reported_per_chunk() -> None:
    hhs = [Household(members=(Member(id="a", role="applicant"),))] * 5
    seen: list[int] = []
    screen_table(households_to_table(hhs), date(2026, 5, 1), chunk_size=2, progress=seen.append)
    assert seen == [2, 2, 1]


def test_a_table_read_back_from_parquet_gives_the_same_answers(tmp_path) -> None:
    hhs = [
        Household(
            size=3,
            monthly_income_krw=1_000_000,
            members=(
                Member(id="m", role="applicant", korean_national=False, residence_status="F-6", married_to_korean=True,
                       registered=True, moved_in_on=date(2026, 3, 20)),
                Member(id="d", role="spouse", korean_national=True),
                Member(id="k", role="child", korean_national=True, birth_date=date(2025, 12, 1)),
            ),
        )
    ]  # fmt: skip
    path = tmp_path / "households.parquet"
    households_to_table(hhs).write_parquet(path)
    out = screen_table(pl.read_parquet(path), date(2026, 4, 1))
    assert out.row(0, named=True)["livelihood-benefit.amount_krw"] == 714892
    assert out.row(0, named=True)["residence-change-report.legal_due"] == date(2026, 4, 6)


def test_missing_optional_columns_are_read_as_unknown() -> None:
    table = pl.DataFrame({"household_id": ["h1"], "members": [[{"id": "a", "role": "applicant"}]]})
    out = screen_table(table, date(2026, 5, 1))
    assert out["livelihood-benefit.status"].to_list() == ["needs_information"]
    assert "household.size" in out["livelihood-benefit.missing"][0]


def test_an_unknown_role_in_a_table_is_refused() -> None:
    table = pl.DataFrame({"members": [[{"id": "a", "role": "boss"}]]})
    with pytest.raises(ValueError, match="role"):
        screen_table(table, date(2026, 5, 1))


def test_a_malformed_dong_code_in_a_table_is_refused() -> None:
    table = pl.DataFrame({"region_dong_code": ["11"], "members": [[{"id": "a", "role": "applicant"}]]})
    with pytest.raises(ValueError, match="10 digits"):
        screen_table(table, date(2026, 5, 1))


def test_a_household_without_members_is_refused() -> None:
    table = pl.DataFrame({"household_id": ["h1", "h2"], "members": [[{"id": "a", "role": "applicant"}], []]})
    with pytest.raises(ValueError, match="at least one member"):
        screen_table(table, date(2026, 5, 1))
