"""Numbers, money and dates in the reader's locale (Babel), so templates never format by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from ondol.core.languages import babel_locale


def format_krw(amount: int | Decimal | float | None, lang: str | None = None) -> str:
    """Korean won with the locale's digits and grouping, e.g. ₩35,000 or 35.000 ₫-style placement."""
    if amount is None:
        return ""
    return babel_numbers.format_currency(Decimal(amount), "KRW", locale=babel_locale(lang))


def format_number(value: int | float | Decimal | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_numbers.format_decimal(value, locale=babel_locale(lang))


def format_percent(value: float | Decimal | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_numbers.format_percent(value, locale=babel_locale(lang), format="#,##0.#%")


def format_date(value: dt.date | dt.datetime | None, lang: str | None = None, *, style: str = "medium") -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return babel_dates.format_date(value, format=style, locale=babel_locale(lang))


def format_datetime(value: dt.datetime | None, lang: str | None = None, *, style: str = "medium") -> str:
    if value is None:
        return ""
    from django.utils import timezone

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return babel_dates.format_datetime(value, format=style, locale=babel_locale(lang))
