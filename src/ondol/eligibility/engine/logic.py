"""Four-valued logic over columns: the one way every rule is written, for one household or a million.

A condition's value per row is one of
  E eligible / true, N not eligible / false, I needs information (an input is missing),
  C check with the office (we cannot decide: an unverified rule or figure).
`all_of` and `any_of` combine conditions like Kleene logic: a missing input only matters when
the other conditions leave the answer open, so the rules ask for no more than they need.
When both an unknown input and an undecidable rule leave a result open, asking the input wins:
the answer may still turn out to be "no", and the resident should know that first.

Each condition also carries *which* inputs are missing (masks per input field) and, when
explaining a single household, the reasons that decided it (notes with masks). Combining keeps
only the parts that agree with the combined result, so the final reasons are exactly the
conditions that decided it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .frame import Frame
    from .results import ReasonDef

N, C, I, E = 0, 1, 2, 3  # noqa: E741 - the four truth values read best as letters
# any_of is max() over N < C < I < E. all_of is min() over N < I < C < E; this permutation maps a
# code to that rank and back (it is its own inverse).
_AND_RANK = np.array([0, 2, 1, 3], dtype=np.int8)

HH, MEMBER = "household", "member"


@dataclass
class Note:
    """A reason the rules give, for the rows of `level` where `mask` is set."""

    reason: ReasonDef
    level: str
    mask: np.ndarray
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Tri:
    level: str
    state: np.ndarray  # int8 codes N, C, I, E
    missing: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def is_(self, code: int) -> np.ndarray:
        return self.state == code


def _restrict(f: Frame, mask: np.ndarray, mask_level: str, rel: np.ndarray, rel_level: str) -> np.ndarray:
    """Keep `mask` only where the relevance `rel` (possibly at another level) holds."""
    if mask_level == rel_level:
        return mask & rel
    if mask_level == MEMBER:  # relevance is per household: look it up for each member
        return mask & rel[f.member_hh]
    return mask & f.any_per_household(rel)


def _carry(f: Frame, parts: tuple[Tri, ...], level: str, state: np.ndarray, *, conjunction: bool = False) -> Tri:
    out = Tri(level, state)
    for part in parts:
        # A member condition folded into a household result is compared member by member.
        target = state if part.level == level else state[f.member_hh]
        rel = part.state == target
        if conjunction and f.explain:
            # When a conjunction is left open, the conditions already met still explain something
            # ("your income is within the limit, but ...").
            rel = rel | ((part.state == E) & ((target == I) | (target == C)))
        if part.missing:
            rel_open = (part.state == I) & (target == I)
            for key, mask in part.missing.items():
                kept = _restrict(f, mask, key[0], rel_open, part.level)
                out.missing[key] = out.missing[key] | kept if key in out.missing else kept
        for note in part.notes:
            kept = _restrict(f, note.mask, note.level, rel, part.level)
            out.notes.append(Note(note.reason, note.level, kept, note.params))
    return out


def all_of(f: Frame, *parts: Tri) -> Tri:
    level = _same_level(parts)
    rank = _AND_RANK[parts[0].state]
    for part in parts[1:]:
        rank = np.minimum(rank, _AND_RANK[part.state])
    return _carry(f, parts, level, _AND_RANK[rank], conjunction=True)


def any_of(f: Frame, *parts: Tri) -> Tri:
    level = _same_level(parts)
    state = parts[0].state
    for part in parts[1:]:
        state = np.maximum(state, part.state)
    return _carry(f, parts, level, state)


def negate(t: Tri) -> Tri:
    flipped = np.where(t.state == E, N, np.where(t.state == N, E, t.state)).astype(np.int8)
    return Tri(t.level, flipped, dict(t.missing), list(t.notes))


def downgrade(t: Tri, *, true_to: int = E, false_to: int = N, open_to: int | None = None) -> Tri:
    """Map the truth values of `t` (e.g. "registered: no" becomes "check with the office")."""
    state = np.where(t.state == E, true_to, np.where(t.state == N, false_to, t.state))
    if open_to is not None:
        state = np.where(t.state == I, open_to, state)
    return Tri(t.level, state.astype(np.int8), dict(t.missing) if open_to is None else {}, list(t.notes))


def _same_level(parts: tuple[Tri, ...]) -> str:
    levels = {p.level for p in parts}
    if len(levels) != 1:
        raise ValueError("Combine conditions of the same level; use broadcast() or any_member() first.")
    return levels.pop()


def broadcast(f: Frame, t: Tri) -> Tri:
    """Use a household condition inside a member condition (each member sees its household's value)."""
    if t.level == MEMBER:
        return t
    return Tri(MEMBER, t.state[f.member_hh], dict(t.missing), list(t.notes))


def _reduce_members(f: Frame, values: np.ndarray, ufunc: np.ufunc, empty: int) -> np.ndarray:
    out = np.full(f.n, empty, dtype=np.int8)
    if f.m:
        nonempty = f.hh_count > 0
        out[nonempty] = ufunc.reduceat(values, f.hh_start[nonempty])
    return out


def any_member(f: Frame, t: Tri) -> Tri:
    """True for a household when it is true for at least one member (no members: false)."""
    state = _reduce_members(f, t.state, np.maximum, N)
    return _carry(f, (t,), HH, state) if t.level == MEMBER else t


def all_members(f: Frame, t: Tri) -> Tri:
    """True for a household when it is true for every member (no members: true)."""
    rank = _reduce_members(f, _AND_RANK[t.state], np.minimum, _AND_RANK[E])
    return _carry(f, (t,), HH, _AND_RANK[rank], conjunction=True)


def answered_by_any_member(f: Frame, t: Tri) -> Tri:
    """For a household fact asked of one member: the first answer given wins over silence.

    True if any member says yes; false if someone answered and nobody said yes; open otherwise.
    """
    has = {code: _reduce_members(f, (t.state == code).astype(np.int8), np.maximum, 0) > 0 for code in (E, N, C)}
    state = np.where(has[E], E, np.where(has[N], N, np.where(has[C], C, I))).astype(np.int8)
    return _carry(f, (t,), HH, state)


def leaf(
    f: Frame,
    level: str,
    value: np.ndarray,
    *,
    missing: Mapping[str, np.ndarray] | None = None,
    when_true: ReasonDef | None = None,
    when_false: ReasonDef | None = None,
    params: Mapping[str, Any] | None = None,
    undecided: np.ndarray | None = None,
    when_undecided: ReasonDef | None = None,
) -> Tri:
    """A condition read from inputs.

    `value` is the answer where every input is known; `missing` maps an input field to the rows
    where it is absent (those rows are open, I). `undecided` marks rows we cannot decide (C).
    """
    size = len(value)
    open_rows = np.zeros(size, dtype=bool)
    for mask in (missing or {}).values():
        open_rows |= mask
    state = np.where(value, E, N).astype(np.int8)
    if undecided is not None:
        state[undecided] = C
    state[open_rows] = I
    t = Tri(level, state, {(level, name): mask & open_rows for name, mask in (missing or {}).items()})
    if f.explain:
        for reason, code in ((when_true, E), (when_false, N), (when_undecided, C)):
            if reason is not None:
                t.notes.append(Note(reason, level, state == code, params or {}))
    return t


def const(f: Frame, level: str, code: int, reason: ReasonDef | None = None, params: Mapping[str, Any] | None = None) -> Tri:
    size = f.n if level == HH else f.m
    t = Tri(level, np.full(size, code, dtype=np.int8))
    if f.explain and reason is not None:
        t.notes.append(Note(reason, level, np.ones(size, dtype=bool), params or {}))
    return t


def check_unless(f: Frame, t: Tri, reason: ReasonDef, params: Mapping[str, Any] | None = None) -> Tri:
    """Where `t` is true we still cannot decide: say why and send the resident to the office."""
    return all_of(f, t, const(f, t.level, C, reason, params))


def note_where(f: Frame, t: Tri, reason: ReasonDef, mask: np.ndarray, params: Mapping[str, Any] | None = None) -> Tri:
    """A copy of `t` that also explains the rows of `mask`, without changing any value."""
    if not f.explain:
        return t
    return Tri(t.level, t.state, dict(t.missing), [*t.notes, Note(reason, t.level, mask, params or {})])


def only_for(t: Tri, mask: np.ndarray) -> Tri:
    """Keep `t` for the rows of `mask`; other rows are left open without asking them anything.

    Used with `answered_by_any_member` for a fact only some members are asked about.
    """
    state = np.where(mask, t.state, I).astype(np.int8)
    missing = {key: m & mask if key[0] == t.level else m for key, m in t.missing.items()}
    notes = [Note(n.reason, n.level, n.mask & mask if n.level == t.level else n.mask, n.params) for n in t.notes]
    return Tri(t.level, state, missing, notes)
