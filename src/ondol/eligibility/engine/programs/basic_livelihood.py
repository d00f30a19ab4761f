"""국민기초생활보장: the livelihood, medical, housing and education benefits (reference §2 rows 1–4)."""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext_lazy as _

from ..frame import Frame
from ..logic import (
    HH,
    C,
    E,
    N,
    Tri,
    all_members,
    all_of,
    any_member,
    any_of,
    check_unless,
    const,
    downgrade,
    note_where,
)
from ..parameters import Confidence
from ..results import Document, Kind, ReasonDef
from .base import Outcome, Program, amount_where, income_within, median_share
from .facts import age_at_least, age_below, flag, foreign, group_5_2, korean, member_ids

ACT = "국민기초생활 보장법"

R_NOBODY = ReasonDef(
    "nobody_covered_by_status",
    _(
        "Nobody in the household is a Korean national or one of the foreign residents the law covers "
        "(married to a Korean and pregnant or raising a Korean child or living with the spouse's Korean "
        "parents; divorced or widowed and raising a Korean child; a recognised refugee)."
    ),
    f"{ACT} 제5조의2",
)
R_MIXED = ReasonDef(
    "some_members_not_covered",
    _(
        "Some members of the household are not covered by the law as foreign residents; the community "
        "centre decides who counts in the household, which changes the limit."
    ),
    f"{ACT} 제5조의2",
)
R_INCOME_WITHIN = ReasonDef(
    "income_within_limit",
    _("The household's recognised monthly income of %(income_krw)s is at or below the limit of %(limit_krw)s for %(size)s people."),
)
R_INCOME_ABOVE = ReasonDef(
    "income_above_limit",
    _("The household's recognised monthly income of %(income_krw)s is above the limit of %(limit_krw)s for %(size)s people."),
)
R_LIVELIHOOD_AMOUNT = ReasonDef(
    "livelihood_amount",
    _("The livelihood benefit is the limit minus the recognised income: about %(amount_krw)s a month."),
    f"{ACT} 제8조",
)
R_SUPPORT_DUTY = ReasonDef(
    "support_obligation_check",
    _(
        "Medical aid also looks at the income and assets of family members obliged to support you "
        "(부양의무자), which only the community centre can check."
    ),
    f"{ACT} 제12조의3; 의료급여법 제3조",
)
R_MEDICAL_FOREIGN = ReasonDef(
    "medical_aid_foreigner_clause_unverified",
    _("For %(member)s, which clause of the Medical Aid Act covers foreign residents has not been verified; the community centre confirms."),
    "의료급여법 제3조 (to be verified)",
)
R_HOUSING_FOREIGN = ReasonDef(
    "housing_benefit_foreigner_rule_unverified",
    _("For %(member)s, how the Housing Benefit Act treats foreign residents has not been verified; the community centre confirms."),
    "주거급여법 (to be verified)",
)
R_STUDENT = ReasonDef("student_in_household", _("%(member)s is a student."), f"{ACT} 제12조")
R_NO_STUDENT = ReasonDef(
    "no_student_in_household", _("The education benefit is for households with a school student, and nobody is one."), f"{ACT} 제12조"
)

DOCUMENTS = (
    Document("welfare_application", _("Application for social security benefits (사회보장급여 신청서), available at the community centre.")),
    Document("income_asset_declaration", _("A declaration of income and assets.")),
    Document("financial_information_consent", _("Consent to check financial information.")),
    Document("identity_document", _("An identity card for each adult.")),
)
DOCUMENTS_IF_FOREIGN = (
    Document("foreigner_registration_card", _("The foreigner registration card of each foreign member.")),
    Document(
        "proof_of_family_tie",
        _(
            "Proof of the family tie: the Korean spouse's marriage or family-relation certificate, the child's basic "
            "certificate, or a pregnancy confirmation; a divorce or death record where it applies."
        ),
    ),
)


def covered_by_status(f: Frame, foreign_check: ReasonDef | None = None) -> Tri:
    """Every member is a Korean national or a foreign resident of the Art. 5-2 group.

    Some members covered and others not: the office decides who counts in the household.
    `foreign_check` turns a foreign member's coverage into a question for the office, for the
    benefits whose own law has not been verified to follow Art. 5-2.
    """
    foreigner_covered = all_of(f, foreign(f), group_5_2(f))
    if foreign_check is not None:
        foreigner_covered = check_unless(f, foreigner_covered, foreign_check, member_ids(f))
    covered = any_of(f, korean(f), foreigner_covered)
    anyone = any_member(f, covered)
    anyone = note_where(f, anyone, R_NOBODY, anyone.state == N)
    everyone = all_members(f, covered)
    mixed = everyone.state == N
    everyone = note_where(f, downgrade(everyone, false_to=C), R_MIXED, mixed)
    return all_of(f, anyone, everyone)


