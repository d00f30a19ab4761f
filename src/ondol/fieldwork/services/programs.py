"""The public programs an outcome can link to (the eligibility screener's catalogue) and private resources."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PRIVATE_RESOURCES = [
    ("donation_campaign", _("Community donation campaign")),
    ("food_bank", _("Food bank")),
    ("private_emergency_aid", _("Private emergency aid fund")),
    ("volunteer_visits", _("Regular volunteer visits")),
    ("housing_repair", _("Housing repair programme")),
]


def program_choices() -> list[tuple[str, str]]:
    from ondol.eligibility.engine.programs import PROGRAMS

    return [(program.key, str(program.title)) for program in PROGRAMS]


def program_keys() -> set[str]:
    return {key for key, _label in program_choices()}


def program_title(key: str) -> str:
    return dict(program_choices()).get(key, key)


def resource_label(key: str) -> str:
    return str(dict(PRIVATE_RESOURCES).get(key, key))
