"""Reporting deadlines counted the way the Civil Act counts periods (reference §5).

- 민법 Art. 157: a period in days that does not start at midnight does not count its first day,
  so a 15-day period starting on 20 March ends on 4 April.
- Art. 159: it ends at the end of its last day.
- Art. 161: if the last day is a Saturday or a public holiday, it ends on the next working day.
  Public holidays are those of the 관공서의 공휴일에 관한 규정 (Sundays, national days, the lunar
  New Year and Chuseok, substitute holidays, election days), taken from the `holidays` package.
- 행정기본법 Art. 6(1) applies these rules to administrative periods such as reporting duties.

Because some offices count the first day anyway, we also give a *safe* date: the first day
counted and, if that falls on a closed day, the working day before. Going by the safe date is
never late under either reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays
import numpy as np

_EPOCH = date(1970, 1, 1)
_FIRST_YEAR, _LAST_YEAR = 1990, 2080


@cache
def _holidays() -> holidays.HolidayBase:
    return holidays.country_holidays(
        "KR", years=range(_FIRST_YEAR, _LAST_YEAR + 1), categories=(holidays.PUBLIC,), language="en_US"
    )


def holiday_name(day: date) -> str | None:
    """The holiday's English name from the `holidays` package, or None for an ordinary day."""
    name = _holidays().get(day)
    return None if name is None else str(name)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays()


def next_working_day(day: date) -> date:
    """`day` itself if offices are open, else the first open day after it (Art. 161)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def closed_reason(day: date) -> str:
    """Why offices are closed on `day`: 'saturday', 'sunday' or the holiday's English name."""
    name = holiday_name(day)
    if name:
        return name
    return "saturday" if day.weekday() == 5 else "sunday"


@dataclass(frozen=True)
class CivilDeadline:
    start: date
    days: int
    counted_end: date  # last day with the first day excluded (Art. 157)
    legal_due: date  # moved to the next working day if needed (Art. 161)
    first_day_counted_end: date
    safe_due: date

    @property
    def moved(self) -> bool:
        return self.legal_due != self.counted_end


def civil_deadline(start: date, days: int) -> CivilDeadline:
    """The deadline `days` days after the event on `start` (e.g. entry, moving in)."""
    counted_end = start + timedelta(days=days)
    first_day_counted_end = counted_end - timedelta(days=1)
    return CivilDeadline(
        start=start,
        days=days,
        counted_end=counted_end,
        legal_due=next_working_day(counted_end),
        first_day_counted_end=first_day_counted_end,
        safe_due=previous_working_day(first_day_counted_end),
    )


def expiry_deadline(expires_on: date) -> tuple[date, date]:
    """A duty to act before a card expires: legal date = expiry, safe date = last working day before it."""
    return expires_on, previous_working_day(expires_on - timedelta(days=1))


# --- the same rules over columns ------------------------------------------------------------
@cache
def _shift_tables() -> tuple[np.ndarray, np.ndarray]:
    """For every day of the covered years: the next and the previous working day (as day numbers)."""
    first = (date(_FIRST_YEAR, 1, 1) - _EPOCH).days
    last = (date(_LAST_YEAR, 12, 31) - _EPOCH).days
    open_days = np.array([is_working_day(_EPOCH + timedelta(days=d)) for d in range(first, last + 1)])
    idx = np.arange(first, last + 1)
    nxt = np.where(open_days, idx, np.iinfo(np.int64).max)
    nxt = np.minimum.accumulate(nxt[::-1])[::-1]
    prv = np.where(open_days, idx, np.iinfo(np.int64).min)
    prv = np.maximum.accumulate(prv)
    return nxt, prv


def _day_numbers(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype(np.int64)


def _lookup(table: np.ndarray, day_numbers: np.ndarray, valid: np.ndarray) -> np.ndarray:
    first = (date(_FIRST_YEAR, 1, 1) - _EPOCH).days
    pos = np.clip(day_numbers - first, 0, len(table) - 1)
    out = table[pos].astype("datetime64[D]")
    out[~valid] = np.datetime64("NaT")
    return out


def civil_deadlines(starts: np.ndarray, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised `civil_deadline`: (legal_due, safe_due) as datetime64[D], NaT where start is NaT."""
    nxt, prv = _shift_tables()
    valid = ~np.isnat(starts)
    counted_end = _day_numbers(starts) + days.astype(np.int64)
    in_range = valid & (counted_end > (date(_FIRST_YEAR, 1, 10) - _EPOCH).days)
    in_range &= counted_end < (date(_LAST_YEAR, 12, 20) - _EPOCH).days
    return _lookup(nxt, counted_end, in_range), _lookup(prv, counted_end - 1, in_range)


def expiry_deadlines(expires: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    _, prv = _shift_tables()
    valid = ~np.isnat(expires)
    day_numbers = _day_numbers(expires)
    safe = _lookup(prv, day_numbers - 1, valid)
    legal = expires.astype("datetime64[D]").copy()
    return legal, safe
