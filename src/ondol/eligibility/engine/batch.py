"""Screening a whole table of households at once, with the same program functions.

The input is a Polars/Arrow table with one row per household and the members nested as a list
of structs (the JSON shape of the API, as columns; see docs/eligibility.md). The table is cut
into chunks, each chunk becomes one `Frame`, and every program runs once per chunk over
NumPy columns. The output is one row per household with, per program, `<key>.status`,
`<key>.amount_krw` (programs that pay an amount), `<key>.missing` and, for duties,
`<key>.legal_due` / `<key>.safe_due` (the earliest among the members).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import numpy as np
import polars as pl

from .frame import CRISIS_CODE, MEMBER_DATES, OTHER_STATUS, ROLE_CODE, STATUS_CODE, Frame
from .inputs import BOOL_FIELDS, Household
from .parameters import ParameterSet, default_parameters
from .programs import PROGRAMS, Program
from .screen import STATUS_OF_CODE, rules_version, screen_frame

MEMBER_SCHEMA: dict[str, Any] = {
    "id": pl.String,
    "role": pl.String,
    "birth_date": pl.Date,
    "korean_national": pl.Boolean,
    "residence_status": pl.String,
    "entry_date": pl.Date,
    "registered": pl.Boolean,
    "married_to_korean": pl.Boolean,
    "divorced_or_widowed_from_korean": pl.Boolean,
    "pregnant": pl.Boolean,
    "recognized_refugee": pl.Boolean,
    "employed": pl.Boolean,
    "residence_months": pl.Int32,
    "moved_in_on": pl.Date,
    "student": pl.Boolean,
    "disability": pl.Boolean,
    "insured": pl.Boolean,
    "crisis_event": pl.String,
    "details_changed_on": pl.Date,
    "card_lost_on": pl.Date,
    "permanent_card_expires_on": pl.Date,
}
INPUT_SCHEMA: dict[str, Any] = {
    "household_id": pl.String,
    "size": pl.Int32,
    "monthly_income_krw": pl.Int64,
    "assets_krw": pl.Int64,
    "region_dong_code": pl.String,
    "members": pl.List(pl.Struct(MEMBER_SCHEMA)),
}
STATUS_ENUM = pl.Enum([s.value for s in STATUS_OF_CODE.values()])
DEFAULT_CHUNK = 200_000


def households_to_table(households: Iterable[Household | Mapping[str, Any]], ids: Iterable[str] | None = None) -> pl.DataFrame:
    """Build the input table from Household objects or API-shaped dicts (handy for tests and demos)."""
    rows = []
    for i, h in enumerate(households):
        data = h.to_dict() if isinstance(h, Household) else dict(h)
        members = [{name: m.get(name) for name in MEMBER_SCHEMA} for m in data.get("members") or ()]
        for m in members:
            for name in MEMBER_DATES:
                if isinstance(m[name], str):
                    m[name] = date.fromisoformat(m[name])
        rows.append({**{k: data.get(k) for k in INPUT_SCHEMA if k != "members"}, "members": members, "household_id": str(i)})
    table = pl.DataFrame(rows, schema=INPUT_SCHEMA)
    if ids is not None:
        table = table.with_columns(pl.Series("household_id", list(ids), dtype=pl.String))
    return table


def _conform(table: pl.DataFrame) -> pl.DataFrame:
    """Add absent optional columns (all unknown) and cast to the expected types."""
    if "household_id" not in table.columns:
        table = table.with_columns(pl.int_range(pl.len()).cast(pl.String).alias("household_id"))
    for name, dtype in INPUT_SCHEMA.items():
        if name not in table.columns:
            table = table.with_columns(pl.lit(None, dtype=dtype).alias(name))
    return table


def _members(table: pl.DataFrame) -> pl.DataFrame:
    exploded = (
        table.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("_hh"), "members")
        .explode("members")
        .filter(pl.col("members").is_not_null())
    )
    members = exploded.unnest("members") if exploded.height else pl.DataFrame({"_hh": []}, schema={"_hh": pl.Int64})
    for name, dtype in MEMBER_SCHEMA.items():
        if name not in members.columns:
            members = members.with_columns(pl.lit(None, dtype=dtype).alias(name))
    return members


def _codes(column: pl.Series, mapping: Mapping[str, int], what: str, default: int | None = None) -> np.ndarray:
    known = column.is_null() | column.is_in(list(mapping))
    if default is None and not known.all():
        bad = column.filter(~known).unique().head(3).to_list()
        raise ValueError(f"Unknown {what}: {', '.join(map(str, bad))}.")
    mapped = column.replace_strict(mapping, default=default if default is not None else -1, return_dtype=pl.Int16)
    # replace_strict gives the default to nulls too; an unknown answer must stay unknown.
    return np.where(column.is_null().to_numpy(), -1, mapped.to_numpy()).astype(np.int16)


def frame_from_table(table: pl.DataFrame, as_of: date, *, params: ParameterSet | None = None) -> Frame:
    table = _conform(table)
    dong = table["region_dong_code"].cast(pl.String)
    bad_dong = dong.is_not_null() & ~dong.str.contains(r"^\d{10}$")
    if bad_dong.any():
        raise ValueError(f"A dong code has 10 digits, not {dong.filter(bad_dong)[0]!r}.")
    hh = {
        "size": table["size"].cast(pl.Float64).to_numpy(),
        "income": table["monthly_income_krw"].cast(pl.Float64).to_numpy(),
        "assets": table["assets_krw"].cast(pl.Float64).to_numpy(),
        "dong": dong.cast(pl.Int64).fill_null(-1).to_numpy(),
    }
    members = _members(table)
    if (members.height and members["_hh"].n_unique() < table.height) or (not members.height and table.height):
        raise ValueError("Every household needs at least one member.")
    status = members["residence_status"].str.to_uppercase().str.extract(r"^([A-H]-\d{1,2})(?:-\d{1,2}[A-Z]?)?$", 1)
    unparsed = members["residence_status"].is_not_null() & status.is_null()
    if unparsed.any():
        raise ValueError(f"Unknown residence status: {members['residence_status'].filter(unparsed)[0]}.")
    mem: dict[str, np.ndarray] = {
        "role": _codes(members["role"], ROLE_CODE, "role").astype(np.int8),
        "status": _codes(status, STATUS_CODE, "status", default=OTHER_STATUS).astype(np.int16),
        "crisis": _codes(members["crisis_event"], CRISIS_CODE, "crisis event").astype(np.int8),
        "residence_months": members["residence_months"].cast(pl.Float64).to_numpy(),
    }
    if (mem["role"] < 0).any():
        raise ValueError("Every member needs a role.")
    for name in BOOL_FIELDS:
        mem[name] = members[name].cast(pl.Int8).fill_null(-1).to_numpy()
    for name in MEMBER_DATES:
        mem[name] = members[name].cast(pl.Date).to_numpy().astype("datetime64[D]")
    return Frame(
        as_of=as_of,
        params=params or default_parameters(),
        hh={k: np.ascontiguousarray(v) for k, v in hh.items()},
        mem={k: np.ascontiguousarray(v) for k, v in mem.items()},
        member_hh=members["_hh"].to_numpy().astype(np.int64),
        member_ids=members["id"].to_numpy(),
        explain=False,
    )


def screen_chunk(table: pl.DataFrame, as_of: date, *, params: ParameterSet | None = None,
                 programs: tuple[Program, ...] = PROGRAMS) -> pl.DataFrame:  # fmt: skip
    frame = frame_from_table(table, as_of, params=params)
    cols = screen_frame(frame, programs)
    out: dict[str, Any] = {"household_id": _conform(table)["household_id"].cast(pl.String)}
    status_names = {code: status.value for code, status in STATUS_OF_CODE.items()}
    for program in programs:
        key = program.key
        out[f"{key}.status"] = pl.Series(cols.status[key]).replace_strict(status_names, return_dtype=STATUS_ENUM)
        if key in cols.amount:
            out[f"{key}.amount_krw"] = pl.Series(cols.amount[key]).fill_nan(None).cast(pl.Int64)
        out[f"{key}.missing"] = _missing_lists(cols.missing[key], frame.n)
        if key in cols.legal_due:
            out[f"{key}.legal_due"] = pl.Series(cols.legal_due[key]).cast(pl.Date)
            out[f"{key}.safe_due"] = pl.Series(cols.safe_due[key]).cast(pl.Date)
    return pl.DataFrame(out).with_columns(
        pl.lit(as_of).alias("as_of"), pl.lit(rules_version(params)).alias("rules_version")
    )


def _missing_lists(masks: Mapping[str, np.ndarray], n: int) -> pl.Series:
    """One list of open inputs per household, built from a bit per input (few distinct lists)."""
    labels = list(masks)
    bits = np.zeros(n, dtype=np.int64)
    for i, label in enumerate(labels):
        bits |= masks[label].astype(np.int64) << i
    distinct = np.flatnonzero(np.bincount(bits, minlength=1))
    position = np.zeros(1 << len(labels), dtype=np.int64)
    position[distinct] = np.arange(len(distinct))
    lists = [[label for i, label in enumerate(labels) if int(d) >> i & 1] for d in distinct]
    return pl.Series(lists, dtype=pl.List(pl.String)).gather(position[bits])


def screen_table(
    table: pl.DataFrame,
    as_of: date,
    *,
    params: ParameterSet | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> pl.DataFrame:
    """Screen every household of `table`; `progress(n)` is told after each chunk of n households.

    Chunks run on `workers` threads (default: one per core); NumPy and Polars release the GIL
    for the heavy loops, so threads use both cores without copying the table to processes.
    """
    params = params or default_parameters()
    starts = list(range(0, max(table.height, 1), chunk_size))
    workers = max(1, min(workers or os.cpu_count() or 1, len(starts)))

    def run(start: int) -> pl.DataFrame:
        return screen_chunk(table.slice(start, chunk_size), as_of, params=params)

    parts = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for start, part in zip(starts, pool.map(run, starts), strict=True):
            parts.append(part)
            if progress is not None:
                progress(min(chunk_size, table.height - start))
    return pl.concat(parts)


def read_households(path: str) -> pl.DataFrame:
    return pl.read_parquet(path)

