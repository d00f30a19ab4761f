"""JSON statistics: public resident panels without sign-in, every panel for staff. Aggregates only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from ondol.api import staff_auth
from ondol.core.errors import NotFound
from ondol.core.languages import current_language
from ondol.stats.access import require_stats_reader
from ondol.stats.filters import Filters
from ondol.stats.panels import PUBLIC_PANELS, STAFF_PANELS, Panel, build_panel
from ondol.stats.views import default_period

router = Router(tags=["stats"])


class RowOut(Schema):
    label: str
    count: int | None  # null: fewer than 5 people, hidden


class PanelOut(Schema):
    key: str
    title: str
    available: bool
    period_from: str
    period_to: str
    total: int | None
    rows: list[RowOut]
    columns: list[str]
    table: list[list[Any]]
    note: str


def _out(panel: Panel, filters: Filters) -> dict[str, Any]:
    return {"key": panel.key, "title": panel.title, "available": panel.available, "period_from": filters.period_from,
            "period_to": filters.period_to, "total": panel.total, "note": panel.note, "columns": panel.columns,
            "table": panel.table, "rows": [{"label": label, "count": count} for label, count in panel.rows]}


def _panel(request: HttpRequest, key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if key not in allowed:
        raise NotFound()
    filters = Filters.parse(request.GET, default_to=default_period())
    return _out(build_panel(filters, key, language=current_language()), filters)


@router.get("/public/{key}", response=PanelOut, auth=None, summary="A panel of the public statistics page")
def public_panel(request: HttpRequest, key: str) -> dict[str, Any]:
    """Filters as query parameters: from, to (YYYY-MM), district, dong, nationality, language, source."""
    return _panel(request, key, PUBLIC_PANELS)


@router.get("/panels/{key}", response=PanelOut, auth=staff_auth, summary="Any dashboard panel (staff)")
def staff_panel(request: HttpRequest, key: str) -> dict[str, Any]:
    """Also takes `agency`. Figures under 5 are null or merged into "other"."""
    require_stats_reader(request.user)
    return _panel(request, key, STAFF_PANELS)
