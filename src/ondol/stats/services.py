"""Loading resident counts: official aggregate tables (CSV) and refreshes from Ondol's own registry.

Both are all-or-nothing and idempotent: loading a month again replaces that month's cells for the
districts it covers, so the same file loaded twice leaves the same table.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from ondol.core import audit
from ondol.core.errors import InvalidInput
from ondol.core.languages import normalize_language
from ondol.core.models import Region
from ondol.stats import sources
from ondol.stats.access import require_stats_manager
from ondol.stats.filters import is_period, period_end
from ondol.stats.models import UNKNOWN, UNKNOWN_AGE, CountBatch, CountSource, ResidentCount

OFFICIAL_COLUMNS = ["period", "region_code", "nationality", "age_band", "sex", "residence_status", "language",
                    "count"]
_MAX_REPORTED_ERRORS = 10
Cell = tuple[str, str, str, int, str, str, str]  # period, region, nationality, band, sex, status, language


@dataclass(frozen=True)
class LoadReport:
    batch_id: int
    rows: int
    residents: int
    periods: list[str]
    replaced: int


def parse_age_band(raw: str) -> int:
    """`20`, `20-24`, `20–24` and `65+` name a five-year band; empty means unknown."""
    text = raw.strip().replace("–", "-").replace("+", "")
    if not text:
        return UNKNOWN_AGE
    start_text, _sep, end_text = text.partition("-")
    start = int(start_text)
    if start % 5 or start < 0 or (end_text and int(end_text) != start + 4):
        raise ValueError("age band")
    return min(start, 65)


def _parse_row(raw: dict[str, str], known_regions: set[str]) -> tuple[Cell, int]:
    problems: list[str] = []
    period = (raw.get("period") or "").strip()
    if not is_period(period):
        problems.append(_("the month is not written as YYYY-MM"))
    region = (raw.get("region_code") or "").strip()
    if region not in known_regions:
        problems.append(_("the region code %(code)s is not a known district or dong") % {"code": region or "-"})
    nationality = (raw.get("nationality") or "").strip().upper() or UNKNOWN
    if nationality != UNKNOWN and not (len(nationality) == 2 and nationality.isalpha()):
        problems.append(_("the nationality is not a two-letter country code"))
    try:
        band = parse_age_band(raw.get("age_band") or "")
    except ValueError:
        band = UNKNOWN_AGE
        problems.append(_("the age band is not one of 0-4, 5-9, … 65+"))
    sex = (raw.get("sex") or "").strip().upper() or UNKNOWN
    if sex not in ("F", "M", "X", UNKNOWN):
        problems.append(_("the sex is not F, M or X"))
    status = (raw.get("residence_status") or "").strip().upper() or UNKNOWN
    language_raw = (raw.get("language") or "").strip()
    language = normalize_language(language_raw) if language_raw else UNKNOWN
    if language is None:
        problems.append(_("the language %(code)s is not one Ondol serves") % {"code": language_raw})
        language = UNKNOWN
    count_text = (raw.get("count") or "").strip()
    if not count_text.isdigit():
        problems.append(_("the count is not a whole number of zero or more"))
    if problems:
        raise ValueError("; ".join(problems))
    return (period, region, nationality, band, sex, status[:10], language), int(count_text)


def parse_official_table(text: str) -> dict[Cell, int]:
    """Validate a whole table first; any bad row stops the import with the lines to fix."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in OFFICIAL_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInput(_("The table is missing these columns: %(columns)s. Nothing was loaded.")
                           % {"columns": ", ".join(missing)}, code="stats_bad_header")
    known_regions = set(Region.objects.filter(level__in=["sigungu", "dong"]).values_list("code", flat=True))
    cells: dict[Cell, int] = {}
    errors: list[str] = []
    for line, raw in enumerate(reader, start=2):
        try:
            cell, count = _parse_row(raw, known_regions)
        except ValueError as error:
            errors.append(_("Line %(line)s: %(problems)s.") % {"line": line, "problems": error})
            continue
        if cell in cells:
            errors.append(_("Line %(line)s: the same cell appears on an earlier line.") % {"line": line})
            continue
        cells[cell] = count
    if errors:
        shown = " ".join(errors[:_MAX_REPORTED_ERRORS])
        raise InvalidInput(
            _("%(count)s lines of the table are not valid, so nothing was loaded. %(errors)s")
            % {"count": len(errors), "errors": shown}, code="stats_bad_rows")
    if not cells:
        raise InvalidInput(_("The table has no rows, so nothing was loaded."), code="stats_empty_table")
    return cells


