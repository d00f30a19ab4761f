"""긴급복지지원: emergency welfare support for a household in crisis (reference §2 row 5)."""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext_lazy as _

from .. import regions
from ..frame import CRISIS_CODE, Frame
from ..logic import (
    HH,
    MEMBER,
    E,
    N,
    Tri,
    all_of,
    answered_by_any_member,
    any_member,
    any_of,
    broadcast,
    check_unless,
    leaf,
    negate,
    note_where,
)
from ..parameters import Confidence
from ..results import Document, Kind, ReasonDef
from .base import R_NO_FIGURE, Outcome, Program, income_within, median_share
from .facts import (
    flag,
    foreign,
    korean,
    korean_ascendant_in_household,
    korean_minor_child_in_household,
    member_ids,
    short_stay,
)

ACT = "긴급복지지원법"
CRISES = ("earner_lost", "serious_illness", "neglect_or_abuse", "violence", "fire_or_disaster", "crime_victim",
          "business_closure", "job_loss")  # fmt: skip
VICTIM_CRISES = ("fire_or_disaster", "crime_victim")

R_CRISIS = ReasonDef("crisis_event", _("The household is in a crisis the law recognises."), f"{ACT} 제2조")
R_NO_CRISIS = ReasonDef(
    "no_crisis_event",
    _("Emergency support needs a sudden crisis, such as losing the main earner, a serious illness, violence or a fire."),
    f"{ACT} 제2조",
)
R_OTHER_CRISIS = ReasonDef(
    "other_crisis_event", _("Whether this situation counts as a crisis is decided by the community centre."), f"{ACT} 제2조"
)
R_FOREIGN_DECREE = ReasonDef(
    "emergency_foreigner_list_unverified",
    _(
        "%(member)s may be covered as a foreign resident (married to a Korean, caring for a Korean family member, "
        "a refugee or a victim of a fire, crime or disaster); the exact list in the decree has not been verified."
    ),
    f"{ACT} 제5조의2; 시행령 제1조의2 (to be verified)",
)
R_NOT_COVERED = ReasonDef(
    "emergency_nobody_covered",
    _("Nobody in the household is a Korean national or one of the foreign residents the emergency support covers."),
    f"{ACT} 제5조의2",
)
R_INCOME_WITHIN = ReasonDef(
    "emergency_income_within_limit",
    _("The household's monthly income of %(income_krw)s is at or below the emergency limit of %(limit_krw)s for %(size)s people."),
    f"{ACT} 시행령",
)
R_INCOME_ABOVE = ReasonDef(
    "emergency_income_above_limit",
    _("The household's monthly income of %(income_krw)s is above the emergency limit of %(limit_krw)s for %(size)s people."),
    f"{ACT} 시행령",
)
R_ASSETS_WITHIN = ReasonDef(
    "assets_within_cap", _("The household's assets of %(assets_krw)s are within the limit of %(cap_krw)s for the area."), f"{ACT} 시행령"
)
R_ASSETS_ABOVE = ReasonDef(
    "assets_above_cap", _("The household's assets of %(assets_krw)s are above the limit of %(cap_krw)s for the area."), f"{ACT} 시행령"
)
R_AREA_UNCLEAR = ReasonDef(
    "area_kind_unclear",
    _("The asset limit depends on the kind of area, which we cannot tell for this address; the community centre checks."),
    f"{ACT} 시행령",
)
R_FINANCIAL_ASSETS = ReasonDef(
    "financial_assets_check",
    _("Savings and other financial assets have their own, lower limit, which the community centre checks."),
    f"{ACT} 시행령",
)


def _crisis(f: Frame) -> Tri:
    code = f.mem["crisis"]
    answered = code >= 0
    value = np.isin(code, [CRISIS_CODE[c] for c in CRISES])
    t = leaf(f, MEMBER, value, missing={"crisis_event": ~answered}, undecided=code == CRISIS_CODE["other"],
             when_true=R_CRISIS, when_false=R_NO_CRISIS, when_undecided=R_OTHER_CRISIS)  # fmt: skip
    # The crisis is the household's: one member's answer is enough.
    return answered_by_any_member(f, t)


