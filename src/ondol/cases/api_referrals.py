"""Referrals JSON API at /api/v1/referrals/: the inbox ("to_us") and outbox ("by_us") and their answers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from ondol.api import staff_auth
from ondol.cases import queries, services
from ondol.cases.access import access_referral_by_id
from ondol.cases.disclosure import referral_view
from ondol.cases.schemas import NoteIn, OutcomeIn, ReasonIn

router = Router(tags=["referrals"], auth=staff_auth)


@router.get("/", response=list[dict[str, Any]])
def inbox(request: HttpRequest, direction: str = "to_us", status: str = "") -> list[dict[str, Any]]:
    referrals = list(queries.referrals_for(request.user, direction=direction, status=status)[:200])
    return [referral_view(request.user, referral) for referral in referrals]


@router.get("/{referral_id}", response=dict[str, Any])
def detail(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    return referral_view(request.user, referral, with_case=True)


@router.post("/{referral_id}/accept", response=dict[str, Any])
def accept(request: HttpRequest, referral_id: int, payload: NoteIn) -> dict[str, Any]:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    return referral_view(request.user, services.do_accept_referral(request.user, referral=referral, note=payload.note))


@router.post("/{referral_id}/decline", response=dict[str, Any])
def decline(request: HttpRequest, referral_id: int, payload: ReasonIn) -> dict[str, Any]:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    return referral_view(request.user, services.do_decline_referral(request.user, referral=referral,
                                                                    reason=payload.reason))


@router.post("/{referral_id}/complete", response=dict[str, Any])
def complete(request: HttpRequest, referral_id: int, payload: OutcomeIn) -> dict[str, Any]:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    return referral_view(request.user, services.do_complete_referral(request.user, referral=referral,
                                                                     outcome=payload.outcome, note=payload.note))


@router.post("/{referral_id}/revoke", response=dict[str, Any])
def revoke(request: HttpRequest, referral_id: int, payload: ReasonIn) -> dict[str, Any]:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    return referral_view(request.user, services.do_revoke_referral(request.user, referral=referral,
                                                                   reason=payload.reason))
