"""Dated parameters read from YAML: every figure the rules use, with its source and how sure we are.

A parameter has one or more values, each in force from a date (and optionally until a date).
The engine asks for the value in force on the screening date; when none is, the rule that
needs it answers "check with the office" instead of guessing.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PARAMETERS_DIR = Path(__file__).resolve().parent.parent / "parameters"


class Confidence(IntEnum):
    """How sure we are of a figure; ordered so that min() gives the weakest link."""

    UNVERIFIED = 0
    SECONDARY = 1
    GOVERNMENT = 2
    LAW = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, raw: str) -> Confidence:
        try:
            return cls[str(raw).upper()]
        except KeyError:
            raise ValueError(f"Unknown confidence {raw!r}; use law, government, secondary or unverified.") from None


@dataclass(frozen=True)
class ParameterValue:
    """One value of a parameter, as it applies on a date (and for a key, if the parameter is keyed)."""

    name: str
    key: str | None
    value: Any
    effective_from: date
    effective_until: date | None
    source: str
    confidence: Confidence
    legal_basis: str

    @property
    def unverified(self) -> bool:
        return self.confidence == Confidence.UNVERIFIED


@dataclass(frozen=True)
class _Period:
    start: date
    end: date | None
    values: Mapping[str | None, Any]
    confidence: Mapping[str | None, Confidence]
    source: str

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    legal_basis: str
    keyed_by: str | None
    periods: tuple[_Period, ...] = field(repr=False)

    def at(self, day: date, key: object = None) -> ParameterValue | None:
        """The value in force on `day` (for `key`), or None when no value is in force."""
        norm_key = None if key is None else str(key)
        for period in reversed(self.periods):
            if period.covers(day):
                if norm_key not in period.values:
                    return None
                return ParameterValue(
                    name=self.name,
                    key=norm_key,
                    value=period.values[norm_key],
                    effective_from=period.start,
                    effective_until=period.end,
                    source=period.source,
                    confidence=period.confidence[norm_key],
                    legal_basis=self.legal_basis,
                )
        return None

    def change_dates(self) -> list[date]:
        """Every date on which a value starts or stops; handy for tests at the boundaries."""
        days = {period.start for period in self.periods}
        days |= {period.end + timedelta(days=1) for period in self.periods if period.end}
        return sorted(days)


def _coerce(unit: str, raw: Any) -> Any:
    if unit in {"krw", "rate"}:
        # Strings in YAML keep rates exact ("0.32"); Decimal(float) would not.
        return Decimal(str(raw))
    if unit in {"days", "months", "years", "hours"}:
        return int(raw)
    if unit == "statuses":
        return frozenset(str(item) for item in raw)
    raise ValueError(f"Unknown unit {unit!r}.")


def _parse_parameter(name: str, spec: Mapping[str, Any]) -> Parameter:
    unit = spec["unit"]
    keyed_by = spec.get("keyed_by")
    periods: list[_Period] = []
    for entry in spec["values"]:
        default_conf = Confidence.parse(entry["confidence"])
        values: dict[str | None, Any]
        confidence: dict[str | None, Confidence]
        if keyed_by:
            values = {str(k): _coerce(unit, v) for k, v in entry["by_key"].items()}
            overrides: dict[str | None, Confidence] = {
                str(k): Confidence.parse(v) for k, v in entry.get("confidence_by_key", {}).items()
            }
            confidence = {k: overrides.get(k, default_conf) for k in values}
        else:
            values = {None: _coerce(unit, entry["value"])}
            confidence = {None: default_conf}
        start = entry["from"]
        end = entry.get("until")
        if end is not None and end < start:
            raise ValueError(f"{name}: a value ends ({end}) before it starts ({start}).")
        periods.append(_Period(start, end, values, confidence, str(entry["source"])))
    periods.sort(key=lambda p: p.start)
    for earlier, later in itertools.pairwise(periods):
        if earlier.end is not None and earlier.end >= later.start:
            raise ValueError(f"{name}: values overlap around {later.start}.")
    return Parameter(
        name=name,
        description=spec["description"],
        unit=unit,
        legal_basis=spec.get("legal_basis", ""),
        keyed_by=keyed_by,
        periods=tuple(periods),
    )


@dataclass(frozen=True)
class ParameterSet:
    parameters: Mapping[str, Parameter]
    digest: str
    _memo: dict[tuple[str, date, object], ParameterValue | None] = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, name: str) -> Parameter:
        return self.parameters[name]

    def at(self, name: str, day: date, key: object = None) -> ParameterValue | None:
        # The same few look-ups recur for every household screened; values never change in memory.
        memo_key = (name, day, None if key is None else str(key))
        if memo_key not in self._memo:
            if len(self._memo) > 100_000:  # event dates vary without end; keep the memo bounded
                self._memo.clear()
            self._memo[memo_key] = self.parameters[name].at(day, key)
        return self._memo[memo_key]

    def __iter__(self) -> Iterable[Parameter]:  # type: ignore[override]
        return iter(self.parameters.values())


def load_parameters(directory: Path = PARAMETERS_DIR) -> ParameterSet:
    """Read every `*.yaml` in `directory`; a name defined twice is an error, not a silent override."""
    parameters: dict[str, Parameter] = {}
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        for name, spec in (yaml.safe_load(raw) or {}).items():
            if name in parameters:
                raise ValueError(f"Parameter {name} is defined twice (second time in {path.name}).")
            parameters[name] = _parse_parameter(name, spec)
    return ParameterSet(parameters, digest.hexdigest()[:10])


@cache
def default_parameters() -> ParameterSet:
    return load_parameters()


def half_up(value: Decimal) -> Decimal:
    """Round to the won, halves away from zero, as the ministry's tables do."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def threshold(median: ParameterValue, rate: ParameterValue) -> Decimal:
    """Selection threshold = median × rate, rounded half-up to the won."""
    return half_up(Decimal(median.value) * Decimal(rate.value))