def _income(f: Frame, rate: str) -> tuple[Tri, np.ndarray]:
    limit = median_share(f, rate)
    return income_within(f, limit, within=R_INCOME_WITHIN, above=R_INCOME_ABOVE), limit.value


def livelihood(f: Frame) -> Outcome:
    income_ok, limit = _income(f, "livelihood_rate")
    t = all_of(f, covered_by_status(f), income_ok)
    amount = amount_where(t, limit - f.hh["income"])
    t = note_where(f, t, R_LIVELIHOOD_AMOUNT, t.state == E, {"amount_krw": amount})
    return Outcome(t, amount)


def medical(f: Frame) -> Outcome:
    income_ok, _limit = _income(f, "medical_rate")
    support_duty = const(f, HH, C, R_SUPPORT_DUTY)
    return Outcome(all_of(f, covered_by_status(f, R_MEDICAL_FOREIGN), income_ok, support_duty))


def housing(f: Frame) -> Outcome:
    income_ok, _limit = _income(f, "housing_rate")
    return Outcome(all_of(f, covered_by_status(f, R_HOUSING_FOREIGN), income_ok))


def education(f: Frame) -> Outcome:
    income_ok, _limit = _income(f, "education_rate")
    # Students of school age only: nobody asks a grandparent whether they are at school.
    student = all_of(f, age_at_least(f, 5 * 12), age_below(f, 25 * 12), flag(f, "student", R_STUDENT))
    has_student = any_member(f, student)
    has_student = note_where(f, has_student, R_NO_STUDENT, has_student.state == N)
    return Outcome(all_of(f, covered_by_status(f), income_ok, has_student))


PROGRAMS = (
    Program(
        key="livelihood-benefit",
        kind=Kind.BENEFIT,
        title=_("Livelihood benefit (생계급여)"),
        # xgettext:no-python-format
        summary=_("A monthly cash benefit that tops the household's income up to 32% of the median income."),
        legal_basis=f"{ACT} 제5조의2, 제8조; 난민법 제31조·제32조",
        confidence=Confidence.LAW,
        evaluate=livelihood,
        parameters=("median_income", "livelihood_rate"),
        documents=DOCUMENTS,
        documents_if_foreign=DOCUMENTS_IF_FOREIGN,
        pays_amount=True,
    ),
    Program(
        key="medical-aid",
        kind=Kind.BENEFIT,
        title=_("Medical aid (의료급여)"),
        # xgettext:no-python-format
        summary=_("Hospital and pharmacy costs covered for households at or below 40% of the median income."),
        legal_basis=f"{ACT} 제12조의3; 의료급여법 제3조",
        confidence=Confidence.SECONDARY,
        evaluate=medical,
        parameters=("median_income", "medical_rate"),
        documents=DOCUMENTS,
        documents_if_foreign=DOCUMENTS_IF_FOREIGN,
    ),
    Program(
        key="housing-benefit",
        kind=Kind.BENEFIT,
        title=_("Housing benefit (주거급여)"),
        # xgettext:no-python-format
        summary=_("Help with rent or repairs for households at or below 48% of the median income."),
        legal_basis=f"{ACT} 제11조; 주거급여법",
        confidence=Confidence.SECONDARY,
        evaluate=housing,
        parameters=("median_income", "housing_rate"),
        documents=(*DOCUMENTS, Document("lease_contract", _("The lease contract of your home."))),
        documents_if_foreign=DOCUMENTS_IF_FOREIGN,
    ),
    Program(
        key="education-benefit",
        kind=Kind.BENEFIT,
        title=_("Education benefit (교육급여)"),
        # xgettext:no-python-format
        summary=_("School costs for students in households at or below 50% of the median income."),
        legal_basis=f"{ACT} 제12조, 제12조의2",
        confidence=Confidence.LAW,
        evaluate=education,
        parameters=("median_income", "education_rate"),
        documents=DOCUMENTS,
        documents_if_foreign=DOCUMENTS_IF_FOREIGN,
    ),
)
