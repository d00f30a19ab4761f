"""What a program is, and the few building blocks several programs share (income limits)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..frame import Frame
from ..logic import HH, E, I, N, Tri, all_of, leaf, note_where, with_state
from ..parameters import Confidence, threshold
from ..results import Document, Kind, ReasonDef


@dataclass
class DeadlineColumns:
    """Per-member deadlines of one obligation: who it applies to and by when."""

    applies: np.ndarray  # bool per member
    start: np.ndarray  # datetime64[D]: the event that starts the period (or the expiry date)
    days: np.ndarray | None  # period length per member; None for "before the card expires"
    legal_due: np.ndarray
    safe_due: np.ndarray
    penalty: ReasonDef
    penalty_params: dict[str, object] = field(default_factory=dict)
    confidence: Confidence = Confidence.LAW


@dataclass
class Outcome:
    tri: Tri  # household level
    amount: np.ndarray | None = None  # KRW per household, NaN where none
    beneficiaries: np.ndarray | None = None  # bool per member
    deadlines: list[DeadlineColumns] = field(default_factory=list)


@dataclass(frozen=True)
class Program:
    key: str
    kind: Kind
    title: Promise
    summary: Promise
    legal_basis: str
    confidence: Confidence  # of the rule itself (who qualifies), apart from its figures
    evaluate: Callable[[Frame], Outcome]
    parameters: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    documents_if_foreign: tuple[Document, ...] = ()
    pays_amount: bool = False


# --- income limits on the median income ---------------------------------------------------
R_SIZE_MISSING = ReasonDef(
    "household_size_unknown", _("We need to know how many people live in the household."), ""
)
R_SIZE_7_PLUS = ReasonDef(
    "median_income_7_plus_unconfirmed",
    _(
        "The median income for households of seven or more has not been confirmed yet, "
        "so the community centre has to work out the limit for %(size)s people."
    ),
    "국민기초생활 보장법 제2조제11호",
)
R_NO_FIGURE = ReasonDef(
    "figure_not_on_file",
    _("We do not have the official figures in force on %(as_of)s, so the community centre has to check."),
    "",
)
R_UNVERIFIED_FIGURE = ReasonDef(
    "figure_unverified",
    _(
        "The figures for %(as_of)s come from a source we could not confirm; this is an estimate only, "
        "please confirm at your community centre."
    ),
    "",
)


@dataclass
class Limit:
    value: np.ndarray  # KRW per household, NaN where unknown
    available: Tri


def median_share(f: Frame, rate_name: str, *, informational: bool = False) -> Limit:
    """Per household: median income for its size × the program's rate, rounded half-up (Decimal)."""
    size = f.hh["size"]
    size_missing = np.isnan(size)
    big = ~size_missing & (size >= 7)
    value = np.full(f.n, np.nan)
    no_figure = np.zeros(f.n, dtype=bool)
    unverified = np.zeros(f.n, dtype=bool)
    rate = f.param(rate_name, informational=informational)
    for s in np.unique(size[~size_missing & ~big]).astype(int):
        rows = size == s
        median = f.param("median_income", s, informational=informational)
        if median is None or rate is None:
            no_figure |= rows
            continue
        value[rows] = float(threshold(median, rate))
        if median.unverified or rate.unverified:
            unverified |= rows
    params = {"size": size, "as_of": f.as_of}
    t = leaf(f, HH, np.ones(f.n, dtype=bool), missing={"size": size_missing}, undecided=no_figure | unverified)
    # Seven or more people: no confirmed figure exists, so the answer stays open (not "no").
    t = with_state(t, np.where(big, I, t.state))
    t = note_where(f, t, R_SIZE_7_PLUS, big, params)
    t = note_where(f, t, R_NO_FIGURE, no_figure & ~unverified, params)
    t = note_where(f, t, R_UNVERIFIED_FIGURE, unverified, params)
    return Limit(value, t)


def income_within(f: Frame, limit: Limit, *, within: ReasonDef, above: ReasonDef) -> Tri:
    """Recognised monthly income at or below the limit (exactly at the limit qualifies)."""
    income = f.hh["income"]
    has_limit = ~np.isnan(limit.value)
    # Where the limit itself is open, the comparison does not decide anything: `limit.available` does.
    value = (income <= limit.value) | ~has_limit
    t = leaf(f, HH, value, missing={"monthly_income_krw": np.isnan(income)})
    if f.explain:
        params = {"income_krw": income, "limit_krw": limit.value, "size": f.hh["size"]}
        t = note_where(f, t, within, (t.state == E) & has_limit, params)
        t = note_where(f, t, above, (t.state == N) & has_limit, params)
    return all_of(f, limit.available, t)


def amount_where(t: Tri, amount: np.ndarray) -> np.ndarray:
    """The amount only for the households found eligible."""
    return np.where(t.state == E, amount, np.nan)


def krw(value: Decimal | int | None) -> float:
    return np.nan if value is None else float(value)

