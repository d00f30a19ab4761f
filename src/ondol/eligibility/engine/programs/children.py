"""Child allowance, parent benefit and the first-meeting voucher (아동수당법; reference §2 rows 6–8).

All three follow the child's nationality, not the parent's: a Korean child of foreign parents
qualifies, a foreign child of a Korean parent does not. Recognised refugee children qualify
for the child allowance (decree Art. 14); for the voucher that is not verified.
"""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext_lazy as _

from ..frame import Frame
from ..logic import HH, MEMBER, C, E, N, Tri, all_of, any_member, any_of, check_unless, const, leaf, note_where
from ..parameters import Confidence
from ..results import Document, Kind, ReasonDef
from .base import R_NO_FIGURE, Outcome, Program, krw
from .facts import age_below, flag, korean, member_ids

ACT = "아동수당법"

R_CHILD_REFUGEE = ReasonDef("refugee_child", _("%(member)s is a recognised refugee child."), f"{ACT} 시행령 제14조")
R_UNDER_AGE = ReasonDef(
    "child_under_age_limit", _("%(member)s is %(age_years)s years old, under the age limit of %(limit_years)s."), f"{ACT} 제4조"
)
R_NO_CHILD = ReasonDef(
    "no_qualifying_child",
    _("No child in the household is both under %(limit_years)s and a Korean national or recognised refugee."),
    f"{ACT} 제4조",
)
R_ALLOWANCE_AMOUNT = ReasonDef(
    "child_allowance_amount",
    _("The child allowance is %(per_child_krw)s a month per child, %(amount_krw)s in total; it stops after 90 days or more abroad."),
    f"{ACT} 제4조",
)
R_TOPUP_UNKNOWN = ReasonDef(
    "child_allowance_topup_depends_on_area",
    _("Since 27 March 2026, children outside the capital region get ₩5,000 to ₩20,000 more a month, depending on the area."),
    f"{ACT} 시행령",
)
R_TOPUP_DECLINE = ReasonDef(
    "child_allowance_topup_population_decline",
    _(
        "Outside the capital region the allowance includes at least ₩5,000 more a month; in a population-decline "
        "area it is ₩10,000 or ₩20,000 more, which the community centre confirms."
    ),
    f"{ACT} 시행령",
)
R_PARENT_AMOUNT = ReasonDef(
    "parent_benefit_amount",
    _("The parent benefit is %(amount_krw)s a month for the children under two in the household."),
    f"{ACT} 제4조제5항; 시행령 제2조제1항",
)
R_VOUCHER_REFUGEE = ReasonDef(
    "voucher_refugee_child_unverified",
    _("Whether a refugee child gets the first-meeting voucher has not been verified; the community centre confirms."),
    f"{ACT} 제10조의2 (to be verified)",
)
R_VOUCHER_AMOUNT = ReasonDef(
    "first_meeting_voucher_amount",
    _(
        "The voucher is %(amount_krw)s on a card, usable until the child turns two; the second and later children "
        "get more, counted from the children you listed."
    ),
    f"{ACT} 제10조의2; 시행령 제10조의3",
)
R_NO_NEWBORN = ReasonDef(
    "no_child_under_two", _("The voucher is for Korean children under two, and there is none in the household."), f"{ACT} 제10조의2"
)


def _korean_or_refugee(f: Frame) -> Tri:
    return any_of(f, korean(f), flag(f, "recognized_refugee", R_CHILD_REFUGEE))


def _listed_as_child(f: Frame) -> Tri:
    """Children are listed as children (or as "other", e.g. a grandchild): nobody asks a parent's age here."""
    return leaf(f, MEMBER, f.role_is("child", "other"))


def _months_param(f: Frame, name: str) -> float | None:
    value = f.param(name)
    return None if value is None else float(value.value)


def _no_figure(f: Frame) -> Outcome:
    return Outcome(const(f, HH, C, R_NO_FIGURE, {"as_of": f.as_of}))


