"""Retry a short write when SQLite reports a lock.

SQLite answers a second concurrent writer with "database table is locked" at once instead of queueing it
as PostgreSQL does. Retrying after a short pause lets the second writer meet the first one's committed row
(and its unique key), which is the behaviour the services are written for.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection

T = TypeVar("T")
ATTEMPTS = 30


def retry_on_lock(write: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    for attempt in range(attempts):
        try:
            return write()
        except OperationalError:
            # Inside an outer transaction a retry would not help: the caller's transaction is already broken.
            if attempt == attempts - 1 or connection.in_atomic_block:
                raise
            # Jitter, so that writers that collided do not collide again in lockstep; capped at half a second.
            time.sleep(min(0.02 * (attempt + 1), 0.5) * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")
