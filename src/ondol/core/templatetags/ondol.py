"""Template filters that format per the active language: {% load ondol %}."""

from __future__ import annotations

from django import template

from ondol.core import formatting

register = template.Library()


@register.filter
def krw(value):  # type: ignore[no-untyped-def]
    return formatting.format_krw(value)


@register.filter
def ldate(value, style: str = "medium"):  # type: ignore[no-untyped-def]
    return formatting.format_date(value, style=style)


@register.filter
def ldatetime(value, style: str = "medium"):  # type: ignore[no-untyped-def]
    return formatting.format_datetime(value, style=style)


@register.filter
def lnumber(value):  # type: ignore[no-untyped-def]
    return formatting.format_number(value)


@register.filter
def lpercent(value):  # type: ignore[no-untyped-def]
    return formatting.format_percent(value)
