"""What the field learns flows back to the discovery pipeline, in its feed format (docs/discovery-feeds.md).

- `outcomes`: one row per closed household visit (`household_id`, `round`, `outcome`, `need_confirmed`).
- `indicators`: `survey_risk` rows for survey answers that matched a risk rule, and `neighbour_report`
  rows, so that the next round sees them: by feed household id, or (reports, door-to-door surveys) by the
  name and date of birth staff recorded. `ondol discover run` adds them by itself (`indicators_for_discovery`).
Neighbour reports about people the feed does not know (household id `NR:...`) have no feed household
to attach an outcome to, so they are left out of `outcomes`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from django.db import DatabaseError
from django.utils.translation import gettext as _

from ondol.core import audit
from ondol.core.errors import DomainError
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


def _who(item: WorkItem) -> dict[str, Any] | None:
    """How the feed can link a record about this household: its feed household id, or else the name and
    date of birth staff wrote down (reports and door-to-door surveys); None when neither is known."""
    if item.household_id and not item.household_id.startswith("NR:"):
        return {"household_id": item.household_id, "name": None, "birth_date": None}
    if item.head_name and item.head_birth_date:
        return {"household_id": None, "name": item.head_name, "birth_date": item.head_birth_date}
    return None


def _row(record_id: str, indicator: str, observed_on: Any, item: WorkItem, who: dict[str, Any]) -> dict[str, Any]:
    return {"record_id": record_id, "indicator": indicator, "agency": "fieldwork", "observed_on": observed_on,
            "person_id": None, **who, "address": item.actual_address or item.registered_address or None,
            "amount_krw": None, "months": None}


def indicator_rows(*, round: str | None = None) -> list[dict[str, Any]]:
    """`survey_risk` and `neighbour_report` records; record ids are stable (`fieldwork-survey-<response>`,
    `fieldwork-report-<report>`), so the same record is never counted twice by the feed."""
    rows: list[dict[str, Any]] = []
    responses = SurveyResponse.objects.select_related("item").exclude(risks=[])
    if round:
        responses = responses.filter(item__round=round)
    for response in responses.order_by("id"):
        who = _who(response.item)
        if who is not None:
            rows.append(_row(f"fieldwork-survey-{response.pk}", "survey_risk", response.created_at.date(),
                             response.item, who))
    reported = WorkItem.objects.filter(source=Source.NEIGHBOUR_REPORT, report__isnull=False)
    if round:
        reported = reported.filter(round=round)
    seen: set[int] = set()
    for item in reported.select_related("report").order_by("report_id", "id"):
        who, report = _who(item), item.report
        if who is not None and report is not None and report.pk not in seen:
            seen.add(report.pk)
            rows.append(_row(f"fieldwork-report-{report.pk}", "neighbour_report", report.created_at.date(), item, who))
    return rows


def indicators_for_discovery(actor: Any) -> pa.Table:
    """The field-work records for `ondol discover run` to add to the feed's indicators (a DomainError with
    code `fieldwork_unavailable` when the database cannot be read, or may not be used here)."""
    try:
        rows = indicator_rows()
    except (DatabaseError, RuntimeError) as error:  # RuntimeError: database access is blocked (tests, tools)
        raise DomainError(_("The field-work records could not be read from the database: %(error)s") % {
            "error": error}, code="fieldwork_unavailable") from error
    audit.record_event(actor, action="export", target_type="fieldwork.indicators", target_id="discover-run",
                       detail=f"rows={len(rows)}")
    return pa.Table.from_pylist(rows, schema=INDICATOR_SCHEMA)


def describe_merge(counts: dict[str, int]) -> str:
    """One line for the run report: how many field-work records the round read."""
    return _("Field work: %(merged)s survey-risk and neighbour-report records were added to the indicators "
             "(%(already)s were in the feed already).") % {"merged": counts.get("merged", 0),
                                                         "already": counts.get("already_in_feed", 0)}


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
