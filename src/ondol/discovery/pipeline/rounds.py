"""Discovery rounds are named by month (`YYYY-MM`); a round looks at records up to its first day."""

from __future__ import annotations

import re
from datetime import date

ROUND_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def is_round(value: str) -> bool:
    return bool(ROUND_PATTERN.match(value or ""))


def round_start(value: str) -> date:
    """The first day of round `YYYY-MM`: records observed after it belong to a later round."""
    match = ROUND_PATTERN.match(value or "")
    if not match:
        raise ValueError(f"A round is written YYYY-MM, not {value!r}.")
    return date(int(match.group(1)), int(match.group(2)), 1)


def shift_months(day: date, months: int) -> date:
    """The first day of the month `months` after (or before, if negative) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
