"""Households as columns: the single shape every rule reads, built from objects or from a table.

A frame holds N households and M members (members grouped by household, in order). Missing
facts stay missing: NaN for numbers, NaT for dates, -1 for yes/no answers and codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from . import regions
from .inputs import BOOL_FIELDS, CRISIS_EVENTS, DATE_FIELDS, RESIDENCE_STATUSES, ROLES, Household, main_status
from .parameters import ParameterSet, ParameterValue, default_parameters

ROLE_CODE = {name: i for i, name in enumerate(ROLES)}
STATUS_CODE = {name: i for i, name in enumerate(RESIDENCE_STATUSES)}
OTHER_STATUS = len(RESIDENCE_STATUSES)
CRISIS_CODE = {name: i for i, name in enumerate(CRISIS_EVENTS)}
MEMBER_DATES = tuple(sorted(DATE_FIELDS))


@dataclass
class Frame:
    as_of: date
    params: ParameterSet
    hh: dict[str, np.ndarray]
    mem: dict[str, np.ndarray]
    member_hh: np.ndarray
    member_ids: np.ndarray
    explain: bool = True
    cache: dict[str, Any] = field(default_factory=dict)
    used: list[ParameterValue] = field(default_factory=list)
    informational: set[tuple[str, str | None]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.n = len(self.hh["size"])
        self.m = len(self.member_hh)
        self.hh_count = np.bincount(self.member_hh, minlength=self.n).astype(np.int64)
        self.hh_start = np.concatenate(([0], np.cumsum(self.hh_count)[:-1])).astype(np.int64)
        self.nonempty = self.hh_count > 0
        self.nonempty_starts = self.hh_start[self.nonempty]
        self.as_of64 = np.datetime64(self.as_of, "D")
        codes = self.hh["dong"]
        self.hh["area"] = regions.area_kinds(codes)
        self.hh["capital"] = regions.capital_region(codes)

    # --- building -------------------------------------------------------------------------
    @classmethod
    def from_households(
        cls, households: Sequence[Household], as_of: date, *, params: ParameterSet | None = None, explain: bool = True
    ) -> Frame:
        hh = {
            "size": _floats([h.size for h in households]),
            "income": _floats([h.monthly_income_krw for h in households]),
            "assets": _floats([h.assets_krw for h in households]),
            "dong": np.array([int(h.region_dong_code) if h.region_dong_code else -1 for h in households], np.int64),
        }
        members = [(i, m) for i, h in enumerate(households) for m in h.members]
        mem: dict[str, np.ndarray] = {
            "role": np.array([ROLE_CODE[m.role] for _, m in members], np.int8),
            "residence_months": _floats([m.residence_months for _, m in members]),
            "status": np.array([_status_code(m.residence_status) for _, m in members], np.int16),
            "crisis": np.array([-1 if m.crisis_event is None else CRISIS_CODE[m.crisis_event] for _, m in members], np.int8),
        }
        for name in BOOL_FIELDS:
            mem[name] = np.array([_flag(getattr(m, name)) for _, m in members], np.int8)
        for name in MEMBER_DATES:
            mem[name] = np.array([getattr(m, name) or "NaT" for _, m in members], dtype="datetime64[D]")
        return cls(
            as_of=as_of,
            params=params or default_parameters(),
            hh=hh,
            mem=mem,
            member_hh=np.array([i for i, _ in members], np.int64),
            member_ids=np.array([m.id for _, m in members], dtype=object),
            explain=explain,
        )

    # --- reading --------------------------------------------------------------------------
    def flag(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(answered yes, not answered) for a member's yes/no field."""
        col = self.mem[name]
        return col == 1, col < 0

    def status_in(self, statuses: Sequence[str] | frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
        """(status is one of `statuses`, status not given) per member."""
        col = self.mem["status"]
        table = np.zeros(OTHER_STATUS + 2, dtype=bool)  # shifted by one so that -1 (unknown) is index 0
        table[[STATUS_CODE[s] + 1 for s in statuses if s in STATUS_CODE]] = True
        return table[col + 1], col < 0

    def role_is(self, *roles: str) -> np.ndarray:
        key = "role:" + ",".join(roles)
        if key not in self.cache:
            table = np.zeros(len(ROLE_CODE), dtype=bool)
            table[[ROLE_CODE[r] for r in roles]] = True
            self.cache[key] = table[self.mem["role"]]
        return self.cache[key]

    def months_between(self, start: np.ndarray, end: np.datetime64 | np.ndarray) -> np.ndarray:
        """Whole calendar months from `start` to `end` (NaN where unknown), as ages are counted."""
        start_m = start.astype("datetime64[M]")
        end_m = np.asarray(end).astype("datetime64[M]")
        months = (end_m - start_m).astype(np.float64)
        start_day = (start - start_m.astype("datetime64[D]")).astype(np.float64)
        end_day = (np.asarray(end) - end_m.astype("datetime64[D]")).astype(np.float64)
        months -= (end_day < start_day).astype(np.float64)
        months[np.isnat(start)] = np.nan
        return months

    def age_months(self) -> np.ndarray:
        if "age_months" not in self.cache:
            self.cache["age_months"] = self.months_between(self.mem["birth_date"], self.as_of64)
        return self.cache["age_months"]

    def residence_months(self) -> np.ndarray:
        """Months lived in Korea: the answer given, else counted from the entry date."""
        if "residence_months" not in self.cache:
            given = self.mem["residence_months"]
            from_entry = self.months_between(self.mem["entry_date"], self.as_of64)
            self.cache["residence_months"] = np.where(np.isnan(given), from_entry, given)
        return self.cache["residence_months"]

    def any_per_household(self, member_mask: np.ndarray) -> np.ndarray:
        # ufunc.at on int8 beats reduceat here: households are many and small.
        out = np.zeros(self.n, dtype=np.int8)
        np.maximum.at(out, self.member_hh, member_mask.view(np.int8))
        return out.view(bool)

    def count_per_household(self, member_mask: np.ndarray) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.int64)
        if self.m:
            out[self.nonempty] = np.add.reduceat(member_mask.astype(np.int64), self.nonempty_starts)
        return out

    def sum_per_household(self, member_values: np.ndarray) -> np.ndarray:
        out = np.zeros(self.n)
        if self.m:
            out[self.nonempty] = np.add.reduceat(member_values.astype(np.float64), self.nonempty_starts)
        return out

    # --- parameters -----------------------------------------------------------------------
    def param(
        self, name: str, key: object = None, *, on: date | None = None, informational: bool = False
    ) -> ParameterValue | None:
        """The value in force on the screening date (or `on`), noted for the explanation.

        An `informational` value only colours the wording (an aside such as course hours), so
        it does not lower how sure we are of the answer itself.
        """
        value = self.params.at(name, on or self.as_of, key)
        if value is not None and self.explain and value not in self.used:
            self.used.append(value)
            if informational:
                self.informational.add((value.name, value.key))
        return value


def _floats(values: Sequence[int | None]) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _flag(value: bool | None) -> int:
    return -1 if value is None else int(bool(value))


def _status_code(raw: str | None) -> int:
    main = main_status(raw)
    if raw is None:
        return -1
    return STATUS_CODE.get(main or "", OTHER_STATUS)
