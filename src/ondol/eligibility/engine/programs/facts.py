"""Facts about members that several programs ask, computed once per frame.

Each fact is a member-level (or household-level) condition with its own short explanation,
so whichever program a fact decides, the resident reads the same sentence.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from django.utils.translation import gettext_lazy as _

from ..frame import Frame
from ..inputs import SHORT_STAY_STATUSES
from ..logic import (
    MEMBER,
    C,
    E,
    Tri,
    all_of,
    answered_by_any_member,
    any_member,
    any_of,
    broadcast,
    const,
    downgrade,
    leaf,
    negate,
    note_where,
    only_for,
)
from ..results import ReasonDef

MINOR_MONTHS = 19 * 12  # 민법 Art. 4: adulthood at 19
BASIC_ACT_5_2 = "국민기초생활 보장법 제5조의2"

R_KOREAN = ReasonDef("korean_national", _("%(member)s is a Korean national."))
R_NOT_KOREAN = ReasonDef("not_korean_national", _("%(member)s is not a Korean national."))
R_MARRIED = ReasonDef("married_to_korean", _("%(member)s is married to a Korean national."), BASIC_ACT_5_2)
R_DIV_WID = ReasonDef(
    "divorced_or_widowed_from_korean",
    _("%(member)s was married to a Korean national who died or from whom they are divorced."),
    BASIC_ACT_5_2,
)
R_REFUGEE = ReasonDef("recognized_refugee", _("%(member)s is a recognised refugee."), "난민법 제2조제2호, 제31조")
R_KR_CHILD = ReasonDef(
    "raising_korean_minor_child", _("The household is raising a child under 19 who is a Korean national."), BASIC_ACT_5_2
)
R_PREGNANT = ReasonDef("couple_pregnancy", _("Someone in the couple is pregnant."), BASIC_ACT_5_2)
R_KR_ASCENDANT = ReasonDef(
    "lives_with_korean_ascendant", _("The household lives with a Korean parent or grandparent of the spouse."), BASIC_ACT_5_2
)
R_WIDOW_PREGNANT = ReasonDef(
    "pregnant_after_korean_spouse",
    _(
        "%(member)s is pregnant and no longer married to a Korean national: this counts if the Korean "
        "spouse died, which the community centre confirms."
    ),
    BASIC_ACT_5_2,
)
R_NOT_REGISTERED = ReasonDef(
    "foreign_member_not_registered",
    _(
        "%(member)s has not registered as a foreigner; the decree probably requires registration, "
        "so please ask the community centre."
    ),
    "국민기초생활 보장법 시행령 (to be verified)",
)
R_SHORT_STAY = ReasonDef(
    "short_stay_status", _("%(member)s has a short-stay status (visitor or tourist)."), "출입국관리법 시행령 별표 1"
)
R_EMPLOYED = ReasonDef("employed", _("%(member)s works for an employer."))
R_NOT_EMPLOYED = ReasonDef("not_employed", _("%(member)s does not work for an employer."))


def _cached(name: str) -> Callable[[Callable[[Frame], Tri]], Callable[[Frame], Tri]]:
    def wrap(fn: Callable[[Frame], Tri]) -> Callable[[Frame], Tri]:
        def inner(f: Frame) -> Tri:
            key = f"fact:{name}"
            if key not in f.cache:
                f.cache[key] = fn(f)
            return f.cache[key]

        inner.__doc__ = fn.__doc__
        return inner

    return wrap


def member_ids(f: Frame) -> dict[str, np.ndarray]:
    return {"member": f.member_ids}


def flag(f: Frame, name: str, when_true: ReasonDef | None = None, when_false: ReasonDef | None = None) -> Tri:
    """A member's yes/no answer as a condition; unanswered means open."""
    yes, missing = f.flag(name)
    return leaf(f, MEMBER, yes, missing={name: missing}, when_true=when_true, when_false=when_false, params=member_ids(f))


@_cached("korean")
def korean(f: Frame) -> Tri:
    return flag(f, "korean_national", R_KOREAN, R_NOT_KOREAN)