def child_allowance(f: Frame) -> Outcome:
    limit = _months_param(f, "child_allowance_max_age_months")
    base = f.param("child_allowance_monthly")
    if limit is None or base is None:
        return _no_figure(f)
    params = {"limit_years": int(limit // 12)}
    child = all_of(f, _listed_as_child(f), _korean_or_refugee(f), age_below(f, limit, when_true=R_UNDER_AGE, params=params))
    t = any_member(f, child)
    t = note_where(f, t, R_NO_CHILD, t.state == N, params)

    capital = f.hh["capital"]
    topup = np.zeros(f.n)
    if f.params.at("child_allowance_regional_topup", f.as_of, "outside_capital") is not None:
        outside = f.param("child_allowance_regional_topup", "outside_capital") if (capital == 0).any() else None
        if outside is not None:
            topup = np.where(capital == 0, float(outside.value), 0.0)
        t = note_where(f, t, R_TOPUP_UNKNOWN, (t.state == E) & (capital < 0))
        t = note_where(f, t, R_TOPUP_DECLINE, (t.state == E) & (capital == 0))
    per_child = krw(base.value) + topup
    beneficiaries = child.state == E
    amount = np.where(t.state == E, f.count_per_household(beneficiaries) * per_child, np.nan)
    t = note_where(f, t, R_ALLOWANCE_AMOUNT, t.state == E, {"per_child_krw": per_child, "amount_krw": amount})
    return Outcome(t, amount, beneficiaries)


def parent_benefit(f: Frame) -> Outcome:
    under_1 = f.param("parent_benefit_monthly", "under_1")
    age_1 = f.param("parent_benefit_monthly", "age_1")
    if under_1 is None or age_1 is None:
        return _no_figure(f)
    child = all_of(f, _listed_as_child(f), _korean_or_refugee(f),
                   age_below(f, 24, when_true=R_UNDER_AGE, params={"limit_years": 2}))  # fmt: skip
    t = any_member(f, child)
    t = note_where(f, t, R_NO_CHILD, t.state == N, {"limit_years": 2})
    beneficiaries = child.state == E
    per_child = np.where(f.age_months() < 12, krw(under_1.value), krw(age_1.value))
    amount = np.where(t.state == E, f.sum_per_household(np.where(beneficiaries, per_child, 0.0)), np.nan)
    t = note_where(f, t, R_PARENT_AMOUNT, t.state == E, {"amount_krw": amount})
    return Outcome(t, amount, beneficiaries)


def older_siblings(f: Frame) -> np.ndarray:
    """Per member: how many children (role child) of the household were born before them.

    Twins are ordered as listed. Children without a birth date are not counted.
    """
    days = f.mem["birth_date"].astype(np.int64)
    known = ~np.isnat(f.mem["birth_date"])
    idx = np.arange(f.m, dtype=np.int64)
    # One sortable number per member: household, then birth day, then position in the list.
    day_part = np.clip(days + (1 << 17), 0, (1 << 18) - 1)
    key = ((f.member_hh << 18) + day_part) << 20
    children = f.role_is("child") & known
    sorted_keys = np.sort(key[children] + idx[children])
    own_key = np.where(f.role_is("child"), key + idx, key)
    before = np.searchsorted(sorted_keys, own_key, side="left")
    household_first = np.searchsorted(sorted_keys, f.member_hh << 38, side="left")
    return before - household_first


def first_meeting_voucher(f: Frame) -> Outcome:
    months = _months_param(f, "first_meeting_voucher_usable_months")
    first = f.param("first_meeting_voucher", "first")
    later = f.param("first_meeting_voucher", "later")
    if months is None or first is None or later is None:
        return _no_figure(f)
    refugee = check_unless(f, flag(f, "recognized_refugee", R_CHILD_REFUGEE), R_VOUCHER_REFUGEE, member_ids(f))
    child = all_of(f, _listed_as_child(f), any_of(f, korean(f), refugee),
                   age_below(f, months, when_true=R_UNDER_AGE, params={"limit_years": 2}))  # fmt: skip
    t = any_member(f, child)
    t = note_where(f, t, R_NO_NEWBORN, t.state == N)
    beneficiaries = child.state == E
    per_child = np.where(older_siblings(f) == 0, krw(first.value), krw(later.value))
    amount = np.where(t.state == E, f.sum_per_household(np.where(beneficiaries, per_child, 0.0)), np.nan)
    t = note_where(f, t, R_VOUCHER_AMOUNT, t.state == E, {"amount_krw": amount})
    return Outcome(t, amount, beneficiaries)


_CHILD_DOCS = (
    Document("child_benefit_application", _("An application, online through Bokjiro or Gov24, or at the community centre.")),
    Document("guardian_id", _("The identity card of the parent or guardian applying.")),
    Document("bank_account", _("A bank account in the name of the parent or guardian.")),
)

PROGRAMS = (
    Program(
        key="child-allowance",
        kind=Kind.BENEFIT,
        title=_("Child allowance (아동수당)"),
        summary=_("₩100,000 a month for each Korean child under the age limit (under 9 from 2026)."),
        legal_basis=f"{ACT} 제4조; 시행령 제2조제2항, 제14조",
        confidence=Confidence.LAW,
        evaluate=child_allowance,
        parameters=("child_allowance_max_age_months", "child_allowance_monthly", "child_allowance_regional_topup"),
        documents=_CHILD_DOCS,
        pays_amount=True,
    ),
    Program(
        key="parent-benefit",
        kind=Kind.BENEFIT,
        title=_("Parent benefit (부모급여)"),
        summary=_("A monthly payment for each Korean child under two: more in the first year."),
        legal_basis=f"{ACT} 제4조제5항; 시행령 제2조제1항",
        confidence=Confidence.LAW,
        evaluate=parent_benefit,
        parameters=("parent_benefit_monthly",),
        documents=_CHILD_DOCS,
        pays_amount=True,
    ),
    Program(
        key="first-meeting-voucher",
        kind=Kind.BENEFIT,
        title=_("First-meeting voucher (첫만남이용권)"),
        summary=_("A one-off voucher for each newborn Korean child, usable until the child turns two."),
        legal_basis=f"{ACT} 제10조의2; 시행령 제10조의3",
        confidence=Confidence.LAW,
        evaluate=first_meeting_voucher,
        parameters=("first_meeting_voucher", "first_meeting_voucher_usable_months"),
        documents=(*_CHILD_DOCS, Document("birth_registration", _("The birth must be registered first."))),
        pays_amount=True,
    ),
)
