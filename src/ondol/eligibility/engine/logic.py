"""Four-valued logic over columns: the one way every rule is written, for one household or a million.

A condition's value per row is one of
  E eligible / true, N not eligible / false, I needs information (an input is missing),
  C check with the office (we cannot decide: an unverified rule or figure).
`all_of` and `any_of` combine conditions like Kleene logic: a missing input only matters when
the other conditions leave the answer open, so the rules ask for no more than they need.
When both an unknown input and an undecidable rule leave a result open, asking the input wins:
the answer may still turn out to be "no", and the resident should know that first.

Combining only computes values. Each condition remembers its parts, and `trace` walks that
tree once at the end, following only the parts that agree with the result: what it finds are
the inputs worth asking for and the reasons that decided the answer.
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
# any_of is max() over N < C < I < E; all_of is min() over N < I < C < E (see all_of).

HH, MEMBER = "household", "member"
AND, OR, NOT, MAP, ANY_MEMBER, ALL_MEMBERS, ANSWERED, BROADCAST = (
    "and", "or", "not", "map", "any_member", "all_members", "answered", "broadcast"
)  # fmt: skip


@dataclass
class Note:
    """A reason the rules give, for the rows of `level` where `mask` is set."""

    reason: ReasonDef
    level: str
    mask: np.ndarray
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Tri:
    level: str
    state: np.ndarray  # int8 codes N, C, I, E
    missing: dict[str, np.ndarray] = field(default_factory=dict)  # own inputs: field → rows where absent
    notes: list[Note] = field(default_factory=list)  # own reasons
    parts: tuple[Tri, ...] = ()
    how: str = ""
    keep: np.ndarray | None = None  # for only_for: rows where the part still speaks


# --- combining --------------------------------------------------------------------------------
def all_of(f: Frame, *parts: Tri) -> Tri:
    level = _same_level(parts)
    # min() is right except that a missing input (I) outranks a question for the office (C).
    state = parts[0].state
    open_part = state == I
    for part in parts[1:]:
        state = np.minimum(state, part.state)
        open_part = open_part | (part.state == I)
    return Tri(level, np.where((state == C) & open_part, I, state).astype(np.int8), parts=parts, how=AND)


def any_of(f: Frame, *parts: Tri) -> Tri:
    level = _same_level(parts)
    state = parts[0].state
    for part in parts[1:]:
        state = np.maximum(state, part.state)
    return Tri(level, state, parts=parts, how=OR)


def negate(t: Tri) -> Tri:
    flipped = (E - t.state).astype(np.int8)  # E↔N; C and I are swapped by this, so put them back
    flipped[(t.state == C) | (t.state == I)] = t.state[(t.state == C) | (t.state == I)]
    return Tri(t.level, flipped, parts=(t,), how=NOT)


def with_state(t: Tri, state: np.ndarray) -> Tri:
    """The same condition with some values replaced (e.g. "registered: no" → check with the office)."""
    return Tri(t.level, state.astype(np.int8, copy=False), parts=(t,), how=MAP)


def downgrade(t: Tri, *, true_to: int = E, false_to: int = N) -> Tri:
    state = t.state.copy()
    if true_to != E:
        state[t.state == E] = true_to
    if false_to != N:
        state[t.state == N] = false_to
    return with_state(t, state)


def _same_level(parts: tuple[Tri, ...]) -> str:
    level = parts[0].level
    if any(p.level != level for p in parts):
        raise ValueError("Combine conditions of the same level; use broadcast() or any_member() first.")
    return level


def broadcast(f: Frame, t: Tri) -> Tri:
    """Use a household condition inside a member condition (each member sees its household's value)."""
    if t.level == MEMBER:
        return t
    return Tri(MEMBER, t.state[f.member_hh], parts=(t,), how=BROADCAST)


def _reduce_members(f: Frame, values: np.ndarray, ufunc: np.ufunc, empty: int) -> np.ndarray:
    """Fold member values into their household (`empty` for a household without members)."""
    out = np.full(f.n, empty, dtype=values.dtype)
    ufunc.at(out, f.member_hh, values)
    return out


def any_member(f: Frame, t: Tri) -> Tri:
    """True for a household when it is true for at least one member (no members: false)."""
    return Tri(HH, _reduce_members(f, t.state, np.maximum, N), parts=(t,), how=ANY_MEMBER)


def all_members(f: Frame, t: Tri) -> Tri:
    """True for a household when it is true for every member (no members: true)."""
    state = _reduce_members(f, t.state, np.minimum, E)
    open_member = f.any_per_household(t.state == I)
    return Tri(HH, np.where((state == C) & open_member, I, state).astype(np.int8), parts=(t,), how=ALL_MEMBERS)


def answered_by_any_member(f: Frame, t: Tri) -> Tri:
    """For a household fact asked of one member: the first answer given wins over silence.

    True if any member says yes; false if someone answered and nobody said yes; open otherwise,
    and then only the first member who could answer is asked (one question per household).
    """
    has = {code: f.any_per_household(t.state == code) for code in (E, N, C)}
    state = np.where(has[E], E, np.where(has[N], N, np.where(has[C], C, I))).astype(np.int8)
    return Tri(HH, state, parts=(t,), how=ANSWERED)


def only_for(t: Tri, mask: np.ndarray) -> Tri:
    """Keep `t` for the rows of `mask`; other rows are left open without asking them anything.

    Used with `answered_by_any_member` for a fact only some members are asked about.
    """
    return Tri(t.level, np.where(mask, t.state, I).astype(np.int8), parts=(t,), how=MAP, keep=mask)


# --- conditions read from inputs ------------------------------------------------------------------
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
    state = value.astype(np.int8) * np.int8(E)
    if undecided is not None:
        np.putmask(state, undecided, C)
    for mask in (missing or {}).values():
        np.putmask(state, mask, I)
    t = Tri(level, state, dict(missing or {}))
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
    """`t` with one more explanation for the rows of `mask`, without changing any value."""
    if not f.explain:
        return t
    return Tri(t.level, t.state, notes=[Note(reason, t.level, mask, params or {})], parts=(t,), how=MAP)


# --- tracing what decided a result ------------------------------------------------------------
@dataclass
class Trace:
    missing: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    notes: list[tuple[Note, np.ndarray]] = field(default_factory=list)


def trace(f: Frame, root: Tri) -> Trace:
    """The inputs worth asking for and the reasons that decided `root`, row by row."""
    out = Trace()
    memo: dict[tuple[int, bytes], Trace] | None = f.cache.setdefault("trace-memo", {}) if f.explain else None
    _walk(f, root, np.ones(len(root.state), dtype=bool), out, memo)
    return out


def _walk(f: Frame, node: Tri, rel: np.ndarray, out: Trace, memo: dict[tuple[int, bytes], Trace] | None) -> None:
    if memo is not None and node.parts:
        # One household: shared facts (nationality, the Art. 5-2 group...) are reached by many
        # programs with the same relevant rows, so their trace is worked out once.
        key = (id(node), rel.tobytes())
        found = memo.get(key)
        if found is None:
            found = Trace()
            _visit(f, node, rel, found, memo)
            memo[key] = found
            f.cache.setdefault("trace-pins", []).append(node)  # keeps the id unique while memoised
        for k, mask in found.missing.items():
            out.missing[k] = out.missing[k] | mask if k in out.missing else mask
        out.notes.extend(found.notes)
        return
    _visit(f, node, rel, out, memo)


def _visit(f: Frame, node: Tri, rel: np.ndarray, out: Trace, memo: dict[tuple[int, bytes], Trace] | None) -> None:
    if node.missing:
        open_rows = rel & (node.state == I)
        for name, mask in node.missing.items():
            key = (node.level, name)
            hit = mask & open_rows
            out.missing[key] = out.missing[key] | hit if key in out.missing else hit
    if node.parts:
        for part, child_rel in zip(node.parts, _relevance(f, node, rel), strict=True):
            if child_rel.any():
                _walk(f, part, child_rel, out, memo)
    # A node's own reasons come after its parts': the details first, then what they add up to.
    for note in node.notes:
        out.notes.append((note, note.mask & rel))


_YES = np.ones(1, dtype=bool)
_NO = np.zeros(1, dtype=bool)
_YES.flags.writeable = _NO.flags.writeable = False


def _relevance_one(node: Tri, conjunction: bool) -> list[np.ndarray]:
    """`_relevance` for one household-level row that matters: the same rule on plain ints.

    A single screening walks a few hundred such nodes; NumPy's per-call cost dominates there.
    """
    target = int(node.state[0])
    open_target = target in (I, C)
    out = []
    for part in node.parts:
        value = int(part.state[0])
        if node.how in (NOT, MAP):
            kept = value != I or target == I
            out.append(_YES if kept and (node.keep is None or node.keep[0]) else _NO)
        else:
            out.append(_YES if value == target or (conjunction and value == E and open_target) else _NO)
    return out


def _relevance(f: Frame, node: Tri, rel: np.ndarray) -> list[np.ndarray] | np.ndarray:
    """Per part: the rows whose value made `node` what it is, given the rows where `node` matters."""
    parts = node.parts
    if len(rel) == 1 and node.how != BROADCAST and parts[0].level == node.level:
        if not rel[0]:
            return [_NO] * len(parts)
        return _relevance_one(node, node.how in (AND, ALL_MEMBERS) and f.explain)
    if node.how == BROADCAST:
        return [f.any_per_household(rel)]
    if node.how in (NOT, MAP):
        # A part's open rows only matter where the node itself stayed open.
        part = parts[0]
        kept = rel & ((part.state != I) | (node.state == I))
        return [kept & node.keep if node.keep is not None else kept]
    if node.level != parts[0].level:  # a household result from its members
        target, rel = node.state[f.member_hh], rel[f.member_hh]
    else:
        target = node.state
    # All parts at once: one row of states per part (they share a level).
    states = parts[0].state[None, :] if len(parts) == 1 else np.stack([p.state for p in parts])
    agree = rel & (states == target)
    if node.how in (AND, ALL_MEMBERS) and f.explain:
        # In a conjunction left open, the conditions already met still explain something.
        agree |= rel & (states == E) & ((target == I) | (target == C))
    if node.how == ANSWERED:
        # Ask only the first member of each household that could answer.
        asked = agree[0] & (states[0] == I)
        agree = (agree[0] & (~asked | _first_per_household(f, asked)))[None, :]
    return agree


def _first_per_household(f: Frame, member_mask: np.ndarray) -> np.ndarray:
    rows = np.flatnonzero(member_mask)
    _households, first = np.unique(f.member_hh[rows], return_index=True)
    out = np.zeros_like(member_mask)
    out[rows[first]] = True
    return out
