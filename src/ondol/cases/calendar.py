"""Business days in Korea: Saturdays, Sundays and public holidays (with substitute holidays) are not counted.

Used for referral answer deadlines and complaint processing times (민원처리법 시행령 Art. 18 counts
processing periods in business days).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _korean_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KR", years=[year])


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _korean_holidays(day.year)


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The date `days` business days after `start` (the start day itself is not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after `start` up to and including `end` (0 when `end` is not later)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count
