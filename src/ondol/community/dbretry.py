"""Retry a short transaction when SQLite reports a lock.

SQLite lets one writer in at a time; a second writer normally waits (the `timeout` option), but in
shared-cache mode (the in-memory test database) it fails at once with "table is locked". Retrying
the whole transaction is then correct. PostgreSQL waits on row locks instead and never gets here.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection

T = TypeVar("T")


def retry_when_locked(func: Callable[[], T], *, attempts: int = 20) -> T:
    for attempt in range(attempts):
        try:
            return func()
        except OperationalError as error:
            # Inside an outer transaction a retry would repeat only part of it: let the caller fail.
            if "locked" not in str(error) or connection.in_atomic_block or attempt == attempts - 1:
                raise
            time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
    raise AssertionError("unreachable")
