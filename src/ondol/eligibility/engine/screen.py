"""Run every program on a frame: one household explained in full, or many as plain columns.

Both paths call the same program functions on the same kind of frame; the only difference is
that a single household also collects the reasons and parameters (`explain=True`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from .deadline_text import explain_expiry, explain_period
from .frame import Frame
from .inputs import Household
from .logic import HH, C, E, I, N, Trace, trace
from .parameters import Confidence, ParameterSet, ParameterValue, default_parameters
from .programs import PROGRAMS, Outcome, Program
from .programs.base import DeadlineColumns
from .results import DeadlineResult, ProgramResult, Reason, ScreeningResult, Status

# Bump when a rule changes meaning; the parameters' digest is appended automatically.
RULES_VERSION = "2026.11.0"
STATUS_OF_CODE = {E: Status.ELIGIBLE, N: Status.NOT_ELIGIBLE, I: Status.NEEDS_INFORMATION, C: Status.CHECK_WITH_OFFICE}
CODE_OF_STATUS = {status: code for code, status in STATUS_OF_CODE.items()}


def rules_version(params: ParameterSet | None = None) -> str:
    return f"{RULES_VERSION}+{(params or default_parameters()).digest}"


@dataclass
class Evaluated:
    program: Program
    outcome: Outcome
    used: list[ParameterValue]
    informational: set[tuple[str, str | None]]


def evaluate(frame: Frame, programs: Sequence[Program] = PROGRAMS) -> list[Evaluated]:
    out = []
    for program in programs:
        frame.used, frame.informational = [], set()
        outcome = program.evaluate(frame)
        out.append(Evaluated(program, outcome, list(frame.used), set(frame.informational)))
    return out


# --- one household, explained ---------------------------------------------------------------
def screen(
    household: Household, as_of: date, *, params: ParameterSet | None = None, programs: Sequence[Program] = PROGRAMS
) -> ScreeningResult:
    """Screen one household against every program, with reasons, documents and deadlines."""
    params = params or default_parameters()
    frame = Frame.from_households([household], as_of, params=params, explain=True)
    results, deadlines = [], []
    for item in evaluate(frame, programs):
        results.append(_program_result(frame, item))
        for cols in item.outcome.deadlines:
            deadlines += _deadline_results(frame, item.program, cols)
    return ScreeningResult(as_of, rules_version(params), tuple(results), tuple(deadlines))


def screen_loop(households: Iterable[Household], as_of: date) -> list[ScreeningResult]:
    """The plain per-household loop (what the batch path must agree with)."""
    return [screen(h, as_of) for h in households]


def _program_result(frame: Frame, item: Evaluated) -> ProgramResult:
    tri, program = item.outcome.tri, item.program
    found = trace(frame, tri)
    amount = item.outcome.amount
    foreign = bool((frame.mem["korean_national"] != 1).any())
    beneficiaries = item.outcome.beneficiaries
    deciding = [p.confidence for p in item.used if (p.name, p.key) not in item.informational]
    confidence = min([program.confidence, *deciding])
    return ProgramResult(
        program=program.key,
        kind=program.kind,
        status=STATUS_OF_CODE[int(tri.state[0])],
        reasons=_reasons(frame, found),
        missing_inputs=_missing(frame, found.missing),
        documents=program.documents + (program.documents_if_foreign if foreign else ()),
        amount_krw=None if amount is None or np.isnan(amount[0]) else Decimal(round(float(amount[0]))),
        parameters=tuple(item.used),
        confidence=Confidence(confidence),
        beneficiaries=tuple(frame.member_ids[beneficiaries]) if beneficiaries is not None else (),
    )


def _reasons(frame: Frame, found: Trace) -> tuple[Reason, ...]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for note, mask in found.notes:
        rows = (0,) if note.level == HH and mask[0] else () if note.level == HH else mask.nonzero()[0]
        for j in rows:
            member = str(frame.member_ids[j]) if note.level != HH else None
            key = (note.reason.code, member)
            if key in seen:
                continue
            seen.add(key)
            params = {name: scalar(value, j) for name, value in note.params.items()}
            out.append(Reason(note.reason.code, note.reason.message, params, note.reason.legal_basis, member))
    return tuple(out)


def _missing(frame: Frame, missing: dict[tuple[str, str], np.ndarray]) -> tuple[str, ...]:
    out: list[str] = []
    for (level, name), mask in missing.items():
        if level == HH:
            if mask[0]:
                out.append(f"household.{HOUSEHOLD_INPUT.get(name, name)}")
        else:
            out += [f"members[{frame.member_ids[j]}].{name}" for j in np.flatnonzero(mask)]
    return tuple(dict.fromkeys(out))


HOUSEHOLD_INPUT = {"size": "size", "monthly_income_krw": "monthly_income_krw", "assets_krw": "assets_krw"}


def scalar(value: Any, j: int | np.integer) -> Any:
    """One row of a note's parameter, as a plain Python value (Decimal for money)."""
    if isinstance(value, np.ndarray):
        value = value[j]
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else value.astype("datetime64[D]").astype(object)
    if isinstance(value, np.floating | float) and not isinstance(value, bool):
        if np.isnan(value):
            return None
        return Decimal(int(value)) if float(value).is_integer() else Decimal(str(float(value)))
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.str_):
        return str(value)
    return value


