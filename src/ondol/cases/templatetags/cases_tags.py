"""Template filters of the cases pages: {% load cases_tags %}. They turn stored codes into labels."""

from __future__ import annotations

from typing import Any

from django import template

from ondol.cases.models import CaseSource, CaseStatus, Outcome, ReferralStatus, RiskLevel, Section, Sex
from ondol.core.languages import LANGUAGE_CODES, language_name_local

register = template.Library()

_CHOICES = {
    "case_status": CaseStatus, "referral_status": ReferralStatus, "risk": RiskLevel, "section": Section, "sex": Sex,
    "source": CaseSource, "outcome": Outcome,
}


@register.filter
def label(code: Any, kind: str) -> str:
    """`{{ view.status|label:"case_status" }}` → the translated label of the code."""
    choices = _CHOICES[kind]
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code or "")


@register.filter
def language_name(code: str) -> str:
    return language_name_local(code) if code in LANGUAGE_CODES else code


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")
