"""Public pages: the wizard ("what can I get?"), its printable result, and the program pages; and for staff,
the hand-off to the case registry and the registry screening ("who is newly eligible")."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ondol.accounts.access import is_staff_member, require_staff
from ondol.core import audit
from ondol.core.formatting import format_krw, format_number, format_percent
from ondol.core.languages import current_language, language_name_local

from .engine import PROGRAMS, PROGRAMS_BY_KEY, default_parameters
from .engine.parameter_texts import DESCRIPTIONS
from .engine.results import Status
from .registry import agencies_as_data, newly_eligible_for, screen_registry
from .services import CONFIDENCE_LABELS, present, run_screening, screen_household, today
from .wizard import WizardState, member_label

HANDOFF_SESSION_KEY = "eligibility_handoff"
GROUPS = (
    (Status.ELIGIBLE, "eligible"),
    (Status.CHECK_WITH_OFFICE, "check"),
    (Status.NEEDS_INFORMATION, "needs"),
    (Status.NOT_ELIGIBLE, "not"),
)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _labels(state: WizardState) -> dict[str, Any]:
    return {member_id: member_label(member_id) for member_id, _role in state.member_ids()}


def _grouped(view: dict[str, Any]) -> dict[str, Any]:
    benefits = [p for p in view["programs"] if p["kind"] == "benefit"]
    duties = [p for p in view["programs"] if p["kind"] == "obligation"]
    groups = {name: [p for p in benefits if p["status"] == status.value] for status, name in GROUPS}
    due = {d["obligation"] for d in view["deadlines"]}
    return {"groups": groups, "duties": [d for d in duties if d["status"] != Status.NOT_ELIGIBLE.value or d["program"] in due],
            "deadlines": view["deadlines"]}  # fmt: skip


def _wizard_context(request: HttpRequest, state: WizardState) -> dict[str, Any]:
    if state.composition is None:
        return {"state": state, "step": "composition"}
    household = state.household()
    view = screen_household(request.user, household=household, as_of=today(), lang=current_language(),
                            member_labels=_labels(state))  # fmt: skip
    missing = list(dict.fromkeys(m for p in view["programs"] for m in p["missing_inputs"]))
    questions = state.questions(missing)
    return {
        "state": state,
        "step": "questions" if questions else "done",
        "questions": questions,
        "hidden": state.hidden_fields(questions),
        "all_hidden": state.hidden_fields([]),
        "answered": state.answered(),
        "view": view,
        "household_json": json.dumps(household, ensure_ascii=False),
        "can_hand_off": is_staff_member(request.user),
        **_grouped(view),
    }


@require_http_methods(["GET", "POST"])
def wizard(request: HttpRequest) -> HttpResponse:
    """Ask only what the rules need: each answer removes questions no rule needs any more."""
    state = WizardState.from_post(request.POST) if request.method == "POST" else WizardState(None, {}, set())
    context = _wizard_context(request, state)
    template = "eligibility/wizard.html#wizard-body" if _is_htmx(request) else "eligibility/wizard.html"
    return render(request, template, context)


@require_POST
def result(request: HttpRequest) -> HttpResponse:
    """The result to print or take along: in the resident's language and in Korean for the office."""
    state = WizardState.from_post(request.POST)
    if state.composition is None:
        return redirect("eligibility:wizard")
    screening = run_screening(household=state.household(), as_of=today())
    lang = current_language()
    labels = _labels(state)
    versions = [(lang, present(screening, lang, member_labels=labels))]
    if lang != "ko":
        versions.append(("ko", present(screening, "ko", member_labels=labels)))
    sections = [{"lang": code, "language_name": language_name_local(code), **_grouped(v), "view": v} for code, v in versions]
    return render(request, "eligibility/result.html", {"sections": sections, "screening": screening,
                                                       "answered": state.answered()})  # fmt: skip


@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    rows = [{"program": p, "confidence_label": CONFIDENCE_LABELS[p.confidence.label]} for p in PROGRAMS]
    return render(request, "eligibility/programs.html", {"rows": rows})


@require_GET
def program_detail(request: HttpRequest, key: str) -> HttpResponse:
    program = PROGRAMS_BY_KEY.get(key)
    if program is None:
        raise Http404
    params = default_parameters()
    parameters = []
    for name in program.parameters:
        parameter = params[name]
        periods = [
            {
                "start": period.start,
                "end": period.end,
                "values": [(k, _value_text(parameter.unit, v), period.confidence[k].label,
                            CONFIDENCE_LABELS[period.confidence[k].label]) for k, v in period.values.items()],
                "source": period.source,
            }
            for period in parameter.periods
        ]
        description = DESCRIPTIONS.get(name, parameter.description)
        parameters.append({"parameter": parameter, "description": description, "periods": periods})
    context = {
        "program": program,
        "confidence_label": CONFIDENCE_LABELS[program.confidence.label],
        "parameters": parameters,
    }
    return render(request, "eligibility/program.html", context)


def _value_text(unit: str, value: Any) -> str:
    if unit == "krw":
        return format_krw(value)
    if unit == "rate":
        return format_percent(value)
    if unit == "statuses":
        return ", ".join(sorted(value))
    units = {"days": _("%(n)s days"), "months": _("%(n)s months"), "years": _("%(n)s years"), "hours": _("%(n)s hours")}
    return units[unit] % {"n": format_number(value)}


@require_POST
def handoff(request: HttpRequest) -> HttpResponse:
    """Staff only: keep the screened household so that the case registry can start a case with it."""
    actor = require_staff(request.user)
    try:
        household = json.loads(request.POST.get("household", ""))
    except json.JSONDecodeError:
        household = None
    if not isinstance(household, dict):
        messages.error(request, _("The screening could not be handed over. Please screen again."))
        return redirect("eligibility:wizard")
    request.session[HANDOFF_SESSION_KEY] = {"household": household, "as_of": today().isoformat()}
    audit.record_event(actor, action="eligibility.handoff", target_type="eligibility.household",
                       detail="screening kept for a new case")  # fmt: skip
    messages.success(request, _("The screening is ready to be saved with a client's case."))
    try:
        return redirect(reverse("cases_staff:client-new"))
    except NoReverseMatch:
        return redirect("eligibility:wizard")


@login_required
@require_http_methods(["GET", "POST"])
def registry(request: HttpRequest) -> HttpResponse:
    """Staff: who the last registry screening found newly eligible, and a button to screen again."""
    actor = require_staff(request.user)
    if request.method == "POST":
        run = screen_registry(actor)
        messages.success(request, ngettext(
            "%(count)s of the %(screened)s clients screened is newly eligible.",
            "%(count)s of the %(screened)s clients screened are newly eligible.", run.newly_eligible,
        ) % {"screened": format_number(run.screened), "count": format_number(run.newly_eligible)})
        return redirect("eligibility_staff:registry")
    return render(request, "eligibility/registry.html", {"agencies": agencies_as_data(newly_eligible_for(actor))})
