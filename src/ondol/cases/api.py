"""Cases JSON API, mounted at /api/v1/: `cases/`, plus the `clients/` and `referrals/` routers.

Every endpoint goes through `access.py` (404 for missing and forbidden alike) and one service; bodies are
the `disclosure.py` views, so the API shows exactly what the pages show.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ondol.accounts.models import User
from ondol.api import staff_auth
from ondol.cases import queries, services
from ondol.cases.access import access_case_by_id, access_client_by_id, access_consultation_by_id, owns_case
from ondol.cases.api_clients import router as clients_router
from ondol.cases.api_referrals import router as referrals_router
from ondol.cases.disclosure import case_view, referral_view
from ondol.cases.models import PlanItem, Task
from ondol.cases.schemas import CaseIn, CasePatch, PlanItemIn, ReferralIn, TaskIn, TransitionIn
from ondol.cases.timeline import case_timeline
from ondol.cases.workflow import allowed_transitions
from ondol.core.errors import InvalidInput, NotFound
from ondol.core.models import Agency

router = Router(tags=["cases"])
cases_router = Router(tags=["cases"], auth=staff_auth)


def _case_detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = access_case_by_id(request.user, case_id, request=request)
    view = case_view(request.user, case)
    view["timeline"] = case_timeline(request.user, case)
    view["allowed_transitions"] = list(allowed_transitions(case.status)) if owns_case(request.user, case) else []
    return view


def _agency(agency_id: int | None, field: str) -> Agency | None:
    if agency_id is None:
        return None
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None:
        raise InvalidInput(fields={field: _("No such agency.")})
    return agency


@cases_router.get("/", response=list[dict[str, Any]])
def list_cases(request: HttpRequest, status: str = "", mine: bool = False) -> list[dict[str, Any]]:
    return [case_view(request.user, case) for case in queries.cases_for(request.user, status=status, mine=mine)]


@cases_router.post("/", response={201: dict[str, Any]})
def open_case(request: HttpRequest, payload: CaseIn) -> Status[dict[str, Any]]:
    client = access_client_by_id(request.user, payload.client_id, request=request)
    consultation = (access_consultation_by_id(request.user, payload.consultation_id, request=request)
                    if payload.consultation_id else None)
    case = services.do_open_case(request.user, client=client, title=payload.title, source=payload.source,
                                 source_reference=payload.source_reference, summary=payload.summary,
                                 risk_level=payload.risk_level, consultation=consultation)
    return Status(201, _case_detail(request, case.pk))


@cases_router.get("/overdue", response=dict[str, Any])
def overdue(request: HttpRequest) -> dict[str, Any]:
    found = queries.overdue_for(request.user)
    return {
        "tasks": [{"id": task.pk, "case_id": task.case_id, "title": task.title, "due_on": task.due_on}
                  for task in found.tasks],
        "plan_items": [{"id": item.pk, "case_id": item.case_id, "service": item.service, "due_on": item.due_on}
                       for item in found.plan_items],
        "follow_ups": [{"consultation_id": item.pk, "client_id": item.client_id, "follow_up_on": item.follow_up_on}
                       for item in found.follow_ups],
        "referrals_to_us": [referral_view(request.user, referral) for referral in found.referrals_to_us],
        "referrals_by_us": [referral_view(request.user, referral) for referral in found.referrals_by_us],
    }


@cases_router.get("/aggregates", response=dict[str, Any])
def aggregates(request: HttpRequest) -> dict[str, Any]:
    return queries.aggregates_for(request.user)


@cases_router.get("/{case_id}", response=dict[str, Any])
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _case_detail(request, case_id)


@cases_router.patch("/{case_id}", response=dict[str, Any])
def update_case(request: HttpRequest, case_id: int, payload: CasePatch) -> dict[str, Any]:
    case = access_case_by_id(request.user, case_id, request=request)
    changes = payload.dict(exclude_unset=True, exclude={"version", "counsellor_id"})
    if payload.counsellor_id is not None:
        changes["counsellor"] = User.objects.filter(pk=payload.counsellor_id).first()
    services.do_update_case(request.user, case=case, expected_version=payload.version, changes=changes)
    return _case_detail(request, case_id)


@cases_router.post("/{case_id}/transitions", response=dict[str, Any])
def move_case(request: HttpRequest, case_id: int, payload: TransitionIn) -> dict[str, Any]:
    case = access_case_by_id(request.user, case_id, request=request)
    services.do_move_case(request.user, case=case, to_status=payload.to_status, note=payload.note)
    return _case_detail(request, case_id)


@cases_router.post("/{case_id}/plan", response={201: dict[str, Any]})
def add_plan_item(request: HttpRequest, case_id: int, payload: PlanItemIn) -> Status[dict[str, Any]]:
    case = access_case_by_id(request.user, case_id, request=request)
    services.do_add_plan_item(request.user, case=case, service=payload.service, due_on=payload.due_on,
                              provider_agency=_agency(payload.provider_agency_id, "provider_agency_id"),
                              provider_name=payload.provider_name, note=payload.note)
    return Status(201, _case_detail(request, case_id))


@cases_router.post("/{case_id}/plan/{item_id}/status", response=dict[str, Any])
def set_plan_item_status(request: HttpRequest, case_id: int, item_id: int, status: str) -> dict[str, Any]:
    case = access_case_by_id(request.user, case_id, request=request)
    item = PlanItem.objects.filter(case=case, pk=item_id).first()
    if item is None:
        raise NotFound()
    services.do_set_plan_item_status(request.user, item=item, status=status)
    return _case_detail(request, case_id)


@cases_router.post("/{case_id}/tasks", response={201: dict[str, Any]})
def add_task(request: HttpRequest, case_id: int, payload: TaskIn) -> Status[dict[str, Any]]:
    case = access_case_by_id(request.user, case_id, request=request)
    assignee = User.objects.filter(pk=payload.assigned_to_id).first() if payload.assigned_to_id else None
    services.do_add_task(request.user, case=case, title=payload.title, due_on=payload.due_on,
                         remind_on=payload.remind_on, assigned_to=assignee)
    return Status(201, _case_detail(request, case_id))


@cases_router.post("/{case_id}/tasks/{task_id}/done", response=dict[str, Any])
def complete_task(request: HttpRequest, case_id: int, task_id: int) -> dict[str, Any]:
    case = access_case_by_id(request.user, case_id, request=request)
    task = Task.objects.filter(case=case, pk=task_id).first()
    if task is None:
        raise NotFound()
    services.do_complete_task(request.user, task=task)
    return _case_detail(request, case_id)


@cases_router.post("/{case_id}/referrals", response={201: dict[str, Any]})
def refer_case(request: HttpRequest, case_id: int, payload: ReferralIn) -> Status[dict[str, Any]]:
    case = access_case_by_id(request.user, case_id, request=request)
    to_agency = _agency(payload.to_agency_id, "to_agency_id")
    referral = services.do_refer_case(request.user, case=case, to_agency=to_agency,  # type: ignore[arg-type]
                                      sections=payload.sections, note=payload.note, transfer=payload.transfer,
                                      complete_by=payload.complete_by)
    return Status(201, referral_view(request.user, referral))


router.add_router("/cases", cases_router)
router.add_router("/clients", clients_router)
router.add_router("/referrals", referrals_router)
