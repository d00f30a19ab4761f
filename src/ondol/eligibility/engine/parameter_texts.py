"""Translatable descriptions of the YAML parameters, for the program pages.

The YAML files keep the English text next to the figures; this file repeats it inside
`gettext_lazy` so that the catalogues pick it up. A test keeps the two in step.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DESCRIPTIONS: dict[str, Promise] = {
    "child_allowance_max_age_months": _(
        "Child allowance (아동수당) is paid while the child is younger than this many months."
    ),
    "child_allowance_monthly": _("Child allowance (아동수당), KRW per child per month."),
    "child_allowance_regional_topup": _("Monthly child allowance top-up by kind of area (decree of 2026-03-27)."),
    "parent_benefit_monthly": _("Parent benefit (부모급여), KRW per child per month, by the child's age band."),
    "first_meeting_voucher": _("First-meeting voucher (첫만남이용권), KRW per newborn, by birth order."),
    "first_meeting_voucher_usable_months": _(
        "The first-meeting voucher can be used until the child is this many months old."
    ),
    "emergency_asset_cap": _("Emergency welfare asset limit (total assets), KRW, by kind of area."),
    "median_income": _("Standard median income (기준 중위소득), KRW per month, by household size."),
    "livelihood_rate": _("Livelihood benefit (생계급여) selection rate, share of the median income."),
    "medical_rate": _("Medical aid (의료급여) selection rate, share of the median income."),
    "housing_rate": _("Housing benefit (주거급여) selection rate, share of the median income."),
    "education_rate": _("Education benefit (교육급여) selection rate, share of the median income."),
    "emergency_rate": _("Emergency welfare support (긴급복지지원) income limit, share of the median income."),
    "multicultural_child_free_rate": _(
        "Income limit for the free child-life service of family centres, share of the median income."
    ),
    "korean_visit_max_years_since_entry": _(
        "Korean-language home visits are for marriage migrants who entered Korea at most this many years ago."
    ),
    "child_life_service_ages": _("Ages (in years, inclusive) served by the family-centre child-life service."),
    "parent_education_max_age": _("Parent education visits serve families with a child of at most this age in years."),
    "kiip_level5_hours": _(
        "Hours of KIIP level 5 (basic course for permanent residence, advanced course for naturalisation)."
    ),
    "registration_deadline_days": _(
        "Days after entry within which a foreigner staying more than 90 days must register."
    ),
    "residence_change_days": _("Days after moving in within which a registered foreigner must report the new address."),
    "registration_change_days": _(
        "Days after a change of registered details (name, nationality, passport) within which it must be reported."
    ),
    "arc_at_17_days": _(
        "Days after turning 17 within which a registered foreigner must apply for a registration card."
    ),
    "arc_fee": _("Fee for issuing or reissuing a foreigner registration card, KRW."),
    "permanent_card_max_fine": _(
        "Maximum administrative fine for renewing a permanent residence card (영주증) late, KRW."
    ),
    "basic_pension_min_age": _("Basic pension (기초연금) minimum age in years."),
    "basic_pension_threshold": _("Basic pension selection threshold (선정기준액), KRW per month, single or couple."),
    "basic_pension_max_monthly": _(
        # xgettext:no-python-format
        "Basic pension maximum monthly amount for a single person, KRW (couples get 20% less each)."
    ),
    "nhi_local_min_residence_months": _(
        "Months of residence after which a registered foreigner must join NHI as a local subscriber."
    ),
    "nhi_local_immediate_statuses": _(
        "Residence statuses that join NHI as local subscribers from registration, without the 6-month wait."
    ),
    "nhi_dependent_min_residence_months": _(
        "Months of residence a foreign dependent (피부양자) needs, unless spouse, child under 19 or student."
    ),
    "uninsured_support_share": _("Share of inpatient and surgery costs covered for uninsured foreign residents."),
    "uninsured_support_cap": _("Cap per episode of the uninsured medical support, KRW (more after a hospital review)."),
}