@_cached("foreign")
def foreign(f: Frame) -> Tri:
    return negate(korean(f))


def _age(f: Frame) -> tuple[np.ndarray, np.ndarray]:
    months = f.age_months()
    return months, np.isnan(months)


def age_below(f: Frame, months_limit: float, *, when_true: ReasonDef | None = None,
              when_false: ReasonDef | None = None, params: dict | None = None) -> Tri:  # fmt: skip
    months, missing = _age(f)
    p = {**member_ids(f), "age_years": np.floor(months / 12), **(params or {})} if f.explain else None
    return leaf(f, MEMBER, months < months_limit, missing={"birth_date": missing},
                when_true=when_true, when_false=when_false, params=p)  # fmt: skip


def age_at_least(f: Frame, months_limit: float, *, when_true: ReasonDef | None = None,
                 when_false: ReasonDef | None = None, params: dict | None = None) -> Tri:  # fmt: skip
    return negate(age_below(f, months_limit, when_true=when_false, when_false=when_true, params=params))


@_cached("korean_minor_child")
def korean_minor_child_in_household(f: Frame) -> Tri:
    """The household raises a Korean child under 19 (household level)."""
    is_child = leaf(f, MEMBER, f.role_is("child"))
    child = all_of(f, is_child, korean(f), age_below(f, MINOR_MONTHS))
    found = any_member(f, child)
    return _explained(f, found, R_KR_CHILD)


@_cached("couple_pregnancy")
def couple_pregnancy(f: Frame) -> Tri:
    """The applicant or the spouse is pregnant (asked once of the couple)."""
    couple = f.role_is("applicant", "spouse")
    return _explained(f, answered_by_any_member(f, only_for(flag(f, "pregnant"), couple)), R_PREGNANT)


@_cached("korean_ascendant")
def korean_ascendant_in_household(f: Frame) -> Tri:
    parent = all_of(f, leaf(f, MEMBER, f.role_is("parent")), korean(f))
    return _explained(f, any_member(f, parent), R_KR_ASCENDANT)


def _explained(f: Frame, t: Tri, reason: ReasonDef) -> Tri:
    return note_where(f, t, reason, t.state == E)


@_cached("group_5_2")
def group_5_2(f: Frame) -> Tri:
    """A foreign member in the 국민기초생활보장 group of Art. 5-2 and its decree (reference §3)."""
    married = flag(f, "married_to_korean", R_MARRIED)
    div_wid = flag(f, "divorced_or_widowed_from_korean", R_DIV_WID)
    refugee = flag(f, "recognized_refugee", R_REFUGEE)
    family_tie = any_of(
        f,
        broadcast(f, couple_pregnancy(f)),
        broadcast(f, korean_minor_child_in_household(f)),
        broadcast(f, korean_ascendant_in_household(f)),
    )
    widow_pregnant = all_of(f, div_wid, flag(f, "pregnant"), const(f, MEMBER, C, R_WIDOW_PREGNANT, member_ids(f)))
    group = any_of(
        f,
        all_of(f, married, family_tie),
        all_of(f, div_wid, broadcast(f, korean_minor_child_in_household(f))),
        widow_pregnant,
        refugee,
    )
    # The decree probably also requires registration (reference §3, "verify"): a "no" is a
    # question for the office, not a refusal.
    registered = downgrade(flag(f, "registered", when_false=R_NOT_REGISTERED), false_to=C)
    return all_of(f, group, registered)


@_cached("short_stay")
def short_stay(f: Frame) -> Tri:
    """Member holds a visitor or tourist status (B-1, B-2, C-3)."""
    value, missing = f.status_in(SHORT_STAY_STATUSES)
    return leaf(f, MEMBER, value, missing={"residence_status": missing}, when_true=R_SHORT_STAY, params=member_ids(f))


@_cached("employed")
def employed(f: Frame) -> Tri:
    return flag(f, "employed", R_EMPLOYED, R_NOT_EMPLOYED)

