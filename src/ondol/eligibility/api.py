"""JSON API: POST /api/v1/eligibility/screen, and the list of programs with their legal basis."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from .engine import PROGRAMS
from .schemas import ProgramInfoOut, ScreenIn, ScreenOut
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
