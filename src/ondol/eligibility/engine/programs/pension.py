"""기초연금: the basic pension for Korean nationals of 65 and over (reference §2 row 9, §7.3)."""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext_lazy as _

from ..frame import Frame
from ..logic import HH, C, E, N, all_of, any_member, const, leaf, note_where
from ..parameters import Confidence
from ..results import Document, Kind, ReasonDef
from .base import R_NO_FIGURE, Outcome, Program
from .facts import age_at_least, korean

ACT = "기초연금법"

R_NATIONALS_ONLY = ReasonDef(
    "basic_pension_nationals_only",
    _("The basic pension is for Korean nationals living in Korea; naturalised citizens count, foreign residents do not."),
    f"{ACT} 제3조",
)
R_AGED = ReasonDef("aged_65_or_over", _("%(member)s is %(age_years)s years old, at or over the minimum age of 65."), f"{ACT} 제3조")
R_NO_ELDER = ReasonDef("no_korean_aged_65", _("Nobody in the household is a Korean national aged 65 or over."), f"{ACT} 제3조")
R_WITHIN = {
    False: ReasonDef(
        "pension_income_within_threshold_single",
        _("The monthly recognised income of %(income_krw)s is at or below the threshold of %(limit_krw)s for a single person."),
        f"{ACT} 제3조",
    ),
    True: ReasonDef(
        "pension_income_within_threshold_couple",
        _("The couple's monthly recognised income of %(income_krw)s is at or below the threshold of %(limit_krw)s for a couple."),
        f"{ACT} 제3조",
    ),
}
R_ABOVE = {
    False: ReasonDef(
        "pension_income_above_threshold_single",
        _("The monthly recognised income of %(income_krw)s is above the threshold of %(limit_krw)s for a single person."),
        f"{ACT} 제3조",
    ),
    True: ReasonDef(
        "pension_income_above_threshold_couple",
        _("The couple's monthly recognised income of %(income_krw)s is above the threshold of %(limit_krw)s for a couple."),
        f"{ACT} 제3조",
    ),
}
R_OTHERS_INCOME = ReasonDef(
    "pension_income_of_others",
    _(
        "Only the income of the older person and their spouse counts, and the household has other members; "
        "the community centre works out the income that counts."
    ),
    f"{ACT} 제3조",
)
R_MAXIMUM = ReasonDef(
    "basic_pension_maximum",
    _("The pension is up to about %(max_krw)s a month for a single person; couples get 20%% less each."),
    f"{ACT} 제5조, 제8조",
)


def basic_pension(f: Frame) -> Outcome:
    min_age = f.param("basic_pension_min_age")
    if min_age is None:
        return Outcome(const(f, HH, C, R_NO_FIGURE, {"as_of": f.as_of}))
    korean_65 = all_of(f, korean(f), age_at_least(f, int(min_age.value) * 12, when_true=R_AGED))
    elder = any_member(f, korean_65)
    elder = note_where(f, elder, R_NO_ELDER, elder.state == N)
    someone_foreign = f.any_per_household(f.mem["korean_national"] == 0)
    elder = note_where(f, elder, R_NATIONALS_ONLY, (elder.state == N) & someone_foreign)

    couple = f.any_per_household(f.role_is("applicant")) & f.any_per_household(f.role_is("spouse"))
    limits = {kind: f.params.at("basic_pension_threshold", f.as_of, kind) for kind in ("single", "couple")}
    if any(v is None for v in limits.values()):
        return Outcome(all_of(f, elder, const(f, HH, C, R_NO_FIGURE, {"as_of": f.as_of})))
    if f.n == 1:
        f.param("basic_pension_threshold", "couple" if couple[0] else "single")
    limit = np.where(couple, float(limits["couple"].value), float(limits["single"].value))  # type: ignore[union-attr]
    income = f.hh["income"]
    others = f.any_per_household(~f.role_is("applicant", "spouse"))
    within = income <= limit
    income_ok = leaf(f, HH, within, missing={"monthly_income_krw": np.isnan(income)}, undecided=~within & others,
                     when_undecided=R_OTHERS_INCOME)  # fmt: skip
    params = {"income_krw": income, "limit_krw": limit}
    for is_couple in (False, True):
        rows = couple == is_couple
        income_ok = note_where(f, income_ok, R_WITHIN[is_couple], rows & (income_ok.state == E), params)
        income_ok = note_where(f, income_ok, R_ABOVE[is_couple], rows & (income_ok.state == N), params)
    t = all_of(f, elder, income_ok)
    maximum = f.param("basic_pension_max_monthly", informational=True)
    if maximum is not None:
        t = note_where(f, t, R_MAXIMUM, t.state == E, {"max_krw": maximum.value})
    return Outcome(t, beneficiaries=korean_65.state == E)


PROGRAMS = (
    Program(
        key="basic-pension",
        kind=Kind.BENEFIT,
        title=_("Basic pension (기초연금)"),
        summary=_("A monthly pension for Korean nationals of 65 and over with lower incomes."),
        legal_basis=f"{ACT} 제3조, 제8조",
        confidence=Confidence.SECONDARY,
        evaluate=basic_pension,
        parameters=("basic_pension_min_age", "basic_pension_threshold", "basic_pension_max_monthly"),
        documents=(
            Document("pension_application", _("An application at the community centre or the National Pension Service.")),
            Document("identity_document", _("An identity card for each adult.")),
            Document("own_bank_account", _("A bank account in the applicant's own name.")),
        ),
    ),
)
