"""A limit on anonymous filings per address, so that the public form and Open311 POST cannot flood the queue."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from ondol.core.limits import check_address_rate


def check_filing_rate(request: HttpRequest) -> None:
    check_address_rate(request, scope="complaints", limit=int(getattr(settings, "ONDOL_COMPLAINTS_PER_HOUR", 20)))
