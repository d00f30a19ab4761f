"""Small helpers shared by the centre's public and staff pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ondol.core.errors import DomainError
from ondol.core.views import domain_error_response


def handles_domain_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn a domain error raised anywhere in the view into its page (or HTMX fragment)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as error:
            return domain_error_response(request, error)

    return wrapper


def parse_day(value: str | None, default: dt.date | None = None) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return default or timezone.localdate()


def parse_local_datetime(value: str | None) -> dt.datetime | None:
    """An ISO date-time from a form, read in the centre's time zone."""
    try:
        parsed = dt.datetime.fromisoformat(value or "")
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed
