"""Duties of foreign residents with a deadline (출입국관리법; reference §2 rows 16–19, §5).

For an obligation, `eligible` means "this duty applies to you now"; the deadline says by when.
The length of a period is the one in force on the day of the event (a move on 9 December 2020
had 14 days, a move on 10 December 15).
"""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext_lazy as _

from ..deadlines import civil_deadlines, expiry_deadlines
from ..frame import Frame
from ..logic import MEMBER, C, E, N, Tri, all_of, any_member, any_of, check_unless, leaf, negate, note_where
from ..parameters import Confidence
from ..results import Document, Kind, ReasonDef
from .base import DeadlineColumns, Outcome, Program
from .facts import flag, foreign, member_ids

ACT = "출입국관리법"

R_NOT_REGISTERED = ReasonDef(
    "registration_due", _("%(member)s is a foreign resident who has not registered yet."), f"{ACT} 제31조"
)
R_ALREADY_REGISTERED = ReasonDef("already_registered", _("%(member)s has already registered."), f"{ACT} 제31조")
R_SHORT_VISIT = ReasonDef(
    "short_visit_no_registration",
    _("%(member)s has a short-stay status; registration is needed only to stay longer than 90 days."),
    f"{ACT} 제31조",
)
R_KOREANS = ReasonDef(
    "duty_for_foreign_residents", _("This duty is for foreign residents; nobody in the household has it."), ACT
)
R_REGISTER_FIRST = ReasonDef(
    "duty_after_registration", _("%(member)s has this duty once registered as a foreigner."), ACT
)
R_MOVED = ReasonDef("moved_in", _("%(member)s moved into a new home on %(moved_in_on)s."), f"{ACT} 제36조")
R_F4 = ReasonDef(
    "f4_residence_report",
    _("F-4 holders report a move under the Overseas Koreans Act, where the period may be 14 days; please check with the office."),
    "재외동포의 출입국과 법적 지위에 관한 법률 제6조 (to be verified)",
)
R_DETAILS_CHANGED = ReasonDef(
    "registered_details_changed",
    _("The registered details (name, nationality or passport) of %(member)s changed on %(changed_on)s."),
    f"{ACT} 제35조",
)
R_TURNS_17 = ReasonDef(
    "arc_at_17", _("%(member)s turns or turned 17 on %(birthday)s and must then apply for a registration card."), f"{ACT} 제33조제2항"
)
R_NOT_17 = ReasonDef(
    "arc_not_due",
    _("A new registration card is needed at 17 or when a card is lost or damaged; neither applies to %(member)s now."),
    f"{ACT} 제33조",
)
R_CARD_LOST = ReasonDef(
    "arc_lost",
    _("%(member)s lost or damaged the registration card on %(lost_on)s; apply for a new one promptly. The office confirms the period."),
    f"{ACT} 시행령 (to be verified)",
)
R_ARC_FEE = ReasonDef(
    "arc_fee", _("The fee for a registration card is %(fee_krw)s."), f"{ACT} 시행규칙 제72조"
)
R_PERMANENT = ReasonDef(
    "permanent_card_expires",
    _("%(member)s holds F-5 permanent residence; the card (영주증) is valid for 10 years and must be renewed before it expires."),
    f"{ACT} 제33조제3항·제4항",
)
R_NOT_PERMANENT = ReasonDef(
    "not_permanent_resident", _("Nobody in the household holds F-5 permanent residence."), f"{ACT} 제33조"
)

P_REGISTRATION = ReasonDef(
    "penalty_registration",
    _("Registering late can be punished with a fine and can count against you when you extend your stay."),
    f"{ACT} 제31조",
)
P_RESIDENCE = ReasonDef(
    "penalty_residence_change", _("A late report can be fined under Article 98 of the Immigration Act."), f"{ACT} 제36조, 제98조"
)
P_DETAILS = ReasonDef(
    "penalty_details_change",
    _("A late report can lead to an administrative fine (과태료) under Article 100 of the Immigration Act."),
    f"{ACT} 제35조, 제100조",
)
P_ARC = ReasonDef(
    "penalty_arc_at_17", _("Applying late can lead to an administrative fine."), f"{ACT} 제33조, 제100조"
)
P_PERMANENT = ReasonDef(
    "penalty_permanent_card",
    _("Renewing late can lead to an administrative fine of up to %(max_fine_krw)s."),
    f"{ACT} 제33조, 제100조",
)


def _event(f: Frame, name: str, reason: ReasonDef | None = None, param: str = "") -> Tri:
    """The date of an event is known (missing: we ask for it)."""
    dates = f.mem[name]
    return leaf(f, MEMBER, ~np.isnat(dates), missing={name: np.isnat(dates)}, when_true=reason,
                params={**member_ids(f), param or name: dates})  # fmt: skip


