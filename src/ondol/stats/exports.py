"""CSV and XLSX downloads of a panel. Every download is audited: who, which panel, which filters."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from ondol.core import audit
from ondol.stats.access import require_stats_reader
from ondol.stats.filters import Filters
from ondol.stats.panels import Panel, build_panel

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def panel_rows(panel: Panel) -> list[list[Any]]:
    """Header and rows; a hidden figure is written as the words "fewer than 5", never as a number."""
    hidden = _("fewer than 5")
    if panel.columns:
        header, rows = list(panel.columns), panel.table
    else:
        header, rows = [_("Group"), _("Number")], [[label, value] for label, value in panel.rows]
    return [header, *[[hidden if value is None else value for value in row] for row in rows]]


def to_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    # A byte-order mark so that spreadsheet programs open Korean and Vietnamese text correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[Any]], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31].replace("/", "-").replace(":", " ") or "Ondol"
    for row in rows:
        sheet.append([str(value) if not isinstance(value, int | float) else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def do_export_panel(actor: Any, *, filters: Filters, key: str, file_format: str, language: str,
                    request: Any = None) -> tuple[bytes, str, str]:
    """The panel as a file: (content, content type, file name). Audited before anything is returned."""
    require_stats_reader(actor)
    panel = build_panel(filters, key, language=language)
    rows = panel_rows(panel)
    content = to_csv(rows) if file_format == "csv" else to_xlsx(rows, title=panel.title)
    audit.record_event(actor, action="export", target_type="stats.panel", target_id=key, request=request,
                       detail=f"format={file_format} rows={len(rows) - 1} filters={filters.as_query()}")
    name = f"ondol-{key}-{filters.period_from}-{filters.period_to}.{file_format}"
    return content, FORMATS[file_format], name
