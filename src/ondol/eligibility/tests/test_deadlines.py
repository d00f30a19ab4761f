"""Deadlines by the Civil Act: first day not counted, closed days push the end to the next working day."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ondol.eligibility.engine.deadlines import (
    civil_deadline,
    civil_deadlines,
    closed_reason,
    expiry_deadline,
    expiry_deadlines,
    is_working_day,
)

days_2000_2060 = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
periods = st.sampled_from([14, 15, 30, 90])


def test_the_reference_examples_hold() -> None:
    entry = civil_deadline(date(2026, 1, 10), 90)
    assert (entry.legal_due, entry.safe_due) == (date(2026, 4, 10), date(2026, 4, 9))
    move = civil_deadline(date(2026, 3, 20), 15)
    assert (move.counted_end, move.legal_due) == (date(2026, 4, 4), date(2026, 4, 6))


def test_chuseok_and_its_weekend_push_a_deadline_to_monday() -> None:
    d = civil_deadline(date(2026, 6, 27), 90)
    assert d.counted_end == date(2026, 9, 25)
    assert closed_reason(d.counted_end) == "Chuseok"
    assert d.legal_due == date(2026, 9, 28)


def test_substitute_holidays_and_election_days_are_closed() -> None:
    assert not is_working_day(date(2026, 3, 2))  # substitute for Independence Movement Day (a Sunday)
    assert not is_working_day(date(2026, 6, 3))  # local elections
    assert is_working_day(date(2026, 6, 4))


@given(days_2000_2060, periods)
def test_a_legal_deadline_never_falls_on_a_closed_day(start: date, days: int) -> None:
    assert is_working_day(civil_deadline(start, days).legal_due)


@given(days_2000_2060, periods)
def test_the_safe_date_is_an_open_day_no_later_than_the_legal_date(start: date, days: int) -> None:
    d = civil_deadline(start, days)
    assert is_working_day(d.safe_due)
    assert start <= d.safe_due < d.legal_due


@given(days_2000_2060, periods)
def test_the_legal_date_is_the_first_open_day_from_the_counted_end(start: date, days: int) -> None:
    d = civil_deadline(start, days)
    assert d.counted_end == start + timedelta(days=days)
    between = [d.counted_end + timedelta(days=k) for k in range((d.legal_due - d.counted_end).days)]
    assert not any(is_working_day(x) for x in between)


@given(st.lists(st.tuples(days_2000_2060, periods), min_size=1, max_size=30))
def test_the_column_version_agrees_with_the_single_one(items: list[tuple[date, int]]) -> None:
    starts = np.array([s for s, _ in items], dtype="datetime64[D]")
    legal, safe = civil_deadlines(starts, np.array([d for _, d in items]))
    for (start, days), got_legal, got_safe in zip(items, legal, safe, strict=True):
        one = civil_deadline(start, days)
        assert (got_legal.astype(object), got_safe.astype(object)) == (one.legal_due, one.safe_due)


@given(st.lists(days_2000_2060, min_size=1, max_size=30))
def test_expiry_deadlines_agree_in_both_versions(days: list[date]) -> None:
    legal, safe = expiry_deadlines(np.array(days, dtype="datetime64[D]"))
    for day, got_legal, got_safe in zip(days, legal, safe, strict=True):
        assert (got_legal.astype(object), got_safe.astype(object)) == expiry_deadline(day)


def test_unknown_start_dates_give_no_deadline() -> None:
    legal, safe = civil_deadlines(np.array(["NaT"], dtype="datetime64[D]"), np.array([15]))
    assert np.isnat(legal[0]) and np.isnat(safe[0])
