"""{% load stats_tags %}: one filter that writes any table cell of a statistics panel."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.utils.translation import gettext as _

from ondol.core.formatting import format_number
from ondol.core.languages import current_language

register = template.Library()


@register.filter
def stat_cell(value: Any) -> str:
    """A hidden figure as words, a number in the reader's locale, anything else as text."""
    if value is None:
        return _("fewer than 5")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        # Tables such as referral flows have thousands of cells; Babel takes a while per number.
        return _integer(value, current_language())
    if isinstance(value, float):
        return format_number(value)
    return str(value)


@lru_cache(maxsize=8192)
def _integer(value: int, language: str | None) -> str:
    return format_number(value, language)