def _deadline_results(frame: Frame, program: Program, cols: DeadlineColumns) -> list[DeadlineResult]:
    out = []
    for j in np.flatnonzero(cols.applies & ~np.isnat(cols.legal_due)):
        legal, safe = scalar(cols.legal_due, j), scalar(cols.safe_due, j)
        start = scalar(cols.start, j)
        if cols.days is None:
            explanation = explain_expiry(legal, safe, frame.as_of)
        else:
            explanation = explain_period(start, int(cols.days[j]), frame.as_of)
        penalty = Reason(cols.penalty.code, cols.penalty.message, dict(cols.penalty_params), cols.penalty.legal_basis)
        out.append(
            DeadlineResult(
                obligation=program.key,
                member_id=str(frame.member_ids[j]),
                start=start,
                legal_due=legal,
                safe_due=safe,
                overdue=frame.as_of > legal,
                explanation=explanation,
                penalty=penalty,
                confidence=cols.confidence,
            )
        )
    return out


# --- many households, as columns ------------------------------------------------------------
@dataclass
class Columns:
    """Per program: status codes, amounts, open inputs and earliest deadlines, one row per household."""

    status: dict[str, np.ndarray]
    amount: dict[str, np.ndarray]
    missing: dict[str, dict[str, np.ndarray]]
    legal_due: dict[str, np.ndarray]
    safe_due: dict[str, np.ndarray]


def screen_frame(frame: Frame, programs: Sequence[Program] = PROGRAMS) -> Columns:
    cols = Columns({}, {}, {}, {}, {})
    for item in evaluate(frame, programs):
        key, outcome = item.program.key, item.outcome
        cols.status[key] = outcome.tri.state
        if item.program.pays_amount:
            cols.amount[key] = outcome.amount if outcome.amount is not None else np.full(frame.n, np.nan)
        cols.missing[key] = _missing_columns(frame, trace(frame, outcome.tri).missing)
        if outcome.deadlines:
            cols.legal_due[key], cols.safe_due[key] = _earliest(frame, outcome.deadlines)
    return cols


def _missing_columns(frame: Frame, missing: dict[tuple[str, str], np.ndarray]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for (level, name), mask in missing.items():
        label = f"household.{name}" if level == HH else f"members.{name}"
        per_household = mask if level == HH else frame.any_per_household(mask)
        out[label] = out[label] | per_household if label in out else per_household
    return out


def _earliest(frame: Frame, deadlines: list[DeadlineColumns]) -> tuple[np.ndarray, np.ndarray]:
    never = np.iinfo(np.int64).max
    result = []
    for which in ("legal_due", "safe_due"):
        best = np.full(frame.n, never, dtype=np.int64)
        for cols in deadlines:
            days = getattr(cols, which)
            values = np.where(cols.applies & ~np.isnat(days), days.astype(np.int64), never)
            if frame.m:
                nonempty = frame.hh_count > 0
                best[nonempty] = np.minimum(best[nonempty], np.minimum.reduceat(values, frame.hh_start[nonempty]))
        out = best.astype("datetime64[D]")
        out[best == never] = np.datetime64("NaT")
        result.append(out)
    return result[0], result[1]


def normalise_missing(name: str) -> str:
    """'members[child1].birth_date' → 'members.birth_date', the batch path's spelling."""
    if name.startswith("members["):
        return "members." + name.split("].", 1)[1]
    return name
