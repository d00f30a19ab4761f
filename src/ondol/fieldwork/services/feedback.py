"""What the field learns flows back to the discovery pipeline, in its feed format (docs/discovery-feeds.md).

- `outcomes`: one row per closed household visit (`household_id`, `round`, `outcome`, `need_confirmed`).
- `indicators`: `survey_risk` rows for survey answers that matched a risk rule, and `neighbour_report`
  rows for reports about households the feed knows, so that the next round sees them.
Neighbour reports about people the feed does not know (household id `NR:...`) have no feed household
to attach an outcome to, so they are left out of `outcomes`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ondol.core import audit
from ondol.fieldwork.models import ItemStatus, Source, SurveyResponse, WorkItem

OUTCOME_SCHEMA = pa.schema([("household_id", pa.string()), ("round", pa.string()), ("outcome", pa.string()),
                            ("need_confirmed", pa.bool_())])
INDICATOR_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("indicator", pa.string()), ("agency", pa.string()), ("observed_on", pa.date32()),
    ("person_id", pa.string()), ("household_id", pa.string()), ("name", pa.string()), ("birth_date", pa.date32()),
    ("address", pa.string()), ("amount_krw", pa.int64()), ("months", pa.int64()),
])


def _feed_items() -> Any:
    return WorkItem.objects.exclude(household_id="").exclude(household_id__startswith="NR:")


def outcome_rows(*, round: str | None = None) -> list[dict[str, Any]]:
    items = _feed_items().filter(status=ItemStatus.CLOSED).exclude(outcome="")
    if round:
        items = items.filter(round=round)
    return [{"household_id": item.household_id, "round": item.round, "outcome": item.outcome,
             "need_confirmed": bool(item.need_confirmed)} for item in items.order_by("round", "id")]


def indicator_rows(*, round: str | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    responses = SurveyResponse.objects.select_related("item").exclude(risks=[])
    if round:
        responses = responses.filter(item__round=round)
    for response in responses.order_by("id"):
        item = response.item
        if not item.household_id or item.household_id.startswith("NR:"):
            continue
        rows.append({"record_id": f"fieldwork-survey-{response.pk}", "indicator": "survey_risk",
                     "agency": "fieldwork", "observed_on": response.created_at.date(), "person_id": None,
                     "household_id": item.household_id, "name": None, "birth_date": None,
                     "address": item.actual_address or None, "amount_krw": None, "months": None})
    handed = _feed_items().filter(source=Source.NEIGHBOUR_REPORT, report__isnull=False)
    for item in handed.select_related("report"):
        rows.append({"record_id": f"fieldwork-report-{item.report_id}", "indicator": "neighbour_report",
                     "agency": "fieldwork", "observed_on": item.report.created_at.date(), "person_id": None,
                     "household_id": item.household_id, "name": None, "birth_date": None,
                     "address": item.actual_address or None, "amount_krw": None, "months": None})
    return rows


def _read_existing(path: Path) -> pa.Table | None:
    if not path.exists():
        return None
    return pq.read_table(path) if path.suffix == ".parquet" else pacsv.read_csv(path)


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        pacsv.write_csv(table, path)
    else:
        pq.write_table(table, path)


def write_outcomes(actor: Any, *, out: Path, round: str | None = None, merge: bool = True) -> int:
    """Write (or merge into an existing) outcomes table; our rows replace earlier ones for the same
    household and round, so exporting twice never counts a visit twice."""
    rows = outcome_rows(round=round)
    ours = pa.Table.from_pylist(rows, schema=OUTCOME_SCHEMA)
    existing = _read_existing(out) if merge else None
    if existing is not None and existing.num_rows:
        keys = {(row["household_id"], row["round"]) for row in rows}
        kept = [row for row in existing.select(OUTCOME_SCHEMA.names).to_pylist()
                if (str(row["household_id"]), str(row["round"])) not in keys]
        for row in kept:
            row["household_id"], row["round"] = str(row["household_id"]), str(row["round"])
            row["need_confirmed"] = str(row["need_confirmed"]).lower() in {"true", "1", "yes"}
        ours = pa.concat_tables([pa.Table.from_pylist(kept, schema=OUTCOME_SCHEMA), ours])
    _write(ours, out)
    audit.record_event(actor, action="export", target_type="fieldwork.outcomes", target_id=round or "all",
                       detail=f"rows={len(rows)} path={out}")
    return len(rows)


def write_indicators(actor: Any, *, out: Path, round: str | None = None) -> int:
    rows = indicator_rows(round=round)
    _write(pa.Table.from_pylist(rows, schema=INDICATOR_SCHEMA), out)
    audit.record_event(actor, action="export", target_type="fieldwork.indicators", target_id=round or "all",
                       detail=f"rows={len(rows)} path={out}")
    return len(rows)
