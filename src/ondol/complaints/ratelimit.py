"""A small fixed-window limit on anonymous filings per address, so that the public form and Open311 POST
cannot be used to flood the queue."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from ondol.core.errors import RateLimited

WINDOW_SECONDS = 3600


def check_filing_rate(request: HttpRequest) -> None:
    limit = int(getattr(settings, "ONDOL_COMPLAINTS_PER_HOUR", 20))
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"complaints:filed:{address}:{int(time.time() // WINDOW_SECONDS)}"
    cache.add(key, 0, WINDOW_SECONDS)
    if cache.incr(key) > limit:
        raise RateLimited()
