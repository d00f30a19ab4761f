"""Eligibility services: screen one household (API and wizard), or many clients (case registry).

The engine answers in codes and lazy English sentences; here the answer is put into words in
one language, with money and dates in that language's formats.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from ondol.core import audit
from ondol.core.errors import InvalidInput
from ondol.core.formatting import format_date, format_krw, format_number
from ondol.core.languages import current_language, normalize_language

from .engine import PROGRAMS_BY_KEY, Household, Reason, ScreeningResult, Status, screen
from .engine.batch import households_to_table, screen_table
from .engine.parameters import ParameterValue
from .engine.results import translated

CONFIDENCE_LABELS = {
    "law": _("Law text"),
    "government": _("Government source"),
    "secondary": _("Secondary source"),
    "unverified": _("Not verified: estimate only"),
}
STATUS_LABELS = {
    Status.ELIGIBLE: _("Likely eligible"),
    Status.NOT_ELIGIBLE: _("Not eligible"),
    Status.NEEDS_INFORMATION: _("We need more information"),
    Status.CHECK_WITH_OFFICE: _("Ask your community centre"),
}
OBLIGATION_STATUS_LABELS = {
    Status.ELIGIBLE: _("This applies to you"),
    Status.NOT_ELIGIBLE: _("Does not apply now"),
    Status.NEEDS_INFORMATION: _("We need more information"),
    Status.CHECK_WITH_OFFICE: _("Ask the office"),
}


def today() -> date:
    return timezone.localdate()


def parse_household(data: Household | Mapping[str, Any]) -> Household:
    """A household from plain data; a mistake becomes a 422 with the field named."""
    if isinstance(data, Household):
        return data
    try:
        return Household.from_dict(data)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(fields={"household": _("The household is not valid: %(problem)s") % {"problem": exc}}) from exc


# The same few amounts and dates recur in every screening; Babel formatting is the slow part.
_krw = lru_cache(maxsize=4096)(format_krw)
_date = lru_cache(maxsize=4096)(format_date)
_number = lru_cache(maxsize=4096)(format_number)


def make_formatter(lang: str, member_labels: Mapping[str, Any] | None = None) -> Callable[[str, Any, str | None], str]:
    """Placeholders in the reader's formats: won, dates and numbers by locale, members by label."""

    def fmt(name: str, value: Any, _lang: str | None) -> str:
        if value is None:
            return "—"
        if name == "member":
            return str((member_labels or {}).get(value, value))
        if name.endswith("krw"):
            return _krw(value, lang)
        if isinstance(value, date):
            return _date(value, lang)
        if (isinstance(value, int | float) and not isinstance(value, bool)) or hasattr(value, "quantize"):
            return _number(value, lang)
        return str(value)

    return fmt


def _reason(reason: Reason, lang: str, fmt: Callable[..., str], *, capitalise: bool = False) -> dict[str, Any]:
    text = reason.render(None, fmt)  # `present` has already switched to `lang`
    return {
        "code": reason.code,
        # Wizard labels ("the spouse") may open a sentence; API member ids are left as sent.
        "text": capfirst(text) if capitalise else text,
        "legal_basis": reason.legal_basis,
        "member_id": reason.member_id,
    }


def _parameter(p: ParameterValue) -> dict[str, Any]:
    return {
        "name": p.name,
        "key": p.key,
        "value": str(p.value) if not isinstance(p.value, frozenset) else sorted(p.value),
        "effective_from": p.effective_from,
        "effective_until": p.effective_until,
        "source": p.source,
        "confidence": p.confidence.label,
        "legal_basis": p.legal_basis,
    }


