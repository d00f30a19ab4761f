"""Opening hours stored as data and written out in the reader's language."""

from __future__ import annotations

from typing import Any

from babel.dates import get_day_names
from django.utils.translation import gettext as _

from ondol.core.languages import babel_locale

WEEKDAYS_9_TO_6 = [{"days": [0, 1, 2, 3, 4], "opens": "09:00", "closes": "18:00"}]


def describe_opening_hours(hours: list[dict[str, Any]], lang: str | None = None) -> list[str]:
    """One line per rule, e.g. "Monday–Friday: 09:00–18:00", with day names in the reader's language."""
    names = get_day_names("wide", locale=babel_locale(lang))
    lines = []
    for rule in hours or []:
        days = sorted(rule.get("days", []))
        if not days:
            continue
        consecutive = days == list(range(days[0], days[-1] + 1))
        if len(days) > 2 and consecutive:
            label = _("%(first)s–%(last)s") % {"first": names[days[0]], "last": names[days[-1]]}
        else:
            label = ", ".join(names[day] for day in days)
        lines.append(
            _("%(days)s: %(opens)s–%(closes)s") % {"days": label, "opens": rule["opens"], "closes": rule["closes"]}
        )
    return lines
