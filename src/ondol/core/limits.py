"""Shared guards for public forms and concurrent writers: a per-address rate limit and a lock retry."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import OperationalError, connection
from django.http import HttpRequest

from ondol.core.errors import RateLimited

T = TypeVar("T")


def check_address_rate(request: HttpRequest, *, scope: str, limit: int, window_seconds: int = 3600,
                       message: Any = None) -> None:
    """A fixed window per network address in Django's cache, so one sender cannot flood a public form."""
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"rate:{scope}:{address}:{int(time.time() // window_seconds)}"
    cache.add(key, 0, window_seconds)
    if cache.incr(key) > limit:
        raise RateLimited(message)


def retry_when_locked(write: Callable[[], T], *, attempts: int = 30) -> T:
    """Run a short write again when SQLite reports a lock.

    SQLite answers a second concurrent writer with "database table is locked" at once (in shared-cache
    mode, as in the in-memory test database) instead of queueing it as PostgreSQL does. Retrying the whole
    write lets it meet the first writer's committed rows and unique keys, which is what services expect.
    Inside an outer transaction a retry would repeat only part of it, so the error goes to the caller.
    """
    for attempt in range(attempts):
        try:
            return write()
        except OperationalError as error:
            if "locked" not in str(error) or connection.in_atomic_block or attempt == attempts - 1:
                raise
            # Jitter, so that writers that collided do not collide again in lockstep; capped at half a second.
            time.sleep(min(0.02 * (attempt + 1), 0.5) * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")
