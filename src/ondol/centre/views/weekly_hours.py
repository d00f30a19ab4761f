"""Staff page: a centre manager edits the centre's weekly opening hours and each person's weekly hours."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import get_day_names
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ondol.centre import access
from ondol.centre.models import Provider
from ondol.centre.services.weekly_hours import (
    Window,
    do_set_opening_hours,
    do_set_weekly_rules,
    opening_windows,
    require_manager,
)
from ondol.centre.views.staff import staff_page
from ondol.core.errors import InvalidInput
from ondol.core.languages import babel_locale

BLANK_ROWS = 3
MAX_ROWS = 60
ROW_FIELDS = ("weekday", "starts", "ends", "valid_from", "valid_until", "remove")


def _row(window: Window) -> dict[str, str]:
    return {"weekday": str(window.weekday), "starts": f"{window.starts:%H:%M}", "ends": f"{window.ends:%H:%M}",
            "valid_from": window.valid_from.isoformat() if window.valid_from else "",
            "valid_until": window.valid_until.isoformat() if window.valid_until else ""}


def _posted_rows(data: Any) -> list[dict[str, str]]:
    try:
        count = min(int(data.get("rows", "0")), MAX_ROWS)
    except ValueError:
        count = 0
    return [{name: data.get(f"{name}-{index}", "").strip() for name in ROW_FIELDS} for index in range(count)]


def parse_rows(rows: list[dict[str, str]]) -> tuple[list[Window], list[int]]:
    """The windows the form describes and the row each came from; empty and removed rows are skipped."""
    windows: list[Window] = []
    origins: list[int] = []
    errors: dict[str, str] = {}
    for index, row in enumerate(rows):
        if row.get("remove") or not (row.get("starts") or row.get("ends")):
            continue
        try:
            window = Window(weekday=int(row.get("weekday", "")), starts=dt.time.fromisoformat(row["starts"]),
                            ends=dt.time.fromisoformat(row["ends"]),
                            valid_from=dt.date.fromisoformat(row["valid_from"]) if row.get("valid_from") else None,
                            valid_until=dt.date.fromisoformat(row["valid_until"]) if row.get("valid_until") else None)
        except (KeyError, ValueError):
            errors[f"row-{index}"] = _("Enter a day, an opening time and a closing time.")
            continue
        windows.append(window)
        origins.append(index)
    if errors:
        raise InvalidInput(fields=errors)
    return windows, origins


def _save(request: HttpRequest, centre: Any, form: str, rows: list[dict[str, str]]) -> str:
    """Save one form of the page; errors come back keyed by the row they belong to."""
    windows, origins = parse_rows(rows)
    try:
        if form == "centre":
            do_set_opening_hours(request.user, centre=centre, windows=windows)
            return _("The opening hours of the centre are saved.")
        provider_id = form.removeprefix("provider-")
        provider = get_object_or_404(Provider, pk=provider_id if provider_id.isdigit() else 0, agency=centre)
        do_set_weekly_rules(request.user, provider=provider, windows=windows)
        return _("The weekly hours of %(name)s are saved.") % {"name": provider.display_name}
    except InvalidInput as error:
        error.fields = {f"row-{origins[int(key.split('-')[1])]}": text for key, text in error.fields.items()}
        raise


def _form(key: str, title: str, rows: list[dict[str, str]], errors: dict[str, Any], *, validity: bool
          ) -> dict[str, Any]:
    """One form of the page: its rows (with room for new ones) and the error of each row."""
    padded = rows if errors else rows + [{} for _index in range(BLANK_ROWS)]
    return {"key": key, "title": title, "validity": validity, "count": len(padded),
            "rows": [(index, row, errors.get(f"row-{index}", "")) for index, row in enumerate(padded)]}


@require_http_methods(["GET", "POST"])
@staff_page
def weekly_hours(request: HttpRequest) -> HttpResponse:
    centre = access.current_centre(request.user, request.GET.get("centre") or request.POST.get("centre"))
    require_manager(request.user, centre)
    providers = list(Provider.objects.filter(agency=centre, is_active=True).prefetch_related("rules"))
    posted_form, posted_rows, error = request.POST.get("form", ""), _posted_rows(request.POST), None
    if request.method == "POST":
        try:
            messages.success(request, _save(request, centre, posted_form, posted_rows))
        except InvalidInput as raised:
            error = raised
        else:
            return redirect(reverse("centre_staff:weekly-hours") + f"?centre={centre.pk}")

    def rows_of(key: str, saved: list[Window]) -> tuple[list[dict[str, str]], dict[str, Any]]:
        if error is not None and key == posted_form:
            return posted_rows, error.fields
        return [_row(window) for window in saved], {}

    forms = [_form("centre", _("Opening hours of the centre"), *rows_of("centre", opening_windows(centre)),
                   validity=False)]
    for provider in providers:
        saved = [Window(weekday=r.weekday, starts=r.starts, ends=r.ends, valid_from=r.valid_from,
                        valid_until=r.valid_until) for r in sorted(provider.rules.all(), key=lambda r: (r.weekday, r.starts))]
        forms.append(_form(f"provider-{provider.pk}", f"{provider.display_name} ({provider.get_kind_display()})",
                           *rows_of(f"provider-{provider.pk}", saved), validity=True))
    names = get_day_names("wide", locale=babel_locale())
    days = [(str(day), names[day]) for day in range(7)]
    return render(request, "centre/staff/weekly_hours.html",
                  {"centre": centre, "forms": forms, "days": days, "error": error},
                  status=error.status if error else 200)
