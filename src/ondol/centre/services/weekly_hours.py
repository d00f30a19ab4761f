"""Weekly hours a centre manager edits: the centre's opening hours and each counsellor's or interpreter's rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from babel.dates import get_day_names
from django.db import transaction
from django.utils.translation import gettext as _

from ondol.centre.access import manages_centre
from ondol.centre.models import AvailabilityRule, Provider
from ondol.core import audit
from ondol.core.errors import InvalidInput, PermissionDenied
from ondol.core.languages import babel_locale
from ondol.core.models import Agency


@dataclass(frozen=True)
class Window:
    """One weekly window: a weekday (0 = Monday), from, until, and for a person's rules optional validity dates."""

    weekday: int
    starts: dt.time
    ends: dt.time
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def label(self) -> str:
        day = get_day_names("wide", locale=babel_locale())[self.weekday]
        return f"{day} {self.starts:%H:%M}–{self.ends:%H:%M}"


def require_manager(actor: Any, centre: Agency) -> None:
    """Refuse (403) anyone but a manager of this centre."""
    if not manages_centre(actor, centre):
        raise PermissionDenied(_("Only a manager of this centre can change its weekly hours."))


def _periods_meet(left: Window, right: Window) -> bool:
    """True when the two windows can apply on one same date (open-ended validity counts as always)."""
    starts = max(left.valid_from or dt.date.min, right.valid_from or dt.date.min)
    ends = min(left.valid_until or dt.date.max, right.valid_until or dt.date.max)
    return starts <= ends


def check_windows(windows: list[Window]) -> dict[str, str]:
    """Errors by row (`row-<index>`): a start after its end, an inverted validity period, or two windows that overlap."""
    errors: dict[str, str] = {}
    for index, window in enumerate(windows):
        if not 0 <= window.weekday <= 6:
            errors[f"row-{index}"] = _("Choose a day of the week.")
        elif window.starts >= window.ends:
            errors[f"row-{index}"] = _("The opening time must be before the closing time.")
        elif window.valid_from and window.valid_until and window.valid_from > window.valid_until:
            errors[f"row-{index}"] = _("The first valid day must not be after the last one.")
    malformed = set(errors)
    for index, window in enumerate(windows):
        if f"row-{index}" in malformed:
            continue
        for other_index, other in enumerate(windows[:index]):
            if (f"row-{other_index}" not in malformed and other.weekday == window.weekday
                    and window.starts < other.ends and other.starts < window.ends and _periods_meet(window, other)):
                errors[f"row-{index}"] = _("%(window)s overlaps %(other)s on the same day.") % {
                    "window": window.label(), "other": other.label()}
                break
    return errors


def _describe(windows: list[Window]) -> str:
    return "; ".join(f"{w.weekday} {w.starts:%H:%M}-{w.ends:%H:%M}" for w in sorted(windows, key=_order))


def _order(window: Window) -> tuple[Any, ...]:
    return window.weekday, window.starts, window.valid_from or dt.date.min


@transaction.atomic
def do_set_weekly_rules(actor: Any, *, provider: Provider, windows: list[Window]) -> list[AvailabilityRule]:
    """Replace a counsellor's or interpreter's weekly rules with `windows`, after checking them together."""
    require_manager(actor, provider.agency)
    errors = check_windows(windows)
    if errors:
        raise InvalidInput(fields=errors)
    Provider.objects.select_for_update().filter(pk=provider.pk).first()
    provider.rules.all().delete()
    rules = AvailabilityRule.objects.bulk_create([
        AvailabilityRule(provider=provider, weekday=w.weekday, starts=w.starts, ends=w.ends, valid_from=w.valid_from,
                         valid_until=w.valid_until) for w in sorted(windows, key=_order)])
    audit.record_change(actor, provider, action="weekly_hours", detail=_describe(windows))
    return rules


def opening_windows(centre: Agency) -> list[Window]:
    """The centre's opening hours (`Agency.opening_hours`) as one window per day."""
    windows = []
    for rule in centre.opening_hours or []:
        for day in rule.get("days", []):
            windows.append(Window(weekday=int(day), starts=dt.time.fromisoformat(rule["opens"]),
                                  ends=dt.time.fromisoformat(rule["closes"])))
    return sorted(windows, key=_order)


def _as_opening_hours(windows: list[Window]) -> list[dict[str, Any]]:
    """Days with the same hours share one entry, as `ondol.core.hours.describe_opening_hours` expects."""
    grouped: dict[tuple[str, str], list[int]] = {}
    for window in sorted(windows, key=_order):
        grouped.setdefault((f"{window.starts:%H:%M}", f"{window.ends:%H:%M}"), []).append(window.weekday)
    entries = [{"days": sorted(set(days)), "opens": opens, "closes": closes} for (opens, closes), days in grouped.items()]
    return sorted(entries, key=lambda entry: (entry["days"][0], entry["opens"]))


@transaction.atomic
def do_set_opening_hours(actor: Any, *, centre: Agency, windows: list[Window]) -> Agency:
    """Replace the centre's weekly opening hours; the library's due dates and the guide read them."""
    require_manager(actor, centre)
    windows = [Window(weekday=w.weekday, starts=w.starts, ends=w.ends) for w in windows]
    errors = check_windows(windows)
    if errors:
        raise InvalidInput(fields=errors)
    centre.opening_hours = _as_opening_hours(windows)
    centre.save(update_fields=["opening_hours"])
    audit.record_change(actor, centre, action="opening_hours", detail=_describe(windows))
    return centre
