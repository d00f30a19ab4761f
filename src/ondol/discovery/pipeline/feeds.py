"""Read a feed directory and check every row; rows are either loaded whole or rejected with reasons.

A feed directory holds `households`, `persons`, `indicators` and optionally `outcomes`, each as
`NAME.parquet` or `NAME.csv` (see docs/discovery-feeds.md). Problems with the shape of the feed
(a missing table or column) stop the run before anything is computed; problems with single rows
reject those rows, and the rejected rows are kept with a `problems` column so the agency that
sent them can fix them. The checks are SQL, so both engines apply exactly the same rules.
"""

# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel import Locale

from ondol.discovery.pipeline.catalogue import Catalogue
from ondol.discovery.pipeline.engine import Engine, sql_string

OUTCOMES = ("public_support", "private_support", "case_management", "no_need", "unreachable", "moved")

# Column kinds: how a text value is checked and what type it becomes.
ID, TEXT, NAME, INT, COUNT, BOOL, DATE, DONG, COUNTRY, ROUND, OUTCOME, INDICATOR, AMOUNT = (
    "id", "text", "name", "int", "count", "bool", "date", "dong", "country", "round", "outcome", "indicator",
    "amount",
)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = True


@dataclass(frozen=True)
class TableSpec:
    name: str
    key: str | None
    columns: tuple[Column, ...]
    optional: bool = False


SPECS = (
    TableSpec("households", "household_id", (
        Column("household_id", ID), Column("dong_code", DONG), Column("members", COUNT),
        Column("single_person", BOOL), Column("head_birth_year", INT), Column("head_nationality", COUNTRY),
        Column("registered_address", TEXT), Column("actual_address", TEXT, required=False),
    )),
    TableSpec("persons", "person_id", (
        Column("person_id", ID), Column("household_id", ID), Column("name", NAME),
        Column("name_latin", NAME, required=False), Column("birth_date", DATE),
        Column("nationality", COUNTRY), Column("id_hash", TEXT, required=False),
    )),
    TableSpec("indicators", "record_id", (
        Column("record_id", ID), Column("indicator", INDICATOR), Column("agency", TEXT, required=False),
        Column("observed_on", DATE), Column("person_id", ID, required=False),
        Column("household_id", ID, required=False), Column("name", NAME, required=False),
        Column("birth_date", DATE, required=False), Column("address", TEXT, required=False),
        Column("amount_krw", AMOUNT, required=False), Column("months", INT, required=False),
    )),
    TableSpec("outcomes", None, (
        Column("household_id", ID), Column("round", ROUND), Column("outcome", OUTCOME),
        Column("need_confirmed", BOOL),
    ), optional=True),
)
SPEC_BY_NAME = {spec.name: spec for spec in SPECS}