def _period_days(f: Frame, name: str, starts: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Length of the period in force on each start date (NaN where none was)."""
    out = np.full(f.m, np.nan)
    for period in f.params[name].periods:
        lo = np.datetime64(period.start, "D")
        hi = np.datetime64(period.end, "D") if period.end else np.datetime64("9999-12-31")
        out[(starts >= lo) & (starts <= hi)] = float(period.values[None])
    if f.explain:
        for day in sorted({d.astype(object) for d in starts[rows & ~np.isnat(starts)]}):
            f.param(name, on=day)
    return out


def _period_deadline(f: Frame, t: Tri, starts: np.ndarray, name: str, penalty: ReasonDef) -> DeadlineColumns:
    applies = t.state == E
    days = _period_days(f, name, starts, applies)
    usable = applies & ~np.isnan(days)
    legal, safe = civil_deadlines(np.where(usable, starts, np.datetime64("NaT")), np.nan_to_num(days).astype(np.int64))
    conf = f.params[name].at(f.as_of)
    return DeadlineColumns(usable, starts, days, legal, safe, penalty, {},
                           conf.confidence if conf else Confidence.UNVERIFIED)  # fmt: skip


def _household(f: Frame, member: Tri) -> Tri:
    t = any_member(f, member)
    only_korean = f.count_per_household(f.mem["korean_national"] == 1) == f.hh_count
    return note_where(f, t, R_KOREANS, (t.state == N) & only_korean)


def foreigner_registration(f: Frame) -> Outcome:
    short, missing_status = f.status_in(("B-1", "B-2", "C-3"))
    not_visitor = leaf(f, MEMBER, ~short, missing={"residence_status": missing_status}, when_false=R_SHORT_VISIT,
                       params=member_ids(f))  # fmt: skip
    unregistered = negate(flag(f, "registered", R_ALREADY_REGISTERED, R_NOT_REGISTERED))
    member = all_of(f, foreign(f), unregistered, not_visitor, _event(f, "entry_date"))
    deadline = _period_deadline(f, member, f.mem["entry_date"], "registration_deadline_days", P_REGISTRATION)
    return Outcome(_household(f, member), beneficiaries=deadline.applies, deadlines=[deadline])


def _registered_foreigner(f: Frame) -> Tri:
    return all_of(f, foreign(f), flag(f, "registered", when_false=R_REGISTER_FIRST))


def residence_change(f: Frame) -> Outcome:
    f4, missing_status = f.status_in(("F-4",))
    # F-4 holders report under another law with a possibly different period: ask the office.
    not_f4 = leaf(f, MEMBER, ~f4, missing={"residence_status": missing_status}, undecided=f4,
                  when_undecided=R_F4, params=member_ids(f))  # fmt: skip
    member = all_of(f, _registered_foreigner(f), _event(f, "moved_in_on", R_MOVED), not_f4)
    deadline = _period_deadline(f, member, f.mem["moved_in_on"], "residence_change_days", P_RESIDENCE)
    return Outcome(_household(f, member), beneficiaries=deadline.applies, deadlines=[deadline])


def registration_change(f: Frame) -> Outcome:
    member = all_of(f, _registered_foreigner(f), _event(f, "details_changed_on", R_DETAILS_CHANGED, "changed_on"))
    deadline = _period_deadline(f, member, f.mem["details_changed_on"], "registration_change_days", P_DETAILS)
    return Outcome(_household(f, member), beneficiaries=deadline.applies, deadlines=[deadline])


def seventeenth_birthday(f: Frame) -> np.ndarray:
    birth = f.mem["birth_date"]
    month_start = birth.astype("datetime64[M]")
    return (month_start + 17 * 12).astype("datetime64[D]") + (birth - month_start.astype("datetime64[D]"))


def arc_reissue(f: Frame) -> Outcome:
    birthday = seventeenth_birthday(f)
    months = f.age_months()
    # From three months before the 17th birthday until the 90 days after it have passed.
    window = (months >= 16 * 12 + 9) & (months < 17 * 12 + 6)
    at_17 = leaf(f, MEMBER, window, missing={"birth_date": np.isnan(months)}, when_true=R_TURNS_17,
                 params={**member_ids(f), "birthday": birthday})  # fmt: skip
    lost_on = f.mem["card_lost_on"]
    # A lost card is only considered when a date is given: nobody is asked "did you lose it?".
    lost = leaf(f, MEMBER, ~np.isnat(lost_on), params={**member_ids(f), "lost_on": lost_on})
    lost = check_unless(f, lost, R_CARD_LOST, {**member_ids(f), "lost_on": lost_on})
    registered = _registered_foreigner(f)
    reason = any_of(f, at_17, lost)
    member = all_of(f, registered, reason)
    member = note_where(f, member, R_NOT_17, (member.state == N) & (registered.state == E), member_ids(f))
    deadline = _period_deadline(f, all_of(f, member, at_17), birthday, "arc_at_17_days", P_ARC)
    t = _household(f, member)
    fee = f.param("arc_fee", informational=True)
    if fee is not None:
        t = note_where(f, t, R_ARC_FEE, (t.state == E) | (t.state == C), {"fee_krw": fee.value})
    return Outcome(t, beneficiaries=member.state >= C, deadlines=[deadline])


def permanent_card(f: Frame) -> Outcome:
    f5, missing_status = f.status_in(("F-5",))
    holder = leaf(f, MEMBER, f5, missing={"residence_status": missing_status}, when_true=R_PERMANENT, params=member_ids(f))
    member = all_of(f, foreign(f), holder, _event(f, "permanent_card_expires_on"))
    t = any_member(f, member)
    t = note_where(f, t, R_NOT_PERMANENT, t.state == N)
    applies = member.state == E
    expires = np.where(applies, f.mem["permanent_card_expires_on"], np.datetime64("NaT"))
    legal, safe = expiry_deadlines(expires)
    fine = f.param("permanent_card_max_fine", informational=True)
    deadline = DeadlineColumns(applies, expires, None, legal, safe, P_PERMANENT,
                               {"max_fine_krw": fine.value if fine else None}, Confidence.LAW)  # fmt: skip
    return Outcome(t, beneficiaries=applies, deadlines=[deadline])


_ARC = Document("foreigner_registration_card", _("Your foreigner registration card."))
_PASSPORT = Document("passport", _("Your passport."))

PROGRAMS = (
    Program(
        key="foreigner-registration",
        kind=Kind.OBLIGATION,
        title=_("Foreigner registration (외국인등록)"),
        summary=_("Everyone staying longer than 90 days registers at the immigration office within 90 days of entry."),
        legal_basis=f"{ACT} 제31조",
        confidence=Confidence.LAW,
        evaluate=foreigner_registration,
        parameters=("registration_deadline_days", "arc_fee"),
        documents=(
            Document("integrated_application", _("The integrated application form (통합신청서).")),
            _PASSPORT,
            Document("photo", _("One colour photo, 3.5 × 4.5 cm.")),
            Document("fee", _("The fee (₩35,000 since 2025).")),
            Document("proof_of_residence", _("Proof of where you live, such as a lease or a confirmation from your host.")),
            Document("status_documents", _("The documents your residence status requires; the immigration office lists them.")),
        ),
    ),
    Program(
        key="residence-change-report",
        kind=Kind.OBLIGATION,
        title=_("Reporting a change of address (체류지 변경신고)"),
        summary=_("A registered foreign resident reports a new home within 15 days of moving in, at the community centre or immigration office."),
        legal_basis=f"{ACT} 제36조, 제98조",
        confidence=Confidence.LAW,
        evaluate=residence_change,
        parameters=("residence_change_days",),
        documents=(_ARC, Document("proof_of_new_residence", _("Proof of the new home, such as the lease."))),
    ),
    Program(
        key="registration-change-report",
        kind=Kind.OBLIGATION,
        title=_("Reporting changed registration details (외국인등록사항 변경신고)"),
        summary=_("A change of name, nationality or passport is reported within 15 days."),
        legal_basis=f"{ACT} 제35조, 제100조",
        confidence=Confidence.LAW,
        evaluate=registration_change,
        parameters=("registration_change_days",),
        documents=(_ARC, _PASSPORT),
    ),
    Program(
        key="arc-reissue",
        kind=Kind.OBLIGATION,
        title=_("Registration card at 17, or after a loss (외국인등록증 발급·재발급)"),
        summary=_("At 17 a registered foreigner applies for a registration card within 90 days; a lost card is replaced."),
        legal_basis=f"{ACT} 제33조; 시행규칙 제72조",
        confidence=Confidence.LAW,
        evaluate=arc_reissue,
        parameters=("arc_at_17_days", "arc_fee"),
        documents=(_PASSPORT, Document("photo", _("One colour photo, 3.5 × 4.5 cm.")), Document("arc_fee", _("The card fee."))),
    ),
    Program(
        key="permanent-residence-card-renewal",
        kind=Kind.OBLIGATION,
        title=_("Renewing the permanent residence card (영주증 재발급)"),
        summary=_("The F-5 card is valid for 10 years and must be renewed before it expires."),
        legal_basis=f"{ACT} 제33조제3항·제4항",
        confidence=Confidence.LAW,
        evaluate=permanent_card,
        parameters=("permanent_card_max_fine", "arc_fee"),
        documents=(_ARC, _PASSPORT, Document("photo", _("One colour photo, 3.5 × 4.5 cm."))),
    ),
)
