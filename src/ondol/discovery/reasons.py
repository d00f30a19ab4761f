"""Put a household's top reasons into plain words in the reader's language.

Reasons are stored as data (indicator code, points, date, months, amount) so that the field-work
app can show them in each worker's language; this is the one place that turns them into words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ondol.core.formatting import format_date, format_krw
from ondol.discovery.pipeline.catalogue import Catalogue, load_catalogue

_catalogue: Catalogue | None = None


def _default_catalogue() -> Catalogue:
    global _catalogue
    if _catalogue is None:
        _catalogue = load_catalogue()
    return _catalogue


def _context_sentence(code: str) -> str | None:
    if code == "lives_alone":
        return _("Lives alone.")
    if code == "elderly_head":
        return _("The head of the household is 65 or older.")
    if code == "large_household":
        return _("A household of four or more people.")
    return None


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def describe_reason(reason: Mapping[str, Any], *, language: str | None = None,
                    catalogue: Catalogue | None = None) -> str:
    """One reason as one sentence, e.g. "On 3 May 2025: Electricity bill overdue for 3 months (₩450,000)."."""
    code = str(reason.get("indicator") or "")
    context = _context_sentence(code)
    if context:
        return context
    language = language or get_language() or "ko"
    indicator = (catalogue or _default_catalogue()).indicators.get(code)
    params: dict[str, Any] = {
        "indicator": indicator.description(language) if indicator else code,
        "date": format_date(_as_date(reason.get("observed_on")), language),
    }
    months, amount = reason.get("months"), reason.get("amount_krw")
    if months and amount:
        params.update(months=months, amount=format_krw(amount, language))
        return ngettext(
            "On %(date)s: %(indicator)s for %(months)s month (%(amount)s).",
            "On %(date)s: %(indicator)s for %(months)s months (%(amount)s).",
            int(months),
        ) % params
    if months:
        params.update(months=months)
        return ngettext(
            "On %(date)s: %(indicator)s for %(months)s month.",
            "On %(date)s: %(indicator)s for %(months)s months.",
            int(months),
        ) % params
    if amount:
        params.update(amount=format_krw(amount, language))
        return _("On %(date)s: %(indicator)s (%(amount)s).") % params
    return _("On %(date)s: %(indicator)s.") % params


def describe_reasons(reasons: Iterable[Mapping[str, Any]] | None, *, language: str | None = None,
                     catalogue: Catalogue | None = None) -> list[str]:
    return [describe_reason(r, language=language, catalogue=catalogue) for r in (reasons or [])]
