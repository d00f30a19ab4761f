"""National Health Insurance for foreign residents, and medical support for the uninsured.

Reference §2 rows 10–13. These rules are about foreign members; Korean nationals are covered
by the general insurance rules, which this screener does not assess.
"""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext_lazy as _

from ..frame import Frame
from ..logic import (
    HH,
    MEMBER,
    C,
    E,
    N,
    Tri,
    all_of,
    any_member,
    any_of,
    broadcast,
    check_unless,
    const,
    downgrade,
    leaf,
    negate,
    note_where,
)
from ..parameters import Confidence
from ..results import Document, Kind, ReasonDef
from .base import R_NO_FIGURE, Outcome, Program
from .facts import MINOR_MONTHS, age_below, employed, flag, foreign, member_ids

ACT = "국민건강보험법"

R_FOREIGN_ONLY = ReasonDef(
    "nhi_rules_for_foreign_residents",
    _("These rules are for foreign residents; Korean nationals are covered by the general health insurance rules."),
    f"{ACT} 제109조",
)
R_REGISTERED = ReasonDef("registered_foreigner", _("%(member)s has registered as a foreigner."), "출입국관리법 제31조")
R_REGISTER_FIRST = ReasonDef(
    "register_first",
    _("%(member)s has not registered as a foreigner yet; health insurance follows registration, so register first."),
    f"{ACT} 제109조",
)
R_EMPLOYEE = ReasonDef(
    "nhi_employee_from_first_day",
    _("%(member)s is insured through the workplace from the first day of work; the employer must report it within 14 days."),
    f"{ACT} 제109조제2항; 시행규칙 제61조",
)
R_IMMEDIATE = ReasonDef(
    "nhi_local_immediate_status",
    _("%(member)s holds a status that joins health insurance from registration, without waiting six months."),
    f"{ACT} 시행규칙 제61조의2, 별표 9",
)
R_SIX_MONTHS = ReasonDef(
    "nhi_local_after_residence",
    _("%(member)s has lived in Korea for %(months)s months, at least the %(limit)s months after which joining is mandatory."),
    f"{ACT} 제109조제3항",
)
R_TOO_SOON = ReasonDef(
    "nhi_local_residence_too_short",
    _("%(member)s has lived in Korea for %(months)s months; joining becomes mandatory after %(limit)s months."),
    f"{ACT} 제109조제3항",
)
R_G1 = ReasonDef(
    "nhi_g1_depends",
    _("For a G-1 status, whether %(member)s must join depends on the sub-type listed in 별표 9; the NHIS branch confirms."),
    f"{ACT} 시행규칙 별표 9",
)
R_OPT_OUT = ReasonDef(
    "nhi_local_opt_out",
    _("You can only opt out by proving equivalent insurance from your home country or employer."),
    f"{ACT} 시행규칙 제61조의4",
)
R_DEPENDENT_TESTS = ReasonDef(
    "nhi_dependent_income_tests",
    _("A dependent must also pass income and asset tests, which the NHIS branch checks."),
    f"{ACT} 제109조제4항; 시행규칙 별표 1, 별표 1의2",
)
R_DEPENDENT_EXEMPT = ReasonDef(
    "nhi_dependent_exempt_from_wait",
    _("%(member)s is a spouse, a child under 19 or a student, so no minimum stay applies."),
    f"{ACT} 제109조제4항",
)
R_NO_INSURED_WORKER = ReasonDef(
    "nhi_no_insured_worker", _("Nobody in the household works for an employer, so there is nobody to be a dependent of."), f"{ACT} 제109조"
)
R_UNINSURED = ReasonDef("not_insured", _("%(member)s has no health insurance."))
R_INSURED = ReasonDef("insured", _("%(member)s has health insurance."))
R_UNINSURED_G1 = ReasonDef(
    "uninsured_support_g1",
    _("Refugee applicants and humanitarian stay holders (G-1) are covered; other G-1 holders should ask."),
    "보건복지부 지침",
)
R_UNINSURED_COVERS = ReasonDef(
    "uninsured_support_covers",
    _(
        "It pays %(share)s of inpatient and surgery costs, up to %(cap_krw)s per episode, at designated hospitals; "
        "outpatient care only for prenatal care and children under 18."
    ),
    "보건복지부 외국인근로자 등 소외계층 의료서비스 지원사업 지침",
)


