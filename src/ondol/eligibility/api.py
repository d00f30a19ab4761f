"""JSON API: POST /api/v1/eligibility/screen, the list of programs with their legal basis, and (staff) the
case registry's newly eligible clients: GET /registry/newly-eligible and POST /registry/screen."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from ondol.api import staff_auth

from .engine import PROGRAMS
from .registry import agencies_as_data, newly_eligible_for, screen_registry
from .schemas import ProgramInfoOut, RegistryListOut, RegistryRunIn, RegistryRunOut, ScreenIn, ScreenOut
from .services import screen_household

router = Router(tags=["eligibility"])


@router.post("/screen", response=ScreenOut, summary="Screen a household against every program")
def screen(request: HttpRequest, payload: ScreenIn) -> dict[str, Any]:
    """What the household can get and must do, with reasons, documents and deadlines.

    Every fact is optional: a missing one gives `needs_information` with the input named in
    `missing_inputs`, never `not_eligible`. Unknown fields are refused with 422.
    """
    household = payload.household.model_dump(exclude_none=True)
    return screen_household(request.user, household=household, as_of=payload.as_of, lang=payload.lang)


@router.get("/programs", response=list[ProgramInfoOut], summary="Programs, their legal basis and how sure we are")
def programs(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "program": p.key,
            "kind": p.kind.value,
            "title": str(p.title),
            "summary": str(p.summary),
            "legal_basis": p.legal_basis,
            "confidence": p.confidence.label,
            "parameters": list(p.parameters),
        }
        for p in PROGRAMS
    ]


@router.get("/registry/newly-eligible", response=RegistryListOut, auth=staff_auth,
            summary="Clients the last registry screening found newly eligible, per agency")
def registry_newly_eligible(request: HttpRequest, agency_id: int | None = None) -> dict[str, Any]:
    return {"agencies": agencies_as_data(newly_eligible_for(request.user, agency_id=agency_id))}


@router.post("/registry/screen", response=RegistryRunOut, auth=staff_auth,
             summary="Screen the clients of your agencies and list who is newly eligible")
def registry_screen(request: HttpRequest, payload: RegistryRunIn) -> dict[str, Any]:
    """Eligible now and not (or not screened) at the last run; running again with nothing changed lists nobody."""
    run = screen_registry(request.user, agency_id=payload.agency_id, as_of=payload.as_of)
    return {"as_of": run.as_of, "rules_version": run.rules_version, "screened": run.screened,
            "newly_eligible": run.newly_eligible, "agencies": agencies_as_data(run.agencies)}  # fmt: skip
