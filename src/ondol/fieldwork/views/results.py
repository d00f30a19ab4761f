"""Round results per dong, district, nationality and language, with CSV and XLSX downloads (audited)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from ondol.core import audit
from ondol.core.errors import InvalidInput, NotFound
from ondol.fieldwork import access
from ondol.fieldwork.queries import GROUPINGS, METRICS, ResultRow, round_results, rounds_in

GROUP_LABELS = {"dong": _lazy("Dong"), "district": _lazy("District"), "nationality": _lazy("Nationality"),
                "language": _lazy("Language")}


def _params(request: HttpRequest) -> tuple[str, str]:
    by = request.GET.get("by", "dong")
    if by not in GROUPINGS:
        raise InvalidInput(fields={"by": _("Choose one of the listed groupings.")})
    return request.GET.get("round", ""), by


def _results(request: HttpRequest) -> tuple[str, str, list[ResultRow], ResultRow, list[str]]:
    access.require_fieldwork_staff(request.user)
    scope = access.result_scope(request.user)
    rounds = rounds_in(scope)
    selected_round, by = _params(request)
    selected_round = selected_round or (rounds[0] if rounds else "")
    rows, total = round_results(scope=scope, round=selected_round, by=by)
    return selected_round, by, rows, total, rounds


@login_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    selected_round, by, rows, total, rounds = _results(request)
    chart_max = max([total.counts["households"], 1])
    bars = [{"label": str(label), "value": total.counts[key], "width": 5 * round(20 * total.counts[key] / chart_max)}
            for key, label in METRICS]
    return render(request, "fieldwork/staff/results.html", {
        "rounds": rounds, "selected_round": selected_round, "by": by, "groupings": GROUPINGS,
        "group_labels": GROUP_LABELS, "metrics": [str(label) for _key, label in METRICS], "rows": rows,
        "total": total, "bars": bars,
    })


def _table(by: str, rows: list[ResultRow], total: ResultRow) -> list[list[Any]]:
    header = [str(GROUP_LABELS[by]), *[str(label) for _key, label in METRICS]]
    return [header, *[[row.label, *row.values] for row in rows], [total.label, *total.values]]


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise NotFound(_("Results can be downloaded as CSV or XLSX."))
    selected_round, by, rows, total, _rounds = _results(request)
    table = _table(by, rows, total)
    name = f"fieldwork-results-{selected_round or 'all'}-{by}"
    audit.record_event(request.user, action="export", target_type="fieldwork.results",
                       target_id=selected_round, detail=f"by={by} format={fmt} rows={len(rows)}", request=request)
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 CSV with Hangul correctly only with a BOM
        csv.writer(buffer).writerows(table)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = (selected_round or "results")[:31]
        for line in table:
            sheet.append(line)
        data = io.BytesIO()
        workbook.save(data)
        response = HttpResponse(
            data.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