def _registered(f: Frame) -> Tri:
    return flag(f, "registered", R_REGISTERED, R_REGISTER_FIRST)


def _for_foreign_members(f: Frame, member: Tri) -> Tri:
    t = any_member(f, member)
    nobody_foreign = f.count_per_household(f.mem["korean_national"] == 1) == f.hh_count
    return note_where(f, t, R_FOREIGN_ONLY, (t.state == N) & nobody_foreign)


def nhi_employee(f: Frame) -> Outcome:
    member = all_of(f, foreign(f), employed(f), _registered(f))
    member = note_where(f, member, R_EMPLOYEE, member.state == E, member_ids(f))
    return Outcome(_for_foreign_members(f, member), beneficiaries=member.state == E)


def _lived_months(f: Frame, limit: float, *, when_true: ReasonDef | None, when_false: ReasonDef | None) -> Tri:
    months = f.residence_months()
    params = {**member_ids(f), "months": np.floor(months), "limit": limit}
    return leaf(f, MEMBER, months >= limit, missing={"entry_date": np.isnan(months)},
                when_true=when_true, when_false=when_false, params=params)  # fmt: skip


def _immediate_status(f: Frame) -> Tri | None:
    statuses = f.param("nhi_local_immediate_statuses")
    if statuses is None:
        return None
    listed, missing = f.status_in(statuses.value)
    g1, _missing = f.status_in(("G-1",))
    t = leaf(f, MEMBER, listed, missing={"residence_status": missing}, undecided=g1,
             when_true=R_IMMEDIATE, when_undecided=R_G1, params=member_ids(f))  # fmt: skip
    if statuses.unverified:
        t = downgrade(t, true_to=C)
    return t


def nhi_local(f: Frame) -> Outcome:
    months = f.param("nhi_local_min_residence_months")
    immediate = _immediate_status(f)
    if months is None or immediate is None:
        return Outcome(const(f, HH, C, R_NO_FIGURE, {"as_of": f.as_of}))
    stay = any_of(f, immediate, _lived_months(f, float(months.value), when_true=R_SIX_MONTHS, when_false=R_TOO_SOON))
    member = all_of(f, foreign(f), _registered(f), negate(employed(f)), stay)
    t = _for_foreign_members(f, member)
    return Outcome(note_where(f, t, R_OPT_OUT, t.state == E), beneficiaries=member.state == E)


def nhi_dependent(f: Frame) -> Outcome:
    months = f.param("nhi_dependent_min_residence_months")
    if months is None:
        return Outcome(const(f, HH, C, R_NO_FIGURE, {"as_of": f.as_of}))
    worker = any_member(f, employed(f))
    worker = note_where(f, worker, R_NO_INSURED_WORKER, worker.state == N)
    exempt_role = leaf(f, MEMBER, f.role_is("spouse"))
    minor_child = all_of(f, leaf(f, MEMBER, f.role_is("child")), age_below(f, MINOR_MONTHS))
    exempt = any_of(f, exempt_role, minor_child, flag(f, "student"))
    exempt = note_where(f, exempt, R_DEPENDENT_EXEMPT, exempt.state == E, member_ids(f))
    stay = any_of(f, exempt, _lived_months(f, float(months.value), when_true=None, when_false=R_TOO_SOON))
    member = all_of(f, foreign(f), _registered(f), negate(employed(f)), broadcast(f, worker), stay)
    member = check_unless(f, member, R_DEPENDENT_TESTS)
    return Outcome(_for_foreign_members(f, member), beneficiaries=member.state == C)


