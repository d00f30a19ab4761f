"""Explaining a deadline in words: why this day, why not the day before, what if it is missed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .deadlines import civil_deadline, closed_reason
from .results import Reason, ReasonDef

CIVIL = "민법 제157조, 제159조, 제161조; 행정기본법 제6조제1항"

HOLIDAY_NAMES = {
    "New Year's Day": _("New Year's Day"),
    "The day preceding Korean New Year": _("the day before Lunar New Year (Seollal)"),
    "Korean New Year": _("Lunar New Year (Seollal)"),
    "The second day of Korean New Year": _("the second day of Lunar New Year (Seollal)"),
    "Independence Movement Day": _("Independence Movement Day"),
    "Labor Day": _("Labour Day"),
    "Children's Day": _("Children's Day"),
    "Buddha's Birthday": _("Buddha's Birthday"),
    "Memorial Day": _("Memorial Day"),
    "Constitution Day": _("Constitution Day"),
    "Liberation Day": _("Liberation Day"),
    "The day preceding Chuseok": _("the day before Chuseok"),
    "Chuseok": _("Chuseok"),
    "The second day of Chuseok": _("the second day of Chuseok"),
    "National Foundation Day": _("National Foundation Day"),
    "Hangul Day": _("Hangul Day"),
    "Christmas Day": _("Christmas Day"),
    "Local Election Day": _("a local election day"),
    "Presidential Election Day": _("a presidential election day"),
    "National Assembly Election Day": _("a National Assembly election day"),
    "Temporary Public Holiday": _("a temporary public holiday"),
}
_ALTERNATIVE = "Alternative holiday for "


@dataclass(frozen=True)
class HolidayName:
    """A holiday's name, translated only when shown (inside the resident's language)."""

    english: str

    def __str__(self) -> str:
        name = self.english.split("; ")[0]
        if name.startswith(_ALTERNATIVE):
            inner = HOLIDAY_NAMES.get(name.removeprefix(_ALTERNATIVE))
            if inner is not None:
                return gettext("the substitute holiday for %(holiday)s") % {"holiday": str(inner)}
        known = HOLIDAY_NAMES.get(name)
        return str(known) if known is not None else name


R_FIRST_DAY = ReasonDef(
    "deadline_first_day_not_counted",
    _("The %(days)s days start on the day after %(start)s, because the first day is not counted, so they end on %(counted_end)s."),
    "민법 제157조, 제159조",
)
R_SATURDAY = ReasonDef(
    "deadline_moved_from_saturday",
    _("%(counted_end)s is a Saturday, so the deadline moves to the next working day, %(legal_due)s."),
    "민법 제161조",
)
R_SUNDAY = ReasonDef(
    "deadline_moved_from_sunday",
    _("%(counted_end)s is a Sunday, so the deadline moves to the next working day, %(legal_due)s."),
    "민법 제161조",
)
R_HOLIDAY = ReasonDef(
    "deadline_moved_from_holiday",
    _("%(counted_end)s is a public holiday (%(holiday)s), so the deadline moves to the next working day, %(legal_due)s."),
    "민법 제161조; 관공서의 공휴일에 관한 규정",
)
R_SAFE = ReasonDef(
    "deadline_safe_date",
    _("To be safe, go by %(safe_due)s: some offices count the first day, which ends the period on %(first_day_counted_end)s."),
    "행정기본법 제6조",
)
R_SAFE_CLOSED = ReasonDef(
    "deadline_safe_date_closed",
    _(
        "To be safe, go by %(safe_due)s: some offices count the first day, which ends the period on "
        "%(first_day_counted_end)s, a day offices are closed."
    ),
    "행정기본법 제6조",
)
R_EXPIRY = ReasonDef(
    "deadline_before_expiry",
    _("The card is valid until %(legal_due)s; apply for the new card before then, at the latest on %(safe_due)s, a working day."),
    "출입국관리법 제33조",
)
R_OVERDUE = ReasonDef(
    "deadline_passed",
    _("This deadline passed on %(legal_due)s. If you have not done it yet, do it as soon as possible."),
    "",
)


def explain_period(start: date, days: int, as_of: date) -> tuple[Reason, ...]:
    """Why a `days`-day period from `start` ends when it does, in the resident's words."""
    d = civil_deadline(start, days)
    p = {
        "days": days,
        "start": start,
        "counted_end": d.counted_end,
        "legal_due": d.legal_due,
        "safe_due": d.safe_due,
        "first_day_counted_end": d.first_day_counted_end,
    }
    reasons = [_reason(R_FIRST_DAY, p)]
    if d.moved:
        why = closed_reason(d.counted_end)
        if why == "saturday":
            reasons.append(_reason(R_SATURDAY, p))
        elif why == "sunday":
            reasons.append(_reason(R_SUNDAY, p))
        else:
            reasons.append(_reason(R_HOLIDAY, {**p, "holiday": HolidayName(why)}))
    safe_closed = d.safe_due != d.first_day_counted_end
    reasons.append(_reason(R_SAFE_CLOSED if safe_closed else R_SAFE, p))
    if as_of > d.legal_due:
        reasons.append(_reason(R_OVERDUE, p))
    return tuple(reasons)


def explain_expiry(legal_due: date, safe_due: date, as_of: date) -> tuple[Reason, ...]:
    p = {"legal_due": legal_due, "safe_due": safe_due}
    reasons = [_reason(R_EXPIRY, p)]
    if as_of > legal_due:
        reasons.append(_reason(R_OVERDUE, p))
    return tuple(reasons)


def _reason(r: ReasonDef, params: Mapping[str, object]) -> Reason:
    return Reason(r.code, r.message, params, r.legal_basis)