def present(result: ScreeningResult, lang: str, *, member_labels: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The screening as plain data in `lang` (the API's response body, the wizard's context)."""
    fmt = make_formatter(lang, member_labels)
    with override(lang):
        programs = []
        for r in result.programs:
            program = PROGRAMS_BY_KEY[r.program]
            labels = OBLIGATION_STATUS_LABELS if r.kind.value == "obligation" else STATUS_LABELS
            programs.append(
                {
                    "program": r.program,
                    "kind": r.kind.value,
                    "title": translated(program.title),
                    "status": r.status.value,
                    "status_label": translated(labels[r.status]),
                    "reasons": [_reason(x, lang, fmt, capitalise=bool(member_labels)) for x in r.reasons],
                    "missing_inputs": list(r.missing_inputs),
                    "documents": [{"code": d.code, "text": translated(d.message)} for d in r.documents],
                    "amount_krw": int(r.amount_krw) if r.amount_krw is not None else None,
                    "amount_text": _krw(r.amount_krw, lang) if r.amount_krw is not None else "",
                    "parameters": [_parameter(p) for p in r.parameters],
                    "confidence": r.confidence.label,
                    "confidence_label": translated(CONFIDENCE_LABELS[r.confidence.label]),
                    "legal_basis": program.legal_basis,
                    "beneficiaries": list(r.beneficiaries),
                }
            )
        deadlines = [
            {
                "obligation": d.obligation,
                "title": translated(PROGRAMS_BY_KEY[d.obligation].title),
                "member_id": d.member_id,
                "start": d.start,
                "legal_due": d.legal_due,
                "safe_due": d.safe_due,
                "legal_due_text": _date(d.legal_due, lang, style="full"),
                "safe_due_text": _date(d.safe_due, lang, style="full"),
                "overdue": d.overdue,
                "explanation": [_reason(x, lang, fmt) for x in d.explanation],
                "penalty": _reason(d.penalty, lang, fmt),
                "confidence": d.confidence.label,
            }
            for d in result.deadlines
        ]
    return {"as_of": result.as_of, "rules_version": result.rules_version, "lang": lang,
            "programs": programs, "deadlines": deadlines}  # fmt: skip


def resolve_language(lang: str | None) -> str:
    if lang is None:
        return current_language()
    code = normalize_language(lang)
    if code is None:
        raise InvalidInput(fields={"lang": _("We do not offer this language.")})
    return code


def run_screening(*, household: Household | Mapping[str, Any], as_of: date | None) -> ScreeningResult:
    return screen(parse_household(household), as_of or today())


def screen_household(
    actor: Any,
    *,
    household: Household | Mapping[str, Any],
    as_of: date | None = None,
    lang: str | None = None,
    member_labels: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Screen one household against every program and say why, in `lang` (the API and the wizard).

    Nothing is stored; a staff member screening someone's facts is still recorded in the audit
    log, as it is personal data seen at work.
    """
    language = resolve_language(lang)
    result = run_screening(household=household, as_of=as_of)
    if getattr(actor, "is_authenticated", False):
        audit.record_event(actor, action="eligibility.screen", target_type="eligibility.household",
                           detail=f"rules {result.rules_version}, as of {result.as_of}")  # fmt: skip
    return present(result, language, member_labels=member_labels)


# --- the case registry --------------------------------------------------------------------------
@dataclass
class NewlyEligible:
    client_id: str
    agency_id: str
    programs: list[str]


@dataclass
class RegistryScreening:
    as_of: date
    rules_version: str
    screened: int
    by_agency: dict[str, list[NewlyEligible]] = field(default_factory=dict)
    statuses: dict[str, dict[str, str]] = field(default_factory=dict)  # client → program → status


def screen_clients(actor: Any, *, clients: Iterable[Mapping[str, Any]], as_of: date | None = None) -> RegistryScreening:
    """Screen every client at once (batch path) and list, per agency, who is newly eligible.

    Each client is a plain dict: `client_id`, `agency_id`, `household` (the API's shape) and
    `eligible_before` (program keys found eligible at the last run, if any). The cases app
    supplies them and acts on the answer, so access rules stay with the registry.
    """
    rows = list(clients)
    day = as_of or today()
    households = [parse_household(row["household"]) for row in rows]
    table = screen_table(households_to_table(households, ids=[str(r["client_id"]) for r in rows]), day) if rows else None
    out = RegistryScreening(as_of=day, rules_version=str(table["rules_version"][0]) if table is not None else "", screened=len(rows))
    by_agency: dict[str, list[NewlyEligible]] = defaultdict(list)
    keys = list(PROGRAMS_BY_KEY)
    for row, record in zip(rows, table.iter_rows(named=True) if table is not None else [], strict=True):
        statuses = {key: record[f"{key}.status"] for key in keys}
        out.statuses[str(row["client_id"])] = statuses
        before = set(row.get("eligible_before") or ())
        new = [k for k in keys if statuses[k] == Status.ELIGIBLE.value and k not in before
               and PROGRAMS_BY_KEY[k].kind.value == "benefit"]  # fmt: skip
        if new:
            by_agency[str(row["agency_id"])].append(NewlyEligible(str(row["client_id"]), str(row["agency_id"]), new))
    out.by_agency = dict(by_agency)
    audit.record_event(actor, action="eligibility.screen_registry", target_type="cases.client",
                       detail=f"{len(rows)} clients screened, rules {out.rules_version}")  # fmt: skip
    return out