def _victim(f: Frame) -> Tri:
    code = f.mem["crisis"]
    t = leaf(f, MEMBER, np.isin(code, [CRISIS_CODE[c] for c in VICTIM_CRISES]), missing={"crisis_event": code < 0})
    return answered_by_any_member(f, t)


def covered(f: Frame) -> Tri:
    not_visitor = any_of(f, negate(short_stay(f)), flag(f, "registered"))
    cares_for_korean = any_of(f, broadcast(f, korean_minor_child_in_household(f)),
                              broadcast(f, korean_ascendant_in_household(f)))  # fmt: skip
    ground = any_of(
        f,
        flag(f, "married_to_korean"),
        all_of(f, flag(f, "divorced_or_widowed_from_korean"), cares_for_korean),
        flag(f, "recognized_refugee"),
        broadcast(f, _victim(f)),
    )
    foreigner = check_unless(f, all_of(f, foreign(f), not_visitor, ground), R_FOREIGN_DECREE, member_ids(f))
    anyone = any_member(f, any_of(f, korean(f), foreigner))
    return note_where(f, anyone, R_NOT_COVERED, anyone.state == N)


def assets_within_cap(f: Frame) -> Tri:
    assets = f.hh["assets"]
    kind = f.hh["area"]
    caps = {k: f.params.at("emergency_asset_cap", f.as_of, key) for k, key in regions.AREA_KEYS.items()}
    if any(c is None for c in caps.values()):
        t = leaf(f, HH, np.ones(f.n, dtype=bool), undecided=np.ones(f.n, dtype=bool),
                 when_undecided=R_NO_FIGURE, params={"as_of": f.as_of})  # fmt: skip
        return t
    cap_by_kind = np.array([float(caps[k].value) for k in sorted(caps)])  # type: ignore[union-attr]
    low, high = cap_by_kind.min(), cap_by_kind.max()
    settled = (kind >= 0) & (kind < regions.AMBIGUOUS)
    cap = np.where(settled, cap_by_kind[np.clip(kind, 0, 2)], np.nan)
    value = np.where(settled, assets <= cap, assets <= low)
    # Without a settled area, only assets between the lowest and the highest cap stay open.
    between = ~settled & (assets > low) & (assets <= high)
    missing_assets = np.isnan(assets)
    t = leaf(
        f,
        HH,
        value,
        missing={"assets_krw": missing_assets, "region_dong_code": between & (kind == regions.MISSING)},
        undecided=between & (kind != regions.MISSING),
        when_undecided=R_AREA_UNCLEAR,
    )
    if f.explain:
        shown_cap = np.where(settled, cap, np.where(value, low, high))
        params = {"assets_krw": assets, "cap_krw": shown_cap}
        t = note_where(f, t, R_ASSETS_WITHIN, t.state == E, params)
        t = note_where(f, t, R_ASSETS_ABOVE, t.state == N, params)
        if f.n == 1 and settled[0]:
            f.param("emergency_asset_cap", regions.AREA_KEYS[int(kind[0])])
    return t


def emergency(f: Frame) -> Outcome:
    income_ok = income_within(f, median_share(f, "emergency_rate"), within=R_INCOME_WITHIN, above=R_INCOME_ABOVE)
    t = all_of(f, covered(f), _crisis(f), income_ok, assets_within_cap(f))
    return Outcome(note_where(f, t, R_FINANCIAL_ASSETS, t.state == E))


PROGRAMS = (
    Program(
        key="emergency-welfare",
        kind=Kind.BENEFIT,
        title=_("Emergency welfare support (긴급복지지원)"),
        summary=_("Quick help with living costs, medical costs or housing for a household hit by a sudden crisis."),
        legal_basis=f"{ACT} 제2조, 제5조, 제5조의2",
        confidence=Confidence.SECONDARY,
        evaluate=emergency,
        parameters=("median_income", "emergency_rate", "emergency_asset_cap"),
        documents=(
            Document("welfare_application", _("Application for social security benefits (사회보장급여 신청서), available at the community centre.")),
            Document("crisis_evidence", _("Anything that shows the crisis, such as a medical certificate, a police report or a dismissal letter.")),
            Document("identity_document", _("An identity card for each adult.")),
        ),
        documents_if_foreign=(
            Document("foreigner_registration_card", _("The foreigner registration card of each foreign member.")),
        ),
    ),
)
