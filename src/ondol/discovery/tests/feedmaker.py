"""Hand-made feeds for tests: a few rows per table, written as CSV like an agency would send them."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

COLUMNS = {
    "households": ["household_id", "dong_code", "members", "single_person", "head_birth_year", "head_nationality",
                   "registered_address", "actual_address"],
    "persons": ["person_id", "household_id", "name", "name_latin", "birth_date", "nationality", "id_hash"],
    "indicators": ["record_id", "indicator", "agency", "observed_on", "person_id", "household_id", "name",
                   "birth_date", "address", "amount_krw", "months"],
    "outcomes": ["household_id", "round", "outcome", "need_confirmed"],
}
DONG = "3017063000"
ADDRESS = "대전광역시 서구 둔산2동 둔산로 100"


def household(household_id: str, **fields: Any) -> dict[str, Any]:
    row = {"household_id": household_id, "dong_code": DONG, "members": 1, "single_person": "true",
           "head_birth_year": 1950, "head_nationality": "KR", "registered_address": ADDRESS, "actual_address": ""}
    return {**row, **fields}


def person(person_id: str, household_id: str, name: str, birth_date: str, **fields: Any) -> dict[str, Any]:
    row = {"person_id": person_id, "household_id": household_id, "name": name, "name_latin": "",
           "birth_date": birth_date, "nationality": "KR", "id_hash": ""}
    return {**row, **fields}


def record(record_id: str, indicator: str, observed_on: str, **fields: Any) -> dict[str, Any]:
    row = {"record_id": record_id, "indicator": indicator, "agency": "test", "observed_on": observed_on,
           "person_id": "", "household_id": "", "name": "", "birth_date": "", "address": "", "amount_krw": "",
           "months": ""}
    return {**row, **fields}


def write_table(folder: Path, name: str, rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns or COLUMNS[name])
        writer.writeheader()
        writer.writerows(rows)


def write_feed(folder: Path, *, households: list[dict[str, Any]], persons: list[dict[str, Any]],
               indicators: list[dict[str, Any]], outcomes: list[dict[str, Any]] | None = None) -> Path:
    write_table(folder, "households", households)
    write_table(folder, "persons", persons)
    write_table(folder, "indicators", indicators)
    if outcomes is not None:
        write_table(folder, "outcomes", outcomes)
    return folder
