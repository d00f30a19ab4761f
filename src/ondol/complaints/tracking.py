"""Tracking numbers `OND-YYYY-NNNNNN`: one counter row per year, incremented in the filing transaction.

The increment is a single `UPDATE … SET last_value = last_value + 1`, which takes the row's write lock
(PostgreSQL) or the database's write lock (SQLite) until the transaction ends, so two filings can never get
the same number; and because the increment rolls back with a failed filing, numbers have no gaps. Call it
as the first write of the transaction, so SQLite takes its write lock before any read snapshot.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import F

from ondol.complaints.models import TrackingCounter

PATTERN = re.compile(r"^OND-(\d{4})-(\d{6})$")


def format_number(year: int, value: int) -> str:
    return f"OND-{year}-{value:06d}"


def allocate_tracking_number(year: int) -> str:
    """The next number of `year`; must run inside the transaction that stores the complaint."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Allocate tracking numbers inside the transaction that stores the complaint.")
    updated = TrackingCounter.objects.filter(year=year).update(last_value=F("last_value") + 1)
    if not updated:
        # First filing of the year: create the row (a concurrent creator wins, we then increment it).
        TrackingCounter.objects.bulk_create([TrackingCounter(year=year, last_value=0)], ignore_conflicts=True)
        TrackingCounter.objects.filter(year=year).update(last_value=F("last_value") + 1)
    value = TrackingCounter.objects.values_list("last_value", flat=True).get(year=year)
    return format_number(year, value)


def is_tracking_number(text: str) -> bool:
    return bool(PATTERN.match(text or ""))