class FeedError(Exception):
    """The feed cannot be read at all (missing table or column, unreadable file)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass
class TableReport:
    rows: int = 0
    loaded: int = 0
    rejected: int = 0
    problems: dict[str, int] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass
class Feed:
    """Names of the checked tables in the engine, and what happened to each."""

    tables: dict[str, str]
    rejected: dict[str, str]
    reports: dict[str, TableReport]
    unknown_indicators: dict[str, int]

    @property
    def has_outcomes(self) -> bool:
        return "outcomes" in self.tables


def find_feed_file(directory: Path, name: str) -> Path | None:
    candidates = [directory / f"{name}.parquet", directory / f"{name}.csv"]
    found = [path for path in candidates if path.exists()]
    if len(found) > 1:
        raise FeedError("two_files", table=name)
    return found[0] if found else None


def _country_codes() -> list[str]:
    codes = (str(code) for code in Locale("en").territories)
    return sorted(code for code in codes if len(code) == 2 and code.isalpha())


def _clean(column: str) -> str:
    return f"NULLIF(TRIM(CAST(\"{column}\" AS VARCHAR)), '')"


_TRUE = "('true', 't', '1', 'yes', 'y')"
_FALSE = "('false', 'f', '0', 'no', 'n')"
_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$"


# Kinds a typed (Parquet) column may already hold natively; such columns skip the text round trip.
NATIVE_TYPES = {DATE: {"date"}, INT: {"integer"}, COUNT: {"integer"}, AMOUNT: {"integer"}, BOOL: {"boolean"}}


def _is_native(column: Column, types: dict[str, str]) -> bool:
    return types.get(column.name) in NATIVE_TYPES.get(column.kind, set())


def _check_native(column: Column, value: str, *, as_of: date) -> str | None:
    """The same rules as `_check` for a column that already has the right type: only the ranges."""
    n = column.name
    if column.kind == DATE:
        return (f"CASE WHEN {value} < DATE '1900-01-01' OR {value} > DATE '{as_of.replace(year=as_of.year + 1)}' "
                f"THEN 'not_a_date:{n}' END")
    if column.kind in (INT, COUNT, AMOUNT):
        return f"CASE WHEN {value} < {1 if column.kind == COUNT else 0} THEN 'not_a_whole_number:{n}' END"
    return None


def _check(column: Column, value: str, *, as_of: date, codes: str, countries: str) -> str | None:
    """SQL giving a problem code when `value` (cleaned text) is not valid for `column`, else NULL."""
    n = column.name
    kind = column.kind
    if kind in (INT, COUNT, AMOUNT):
        lowest = "1" if kind == COUNT else "0"
        number = f"TRY_CAST({value} AS DOUBLE)"
        return (f"CASE WHEN {number} IS NULL OR {number} <> FLOOR({number}) OR {number} < {lowest} "
                f"THEN 'not_a_whole_number:{n}' END")
    if kind == BOOL:
        return f"CASE WHEN LOWER({value}) NOT IN {_TRUE} AND LOWER({value}) NOT IN {_FALSE} THEN 'not_yes_no:{n}' END"
    if kind == DATE:
        parsed = f"TRY_CAST(LEFT({value}, 10) AS DATE)"
        return (f"CASE WHEN NOT regexp_matches({value}, '{_DATE_PATTERN}') OR {parsed} IS NULL "
                f"OR {parsed} < DATE '1900-01-01' OR {parsed} > DATE '{as_of.replace(year=as_of.year + 1)}' "
                f"THEN 'not_a_date:{n}' END")
    if kind == DONG:
        return f"CASE WHEN NOT regexp_matches({value}, '^[0-9]{{10}}$') THEN 'not_a_dong_code:{n}' END"
    if kind == COUNTRY:
        return f"CASE WHEN UPPER({value}) NOT IN ({countries}) THEN 'not_a_country:{n}' END"
    if kind == ROUND:
        return (f"CASE WHEN NOT regexp_matches({value}, '^[0-9]{{4}}-(0[1-9]|1[0-2])$') "
                f"THEN 'not_a_round:{n}' END")
    if kind == OUTCOME:
        allowed = ", ".join(sql_string(o) for o in OUTCOMES)
        return f"CASE WHEN LOWER({value}) NOT IN ({allowed}) THEN 'unknown_outcome:{n}' END"
    if kind == INDICATOR:
        return f"CASE WHEN LOWER({value}) NOT IN ({codes}) THEN 'unknown_indicator:{n}' END"
    return None


def _typed(column: Column, value: str, *, native: bool = False) -> str:
    kind = column.kind
    if native:
        return f"CAST({value} AS BIGINT)" if kind == AMOUNT else (
            f"CAST({value} AS INTEGER)" if kind in (INT, COUNT) else value)
    if kind in (INT, COUNT):
        return f"CAST(TRY_CAST({value} AS DOUBLE) AS INTEGER)"
    if kind == AMOUNT:
        return f"CAST(TRY_CAST({value} AS DOUBLE) AS BIGINT)"
    if kind == BOOL:
        return f"(LOWER({value}) IN {_TRUE})"
    if kind == DATE:
        return f"TRY_CAST(LEFT({value}, 10) AS DATE)"
    if kind in (COUNTRY,):
        return f"UPPER({value})"
    if kind in (OUTCOME, INDICATOR):
        return f"LOWER({value})"
    return value


def _validate_table(engine: Engine, spec: TableSpec, raw: str, *, as_of: date, catalogue: Catalogue,
                    types: dict[str, str], in_place: bool = False) -> tuple[str, str]:
    """Split raw view `raw` into typed good rows and rejected rows (with a `problems` column).

    With `in_place` the good rows are a view over the file instead of a copy (see below).
    """
    codes = ", ".join(sql_string(code) for code in catalogue.codes)
    countries = ", ".join(sql_string(code) for code in _country_codes())
    native = {col.name: _is_native(col, types) for col in spec.columns}
    cleaned = ", ".join(
        (f'"{col.name}"' if native[col.name] else f"{_clean(col.name)} AS \"{col.name}\"") for col in spec.columns)
    checks: list[str] = []
    for col in spec.columns:
        value = f'r."{col.name}"'
        if native[col.name]:
            check = _check_native(col, value, as_of=as_of)
        else:
            check = _check(col, value, as_of=as_of, codes=codes, countries=countries)
        if col.required:
            checks.append(f"CASE WHEN {value} IS NULL THEN 'missing:{col.name}' END")
        if check:
            checks.append(f"CASE WHEN {value} IS NOT NULL THEN ({check}) END")
    join, extra = _cross_checks(spec)
    if spec.key:
        # A hash aggregate of the repeated keys is much cheaper than a window over every row.
        key = f'"{spec.key}"'
        join += (f" LEFT JOIN (SELECT {_clean(spec.key)} AS repeated_key FROM {raw} GROUP BY 1 "
                 f"HAVING COUNT(*) > 1) AS d ON r.{key} = d.repeated_key")
        checks.append(f"CASE WHEN d.repeated_key IS NOT NULL THEN 'duplicate:{spec.key}' END")
    checks.extend(extra)
    problems = f"CONCAT_WS(';', {', '.join(checks)})"
    checked = f"SELECT r.*, {problems} AS problems FROM (SELECT {cleaned} FROM {raw}) AS r {join}"
    typed = ", ".join(f"{_typed(col, chr(34) + col.name + chr(34), native=native[col.name])} AS \"{col.name}\""
                      for col in spec.columns)
    if spec.key and in_place:
        # National feeds: one pass keeps only the rejected rows, and the good rows stay in the Parquet
        # file behind a view that leaves out the rejected keys. A repeated key rejects every row that
        # has it, and a missing key is itself a problem, so leaving out keys leaves out exactly those rows.
        rejected = engine.table(f"rejected_{spec.name}", f"SELECT * FROM ({checked}) AS c WHERE problems <> ''")
        bad_keys = f"SELECT DISTINCT {key} AS bad_key FROM {rejected} WHERE {key} IS NOT NULL"
        has_rejected = bool(engine.scalar(f"SELECT COUNT(*) FROM {rejected}"))
        # Trimming every text value again on each of the many later reads costs more than one pass
        # that finds the columns which need it (machine-written Parquet seldom does).
        text = [col.name for col in spec.columns if not native[col.name]]
        dirty = engine.fetch("SELECT " + ", ".join(
            f"BOOL_OR(CAST(\"{n}\" AS VARCHAR) <> TRIM(CAST(\"{n}\" AS VARCHAR)) OR CAST(\"{n}\" AS VARCHAR) = '') "
            f"AS \"{n}\"" for n in text) + f" FROM {raw}").to_pylist()[0] if text else {}
        light = ", ".join(
            f'"{col.name}"' if native[col.name] else (
                f"{_clean(col.name)} AS \"{col.name}\"" if dirty.get(col.name) else
                f"CAST(\"{col.name}\" AS VARCHAR) AS \"{col.name}\"") for col in spec.columns)
        source = f"(SELECT {light} FROM {raw}) AS r"
        if has_rejected:
            source += f" LEFT JOIN ({bad_keys}) AS b ON r.{key} = b.bad_key"
        keep = f"r.{key} IS NOT NULL" + (" AND b.bad_key IS NULL" if has_rejected else "")
        good = engine.view(spec.name, f"SELECT {typed} FROM {source} WHERE {keep}")
        return good, rejected
    checked = engine.table(f"checked_{spec.name}", checked)
    good = engine.table(spec.name, f"SELECT {typed} FROM {checked} WHERE problems = ''")
    rejected = engine.view(f"rejected_{spec.name}", f"SELECT * FROM {checked} WHERE problems <> ''")
    return good, rejected


def _cross_checks(spec: TableSpec) -> tuple[str, list[str]]:
    """A join and the checks that need it: rules that look beyond one row of one table."""
    if spec.name == "persons":
        join = ("LEFT JOIN (SELECT household_id AS known_household FROM households) AS k "
                "ON r.household_id = k.known_household")
        return join, ["CASE WHEN r.household_id IS NOT NULL AND k.known_household IS NULL "
                      "THEN 'unknown_household:household_id' END"]
    if spec.name == "indicators":
        return "", ["CASE WHEN r.person_id IS NULL AND r.household_id IS NULL "
                    "AND (r.name IS NULL OR r.birth_date IS NULL) THEN 'nothing_to_link' END"]
    return "", []


def load_feed(engine: Engine, directory: Path, *, as_of: date, catalogue: Catalogue) -> Feed:
    """Read and check every table of the feed in `directory` (FeedError if it cannot be read)."""
    if not directory.is_dir():
        raise FeedError("no_directory", path=str(directory))
    found: dict[str, Path] = {}
    for spec in SPECS:
        path = find_feed_file(directory, spec.name)
        if path is None and not spec.optional:
            raise FeedError("missing_table", table=spec.name, path=str(directory))
        if path is not None:
            found[spec.name] = path
    tables: dict[str, str] = {}
    rejected: dict[str, str] = {}
    reports: dict[str, TableReport] = {}
    for spec in SPECS:  # in order: persons are checked against the households already loaded
        if spec.name not in found:
            continue
        raw = f"raw_{spec.name}"
        try:
            present = engine.read_file(raw, found[spec.name], as_text=False)
            types = engine.column_types(raw)
        except Exception as error:  # the engines raise their own types for unreadable files
            raise FeedError("unreadable", table=spec.name, path=str(found[spec.name]), error=str(error)) from error
        required = [col.name for col in spec.columns if col.required]
        missing = [name for name in required if name not in present]
        if missing:
            raise FeedError("missing_columns", table=spec.name, columns=", ".join(missing))
        if not all(col.name in present for col in spec.columns):
            # Optional columns a feed leaves out are read as empty.
            fill = ", ".join(f"CAST(NULL AS VARCHAR) AS \"{col.name}\"" for col in spec.columns
                             if col.name not in present)
            engine.view(f"{raw}_full", f"SELECT *, {fill} FROM {raw}")
            raw = f"{raw}_full"
        known = {col.name for col in spec.columns}
        try:
            in_place = engine.rescans_files_cheaply and found[spec.name].suffix == ".parquet"
            good, bad = _validate_table(engine, spec, raw, as_of=as_of, catalogue=catalogue, types=types,
                                        in_place=in_place)
        except Exception as error:  # a malformed file often only fails when it is first scanned
            raise FeedError("unreadable", table=spec.name, path=str(found[spec.name]), error=str(error)) from error
        tables[spec.name], rejected[spec.name] = good, bad
        reports[spec.name] = _report(engine, spec.name, good, bad,
                                     ignored=[c for c in present if c not in known])
    unknown = engine.fetch(
        "SELECT LOWER(indicator) AS code, COUNT(*) AS n FROM rejected_indicators "
        "WHERE problems LIKE '%unknown_indicator%' GROUP BY 1 ORDER BY 2 DESC, 1"
    ).to_pylist() if reports["indicators"].rejected else []
    return Feed(tables=tables, rejected=rejected, reports=reports,
                unknown_indicators={row["code"]: row["n"] for row in unknown})


def _report(engine: Engine, name: str, good: str, bad: str, *, ignored: list[str]) -> TableReport:
    counts = engine.fetch(f"SELECT (SELECT COUNT(*) FROM {good}) AS loaded, (SELECT COUNT(*) FROM {bad}) AS rejected")
    loaded, rejected = (counts.column(0)[0].as_py() or 0), (counts.column(1)[0].as_py() or 0)
    problems: list[dict[str, object]] = []
    if rejected:
        problems = engine.fetch(
            f"SELECT problem, COUNT(*) AS n FROM (SELECT UNNEST(string_split(problems, ';')) AS problem "
            f"FROM {bad}) AS p GROUP BY problem ORDER BY n DESC, problem"
        ).to_pylist()
    return TableReport(rows=loaded + rejected, loaded=loaded, rejected=rejected,
                       problems={str(row["problem"]): int(row["n"]) for row in problems},  # type: ignore[call-overload]
                       ignored_columns=ignored)
