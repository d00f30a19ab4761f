"""JSON endpoints for field work (staff only): worklist items, contact attempts, outcomes, surveys, results."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema, Status

from ondol.api import staff_auth
from ondol.core.languages import normalize_language
from ondol.fieldwork import access
from ondol.fieldwork.queries import METRIC_KEYS, round_results
from ondol.fieldwork.services import do_record_contact, do_record_outcome
from ondol.fieldwork.services.surveys import active_survey, clean_answers, do_record_survey

router = Router(tags=["fieldwork"])


class ItemOut(Schema):
    id: int
    round: str
    source: str
    dong_code: str | None
    household_id: str
    status: str
    outcome: str
    need_confirmed: bool | None
    registered_address: str
    actual_address: str
    language: str
    nationality: str
    reasons: list[dict[str, Any]]

    @staticmethod
    def resolve_dong_code(item: Any) -> str | None:
        return item.dong.code if item.dong_id else None


class ContactIn(Schema):
    channel: str
    result: str
    attempted_on: dt.date | None = None
    note: str = ""


class OutcomeIn(Schema):
    outcome: str
    need_confirmed: bool | None = None
    programs: list[str] | None = None
    resources: list[str] | None = None
    new_address: str = ""
    note: str = ""


@router.get("/items", response=list[ItemOut], auth=staff_auth)
def list_items(request: HttpRequest, round: str = "", dong: str = "") -> Any:
    items = access.items_for(request.user).select_related("dong")
    if round:
        items = items.filter(round=round)
    if dong:
        items = items.filter(dong__code=dong)
    return items[:500]


@router.get("/items/{item_id}", response=ItemOut, auth=staff_auth)
def get_item(request: HttpRequest, item_id: int) -> Any:
    return access.access_item_by_id(request.user, item_id, request=request)


@router.post("/items/{item_id}/contacts", response={201: dict}, auth=staff_auth)
def add_contact(request: HttpRequest, item_id: int, payload: ContactIn) -> Any:
    with transaction.atomic():
        item = access.access_item_by_id(request.user, item_id, request=request, for_update=True)
        attempt = do_record_contact(request.user, item=item, channel=payload.channel, result=payload.result,
                                    attempted_on=payload.attempted_on, note=payload.note)
    return Status(201, {"id": attempt.pk, "item": item.pk, "status": item.status})


@router.post("/items/{item_id}/outcome", response=ItemOut, auth=staff_auth)
def set_outcome(request: HttpRequest, item_id: int, payload: OutcomeIn) -> Any:
    with transaction.atomic():
        item = access.access_item_by_id(request.user, item_id, request=request, for_update=True)
        return do_record_outcome(request.user, item=item, outcome=payload.outcome,
                                 need_confirmed=payload.need_confirmed, programs=payload.programs,
                                 resources=payload.resources, new_address=payload.new_address, note=payload.note)


class SurveyIn(Schema):
    language: str = ""
    answers: dict[str, Any]


@router.post("/items/{item_id}/surveys/{form_id}", response={201: dict}, auth=staff_auth)
def fill_survey(request: HttpRequest, item_id: int, form_id: int, payload: SurveyIn) -> Any:
    """Answers as the fill-in page takes them: skip logic, required questions and constraints apply."""
    item = access.access_item_by_id(request.user, item_id, request=request)
    survey = active_survey(form_id)
    language = normalize_language(payload.language) or survey.default_language
    answers = clean_answers(survey, payload.answers, language=language)
    response = do_record_survey(request.user, item=item, form=survey, answers=answers, language=language)
    return Status(201, {"id": response.pk, "item": item.pk, "answers": response.answers,
                        "risks": [risk["question"] for risk in response.risks]})


@router.get("/results", response=dict, auth=staff_auth)
def results(request: HttpRequest, round: str = "", by: str = "dong") -> Any:
    access.require_fieldwork_staff(request.user)
    rows, total = round_results(scope=access.result_scope(request.user), round=round or None, by=by)
    return {"round": round, "by": by, "metrics": METRIC_KEYS,
            "rows": [{"key": row.key, "label": row.label, **row.counts} for row in rows], "total": total.counts}
