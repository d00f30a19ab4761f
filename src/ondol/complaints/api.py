"""Staff JSON API for complaints under /api/v1/complaints (the public uses Open311 instead)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from ondol.accounts.models import User
from ondol.api import staff_auth
from ondol.cases.access import access_client_by_id
from ondol.complaints import services
from ondol.complaints.access import access_complaint_by_id, may_see_location
from ondol.complaints.models import Complaint
from ondol.complaints.queries import queue_for
from ondol.complaints.sla import sla_state
from ondol.core.errors import InvalidInput
from ondol.core.models import Agency

router = Router(tags=["complaints"], auth=staff_auth)


class ComplaintOut(Schema):
    id: int
    tracking_number: str
    category: str
    status: str
    public_status: str
    sla: str
    language: str
    submitted_at: dt.datetime
    due_at: dt.datetime
    agency_id: int
    assigned_to: str | None = None
    case_id: int | None = None


class ComplaintDetailOut(ComplaintOut):
    description: str
    public_description: str
    is_anonymous: bool
    name: str
    email: str
    phone: str
    wants_updates: bool
    address: str | None = None
    replies: list[dict[str, Any]]
    version: int


class StatusIn(Schema):
    status: str
    version: int
    note: str = ""
    referred_to: int | None = None
    duplicate_of: str | None = None


class ReplyIn(Schema):
    phrase_key: str = ""
    text: str = ""
    text_language: str = "ko"


class AssignIn(Schema):
    user_id: int | None = None


class CaseIn(Schema):
    client_id: int | None = None
    title: str = ""
    duplicates_checked: bool = False


def _summary(complaint: Complaint) -> dict[str, Any]:
    return {
        "id": complaint.pk, "tracking_number": complaint.tracking_number, "category": complaint.category.code,
        "status": complaint.status, "public_status": complaint.public_status, "sla": sla_state(complaint),
        "language": complaint.language, "submitted_at": complaint.submitted_at, "due_at": complaint.due_at,
        "agency_id": complaint.agency_id,
        "assigned_to": complaint.assigned_to.get_username() if complaint.assigned_to else None,
        "case_id": complaint.case_id,
    }


def _detail(request: HttpRequest, complaint: Complaint) -> dict[str, Any]:
    return {
        **_summary(complaint), "description": complaint.description,
        "public_description": complaint.public_description, "is_anonymous": complaint.is_anonymous,
        "name": complaint.name, "email": complaint.email, "phone": complaint.phone,
        "wants_updates": complaint.wants_updates,
        "address": complaint.address if may_see_location(request.user) else None,
        "replies": [{"body": reply.body, "language": reply.language, "produced_by": reply.produced_by,
                     "phrase_key": reply.phrase_key, "at": reply.created_at.isoformat()}
                    for reply in complaint.replies.all()],
        "version": complaint.version,
    }


@router.get("/", response=list[ComplaintOut])
def list_complaints(request: HttpRequest, category: str = "", status: str = "", sla: str = "",
                    mine: bool = False) -> list[dict[str, Any]]:
    return [_summary(row.complaint) for row in queue_for(request.user, category=category, status=status, sla=sla,
                                                           mine=mine)]


@router.get("/{complaint_id}", response=ComplaintDetailOut)
def get_complaint(request: HttpRequest, complaint_id: int) -> dict[str, Any]:
    return _detail(request, access_complaint_by_id(request.user, complaint_id, request=request))


@router.post("/{complaint_id}/status", response=ComplaintDetailOut)
def change_status(request: HttpRequest, complaint_id: int, payload: StatusIn) -> dict[str, Any]:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    referred_to = Agency.objects.filter(pk=payload.referred_to).first() if payload.referred_to else None
    duplicate_of = (Complaint.objects.filter(tracking_number=payload.duplicate_of.upper()).first()
                    if payload.duplicate_of else None)
    complaint = services.do_change_complaint_status(
        request.user, complaint=complaint, to_status=payload.status, expected_version=payload.version,
        note=payload.note, referred_to=referred_to, duplicate_of=duplicate_of)
    return _detail(request, complaint)


@router.post("/{complaint_id}/replies", response={201: dict[str, Any]})
def reply(request: HttpRequest, complaint_id: int, payload: ReplyIn) -> Status[dict[str, Any]]:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    created = services.do_reply_to_complaint(request.user, complaint=complaint, phrase_key=payload.phrase_key,
                                             text=payload.text, text_language=payload.text_language)
    return Status(201, {"body": created.body, "language": created.language, "produced_by": created.produced_by,
                 "phrase_key": created.phrase_key})


@router.post("/{complaint_id}/assign", response=ComplaintDetailOut)
def assign(request: HttpRequest, complaint_id: int, payload: AssignIn) -> dict[str, Any]:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    assignee = User.objects.filter(pk=payload.user_id).first() if payload.user_id else None
    if payload.user_id and assignee is None:
        raise InvalidInput(fields={"user_id": _("No such staff member.")})
    return _detail(request, services.do_assign_complaint(request.user, complaint=complaint, assignee=assignee))


@router.post("/{complaint_id}/case", response={201: dict[str, Any]})
def open_case(request: HttpRequest, complaint_id: int, payload: CaseIn) -> Status[dict[str, Any]]:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    client = access_client_by_id(request.user, payload.client_id, request=request) if payload.client_id else None
    case = services.do_open_case_from_complaint(request.user, complaint=complaint, client=client, title=payload.title,
                                                duplicates_checked=payload.duplicates_checked)
    return Status(201, {"case_id": case.pk, "client_id": case.client_id})