def uninsured_support(f: Frame) -> Outcome:
    uninsured = negate(flag(f, "insured", R_INSURED, R_UNINSURED))
    worker = all_of(f, foreign(f), employed(f), uninsured)
    family_role = any_of(f, leaf(f, MEMBER, f.role_is("spouse")),
                         all_of(f, leaf(f, MEMBER, f.role_is("child")), age_below(f, 18 * 12)))  # fmt: skip
    worker_family = all_of(f, family_role, broadcast(f, any_member(f, worker)))
    g1, missing_status = f.status_in(("G-1",))
    g1_holder = leaf(f, MEMBER, g1, missing={"residence_status": missing_status}, undecided=g1,
                     when_undecided=R_UNINSURED_G1, params=member_ids(f))  # fmt: skip
    group = any_of(
        f,
        employed(f),
        flag(f, "married_to_korean"),
        flag(f, "divorced_or_widowed_from_korean"),
        flag(f, "recognized_refugee"),
        g1_holder,
        worker_family,
    )
    member = all_of(f, foreign(f), uninsured, group)
    t = _for_foreign_members(f, member)
    share = f.param("uninsured_support_share", informational=True)
    cap = f.param("uninsured_support_cap", informational=True)
    if share is not None and cap is not None:
        params = {"share": f"{share.value * 100:.0f}%", "cap_krw": cap.value}
        t = note_where(f, t, R_UNINSURED_COVERS, t.state == E, params)
    return Outcome(t, beneficiaries=member.state == E)


_ARC = Document("foreigner_registration_card", _("The foreigner registration card of each foreign member."))
_PASSPORT = Document("passport", _("Your passport."))

PROGRAMS = (
    Program(
        key="nhi-employee",
        kind=Kind.BENEFIT,
        title=_("Health insurance through work (직장가입자)"),
        summary=_("A registered foreign resident who works for an employer is insured through the workplace from the first day."),
        legal_basis=f"{ACT} 제109조제2항; 시행규칙 제61조",
        confidence=Confidence.LAW,
        evaluate=nhi_employee,
        documents=(_ARC, Document("employment_contract", _("Your employment contract."))),
    ),
    Program(
        key="nhi-local",
        kind=Kind.BENEFIT,
        title=_("Health insurance as a local subscriber (지역가입자)"),
        summary=_("Registered foreign residents without workplace insurance must join after six months, some statuses at once."),
        legal_basis=f"{ACT} 제109조제3항; 시행규칙 제61조의2, 별표 9",
        confidence=Confidence.LAW,
        evaluate=nhi_local,
        parameters=("nhi_local_min_residence_months", "nhi_local_immediate_statuses"),
        documents=(_ARC, _PASSPORT),
    ),
    Program(
        key="nhi-dependent",
        kind=Kind.BENEFIT,
        title=_("Health insurance as a dependent (피부양자)"),
        summary=_("A foreign family member can be covered under a worker's insurance if they pass the stay, income and asset tests."),
        legal_basis=f"{ACT} 제109조제4항",
        confidence=Confidence.SECONDARY,
        evaluate=nhi_dependent,
        parameters=("nhi_dependent_min_residence_months",),
        documents=(_ARC, Document("proof_of_relationship", _("Proof of the family relationship, often apostilled and translated."))),
    ),
    Program(
        key="uninsured-medical-support",
        kind=Kind.BENEFIT,
        title=_("Medical support for uninsured foreign residents (소외계층 의료서비스 지원)"),
        summary=_("Hospital costs for uninsured foreign workers, marriage migrants, refugees and their children, at designated hospitals."),
        legal_basis="보건복지부 외국인근로자 등 소외계층 의료서비스 지원사업 지침",
        confidence=Confidence.GOVERNMENT,
        evaluate=uninsured_support,
        parameters=("uninsured_support_share", "uninsured_support_cap"),
        documents=(
            Document("support_consent", _("A consent form, given at the hospital.")),
            Document("employment_confirmation", _("Confirmation of employment, for workers.")),
            Document("medical_certificate", _("A medical certificate and the admission confirmation.")),
            Document("receipts", _("Hospital receipts.")),
        ),
    ),
)
