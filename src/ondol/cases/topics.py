"""Consultation topics use the service guide's stable topic keys (issue 3), plus general counselling areas."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

# The guide owns the articles; these keys are stable across languages, so a consultation can link to one.
GUIDE_TOPIC_KEYS = [
    "foreigner-registration", "arc-reissue", "residence-change-report", "registration-change-report",
    "registration-certificate", "residence-certificate", "certified-copies", "online-certificates",
    "stay-extension", "status-change", "permanent-residence", "immigration-emergency", "basic-livelihood",
    "child-allowance", "parent-benefit", "first-meeting-voucher", "childcare-subsidy",
    "multicultural-family-support", "emergency-welfare", "basic-pension", "health-insurance", "medical-aid",
    "uninsured-medical-support", "public-health-center", "maternal-child-health", "mental-health",
    "korean-classes", "kiip", "cultural-programs", "vocational-training", "public-rental-housing",
    "housing-benefit", "lease-check", "utilities", "civil-complaint", "legal-consultation", "discrimination",
    "labor-rights", "domestic-violence", "find-my-centre", "visiting-tips", "fees", "interpretation",
    "refugee-support", "undocumented-help", "report-crisis-neighbour",
]

# The six counselling areas the agencies agreed to share.
COUNSELLING_AREAS = [
    ("life", _("Daily life")),
    ("legal", _("Legal matters")),
    ("labour", _("Work and labour")),
    ("visa", _("Visa and residence")),
    ("medical", _("Health and medical care")),
    ("domestic_violence", _("Domestic violence")),
]


def topic_choices() -> list[tuple[str, Any]]:
    """Areas first, then the guide's topic keys (shown as keys: the guide translates their titles)."""
    return [*COUNSELLING_AREAS, *[(key, key) for key in GUIDE_TOPIC_KEYS]]
