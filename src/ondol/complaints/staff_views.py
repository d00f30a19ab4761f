"""The staff complaint queue: filter by category and deadline, assign, change state, reply, open a case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ondol.accounts.access import require_staff
from ondol.accounts.models import User
from ondol.cases.access import access_client_by_id, casework_agency_ids
from ondol.cases.services import compose_from_text
from ondol.cases.services.clients import PossibleDuplicates
from ondol.complaints import services
from ondol.complaints.access import access_complaint_by_id, may_see_location
from ondol.complaints.forms import ReplyForm, StatusForm
from ondol.complaints.models import Category, Complaint, ComplaintPhoto, InternalStatus
from ondol.complaints.queries import queue_for, sla_counts
from ondol.complaints.sla import SLA_LABELS, sla_state
from ondol.core.errors import DomainError, InvalidInput
from ondol.core.languages import current_language
from ondol.core.models import Agency


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    filters = {key: request.GET.get(key, "") for key in ("category", "status", "sla")}
    rows = queue_for(request.user, category=filters["category"], status=filters["status"], sla=filters["sla"],
                     mine=request.GET.get("mine") == "1")
    return render(request, "complaints/staff_queue.html", {
        "rows": rows, "counts": sla_counts(rows), "filters": filters, "sla_labels": SLA_LABELS,
        "categories": Category.objects.filter(is_active=True), "statuses": InternalStatus.choices,
        "language": current_language(),
    })


def _detail_context(request: HttpRequest, complaint: Complaint) -> dict[str, object]:
    agency_ids = casework_agency_ids(request.user)
    return {
        "complaint": complaint, "sla": sla_state(complaint), "sla_labels": SLA_LABELS,
        "show_location": may_see_location(request.user),
        "status_form": StatusForm(initial={"version": complaint.version}),
        "reply_form": ReplyForm(),
        "agencies": Agency.objects.filter(is_active=True).exclude(pk=complaint.agency_id).order_by("name")[:400],
        "colleagues": User.objects.filter(memberships__agency_id=complaint.agency_id,
                                          memberships__is_active=True).distinct(),
        "may_open_case": complaint.agency_id in agency_ids and complaint.case_id is None,
        "language": current_language(),
    }


@login_required
@require_GET
def detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    return render(request, "complaints/staff_detail.html", _detail_context(request, complaint))


@login_required
@require_GET
def photo(request: HttpRequest, complaint_id: int, photo_id: int) -> FileResponse:
    """Photos are served only to staff who may see the complaint, never from a public URL."""
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    stored = get_object_or_404(ComplaintPhoto, pk=photo_id, complaint=complaint)
    return FileResponse(stored.image.open("rb"), content_type=stored.content_type)


def _back(complaint_id: int) -> HttpResponse:
    return redirect("complaints_staff:detail", complaint_id=complaint_id)


@login_required
@require_POST
def assign(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    assignee_id = request.POST.get("assigned_to")
    assignee = User.objects.filter(pk=assignee_id).first() if assignee_id else None
    services.do_assign_complaint(request.user, complaint=complaint, assignee=assignee)
    messages.success(request, _("The assignment was saved."))
    return _back(complaint_id)


@login_required
@require_POST
def change_status(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(fields={name: " ".join(str(error) for error in errors) for name, errors in form.errors.items()})
    data = form.cleaned_data
    duplicate_of = None
    if data["duplicate_of"]:
        duplicate_of = Complaint.objects.filter(tracking_number=data["duplicate_of"].strip().upper()).first()
    referred_to = Agency.objects.filter(pk=data["referred_to"]).first() if data["referred_to"] else None
    services.do_change_complaint_status(request.user, complaint=complaint, to_status=data["status"],
                                        expected_version=data["version"], note=data["note"],
                                        referred_to=referred_to, duplicate_of=duplicate_of)
    messages.success(request, _("The state was changed and the resident was told in their language."))
    return _back(complaint_id)


@login_required
@require_POST
def reply(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    services.do_reply_to_complaint(request.user, complaint=complaint, phrase_key=request.POST.get("phrase_key", ""),
                                   text=request.POST.get("text", ""), text_language=current_language())
    messages.success(request, _("The reply was sent."))
    return _back(complaint_id)


@login_required
@require_POST
def reply_preview(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """What the resident would read for the staff member's text (an HTMX fragment)."""
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    try:
        composed = compose_from_text(request.POST.get("text", ""), source_language=current_language(),
                                     language=complaint.language, values=services._values(complaint),
                                     use="complaint")
    except DomainError as error:
        return render(request, "complaints/staff_detail.html#preview", {"error": error})
    return render(request, "complaints/staff_detail.html#preview", {"composed": composed})


@login_required
@require_POST
def publish(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    services.do_publish_description(request.user, complaint=complaint, text=request.POST.get("public_description", ""))
    messages.success(request, _("The public description was saved."))
    return _back(complaint_id)


@login_required
@require_POST
def open_case(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = access_complaint_by_id(request.user, complaint_id, request=request)
    client_id = request.POST.get("client_id", "").strip()
    client = access_client_by_id(request.user, int(client_id), request=request) if client_id.isdigit() else None
    try:
        case = services.do_open_case_from_complaint(request.user, complaint=complaint, client=client,
                                                    duplicates_checked=request.POST.get("confirm_new") == "1")
    except PossibleDuplicates as duplicates:
        context = _detail_context(request, complaint)
        context["candidates"] = duplicates.candidates
        return render(request, "complaints/staff_detail.html", context, status=409)
    messages.success(request, _("Case #%(id)s was opened from this complaint.") % {"id": case.pk})
    return redirect("cases_staff:case", case_id=case.pk)
