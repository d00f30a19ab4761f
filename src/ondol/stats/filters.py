"""The filters every dashboard shares: months, district, dong, agency, nationality, language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _

from ondol.core.errors import InvalidInput
from ondol.core.languages import normalize_language

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_DIGITS = re.compile(r"^\d+$")


def period_start(period: str) -> dt.date:
    match = _PERIOD.match(period)
    if not match:
        raise ValueError(period)
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def period_end(period: str) -> dt.date:
    """The last day of month `period`."""
    start = period_start(period)
    following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def shift_period(period: str, months: int) -> str:
    start = period_start(period)
    index = start.year * 12 + start.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def is_period(value: str) -> bool:
    return bool(_PERIOD.match(value or ""))


@dataclass(frozen=True)
class Filters:
    """`period_from`–`period_to` are months (YYYY-MM); resident snapshots use `period_to`."""

    period_from: str
    period_to: str
    district: str = ""  # sigungu code, 5 digits
    dong: str = ""  # dong code, 10 digits
    agency: int | None = None
    nationality: str = ""
    language: str = ""
    source: str = ""  # resident counts: "official" or "registry"; empty means "the best available"

    @property
    def start(self) -> dt.date:
        return period_start(self.period_from)

    @property
    def end(self) -> dt.date:
        return period_end(self.period_to)

    @property
    def region_code(self) -> str:
        return self.dong or self.district

    def with_(self, **changes: Any) -> Filters:
        return replace(self, **changes)

    def as_query(self) -> dict[str, str]:
        """The filters as URL parameters (for links to exports and other panels)."""
        values = {"from": self.period_from, "to": self.period_to, "district": self.district, "dong": self.dong,
                  "agency": str(self.agency or ""), "nationality": self.nationality, "language": self.language,
                  "source": self.source}
        return {key: value for key, value in values.items() if value}

    @classmethod
    def parse(cls, params: Mapping[str, Any], *, default_to: str, months: int = 12) -> Filters:
        """Read filters from query parameters; a bad value is an InvalidInput naming the field."""
        errors: dict[str, str] = {}
        period_to = str(params.get("to") or default_to)
        if not is_period(period_to):
            errors["to"] = _("Write the month as YYYY-MM, for example 2026-10.")
            period_to = default_to
        period_from = str(params.get("from") or shift_period(period_to, -(months - 1)))
        if not is_period(period_from):
            errors["from"] = _("Write the month as YYYY-MM, for example 2026-10.")
            period_from = shift_period(period_to, -(months - 1))
        if period_from > period_to:
            errors["from"] = _("The first month must not come after the last month.")
        district = str(params.get("district") or "").strip()
        if district and not (len(district) == 5 and _DIGITS.match(district)):
            errors["district"] = _("Choose a district from the list.")
        dong = str(params.get("dong") or "").strip()
        if dong and not (len(dong) == 10 and _DIGITS.match(dong)):
            errors["dong"] = _("Choose a dong from the list.")
        agency_raw = str(params.get("agency") or "").strip()
        agency = int(agency_raw) if agency_raw.isdigit() else None
        if agency_raw and agency is None:
            errors["agency"] = _("Choose an agency from the list.")
        nationality = str(params.get("nationality") or "").strip().upper()
        if nationality and not (len(nationality) == 2 and nationality.isalpha()):
            errors["nationality"] = _("Write the nationality as a two-letter country code, for example VN.")
        language_raw = str(params.get("language") or "").strip()
        language = normalize_language(language_raw) or "" if language_raw else ""
        if language_raw and not language:
            errors["language"] = _("Choose a language from the list.")
        source = str(params.get("source") or "").strip()
        if source not in ("", "official", "registry"):
            errors["source"] = _("Choose official statistics or Ondol's registry.")
        if errors:
            raise InvalidInput(fields=errors)
        return cls(period_from=period_from, period_to=period_to, district=district, dong=dong, agency=agency,
                   nationality=nationality, language=language, source=source)