def _replace_cells(actor: Any, *, source: str, cells: dict[Cell, int], label: str, checksum: str,
                   whole_period: bool = False) -> LoadReport:
    """Swap in the new cells for every (month, district) they cover, or for whole months, in one transaction."""
    scopes: dict[str, set[str]] = {}
    for period, region, *_rest in cells:
        scopes.setdefault(period, set()).add(region[:5])
    residents = sum(cells.values())
    batch = CountBatch.objects.create(source=source, period=max(scopes), label=label[:200], checksum=checksum,
                                      rows_loaded=len(cells), residents=residents, loaded_by=actor if
                                      getattr(actor, "is_authenticated", False) else None)
    replaced = 0
    for period, districts in scopes.items():
        old = ResidentCount.objects.filter(source=source, period=period)
        if not whole_period:
            old = old.filter(sigungu_code__in=districts)
        replaced += old.delete()[0]
    _insert(batch, source, cells)
    return LoadReport(batch_id=batch.pk, rows=len(cells), residents=residents, periods=sorted(scopes),
                      replaced=replaced)


def _insert(batch: CountBatch, source: str, cells: dict[Cell, int]) -> None:
    """One multi-row INSERT per chunk: a month of a metropolitan city is ~20,000 cells, and building a model
    instance for each (bulk_create) took most of an import's time."""
    table = connection.ops.quote_name(ResidentCount._meta.db_table)
    columns = ["period", "source", "region_code", "sigungu_code", "nationality", "age_band", "sex",
               "residence_status", "language", "count", "batch_id"]
    # Only our own table and column names go into the text; every value is a parameter.
    sql = f"INSERT INTO {table} ({', '.join(connection.ops.quote_name(c) for c in columns)}) VALUES "  # noqa: S608
    rows = [(period, source, region, region[:5], nationality, band, sex, status, language, count, batch.pk)
            for (period, region, nationality, band, sex, status, language), count in cells.items() if count > 0]
    chunk = 500  # SQLite allows 32,766 parameters per statement; 500 rows × 11 columns stays well below
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            part = rows[start:start + chunk]
            cursor.execute(sql + ", ".join([placeholders] * len(part)), [value for row in part for value in row])


@transaction.atomic
def do_import_official_table(actor: Any, *, text: str, label: str = "", check_access: bool = True) -> LoadReport:
    """Load an official aggregate table (see docs/stats.md for its columns); all rows or none."""
    if check_access:
        require_stats_manager(actor)
    cells = parse_official_table(text)
    checksum = hashlib.sha256(text.encode()).hexdigest()
    report = _replace_cells(actor, source=CountSource.OFFICIAL, cells=cells, label=label, checksum=checksum)
    audit.record_event(actor, action="import", target_type="stats.countbatch", target_id=report.batch_id,
                       detail=f"official table {label!r}: {report.rows} cells, {report.residents} residents, "
                              f"months {','.join(report.periods)}")
    return report


def _registry_cells(period: str, rows: Iterable[dict[str, Any]]) -> dict[Cell, int]:
    cells: dict[Cell, int] = {}
    for row in rows:
        cell = (period, row["region_code"], row["nationality"] or UNKNOWN, row["age_band"],
                row["sex"] or UNKNOWN, (row["residence_status"] or UNKNOWN)[:10], row["language"] or UNKNOWN)
        cells[cell] = cells.get(cell, 0) + int(row["n"])
    return cells


@transaction.atomic
def do_refresh_registry_counts(actor: Any, *, period: str, check_access: bool = True) -> LoadReport | None:
    """Count Ondol's own clients (by dong) as of the end of `period`; None while the registry has no tables."""
    if check_access:
        require_stats_manager(actor)
    if not is_period(period):
        raise InvalidInput(fields={"period": _("Write the month as YYYY-MM, for example 2026-10.")})
    rows = sources.registry_resident_cells(period_end(period))
    if rows is None:
        return None
    cells = _registry_cells(period, rows)
    if not cells:
        raise InvalidInput(_("No clients with a dong were registered by the end of %(period)s.")
                           % {"period": period}, code="stats_empty_registry")
    report = _replace_cells(actor, source=CountSource.REGISTRY, cells=cells, label=f"registry {period}",
                            checksum="", whole_period=True)
    audit.record_event(actor, action="refresh", target_type="stats.countbatch", target_id=report.batch_id,
                       detail=f"registry counts for {period}: {report.rows} cells, {report.residents} residents")
    return report
