"""Case pages: the timeline, edits with optimistic locking, workflow moves, plan, tasks, and referring."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ondol.cases import services
from ondol.cases.access import access_case_by_id, owns_case
from ondol.cases.disclosure import case_view, referral_view, sections_for_case
from ondol.cases.forms import CaseEditForm, MoveForm, PlanItemForm, ReferralForm, TaskForm
from ondol.cases.models import CaseStatus, Section, Task
from ondol.cases.services.consent import allows
from ondol.cases.timeline import case_timeline
from ondol.cases.views.common import form_errors
from ondol.cases.workflow import allowed_transitions
from ondol.core.errors import DomainError, InvalidInput


def _context(request: HttpRequest, case: Any, **extra: Any) -> dict[str, Any]:
    owned = owns_case(request.user, case)
    sections = sections_for_case(request.user, case)
    return {
        "case": case,
        "view": case_view(request.user, case, sections=sections),
        "timeline": case_timeline(request.user, case),
        "owned": owned,
        "moves": [(status, CaseStatus(status).label) for status in allowed_transitions(case.status)] if owned else [],
        "edit_form": CaseEditForm(initial={"version": case.version, "title": case.title, "summary": case.summary,
                                           "risk_level": case.risk_level}),
        "move_form": MoveForm(),
        "plan_form": PlanItemForm(),
        "task_form": TaskForm(),
        "referrals": [referral_view(request.user, referral) for referral in
                      case.referrals.select_related("from_agency", "to_agency")] if owned else [],
        "shows_plan": Section.PLAN in sections,
        **extra,
    }


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, request=request)
    return render(request, "cases/case.html", _context(request, case))


@login_required
@require_POST
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, request=request)
    form = CaseEditForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.do_update_case(request.user, case=case, expected_version=data["version"],
                                    changes={name: data[name] for name in ("title", "summary", "risk_level")})
        except DomainError as error:
            form_errors(form, error)
            case.refresh_from_db()
            return render(request, "cases/case.html", _context(request, case, edit_form=form, conflict=error),
                          status=error.status)
        messages.success(request, _("The changes were saved."))
    return redirect("cases_staff:case", case_id=case.pk)


@login_required
@require_POST
def case_move(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, request=request)
    form = MoveForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(fields={"to_status": _("Choose one of the listed states.")})
    services.do_move_case(request.user, case=case, to_status=form.cleaned_data["to_status"],
                          note=form.cleaned_data["note"])
    messages.success(request, _("The case was moved."))
    return redirect("cases_staff:case", case_id=case.pk)


@login_required
@require_POST
def plan_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, request=request)
    form = PlanItemForm(request.POST)
    if form.is_valid():
        services.do_add_plan_item(request.user, case=case, **form.cleaned_data)
        messages.success(request, _("The service was added to the plan."))
    else:
        messages.error(request, _("Name the service."))
    return redirect("cases_staff:case", case_id=case.pk)


@login_required
@require_POST
def task_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, request=request)
    form = TaskForm(request.POST)
    if form.is_valid():
        services.do_add_task(request.user, case=case, **form.cleaned_data)
        messages.success(request, _("The task was added."))
    else:
        messages.error(request, _("Describe the task and give a due date."))
    return redirect("cases_staff:case", case_id=case.pk)


@login_required
@require_POST
def task_done(request: HttpRequest, case_id: int, task_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, request=request)
    services.do_complete_task(request.user, task=get_object_or_404(Task, pk=task_id, case=case))
    return redirect("cases_staff:case", case_id=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def case_refer(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id, request=request)
    form = ReferralForm(request.POST or None, exclude_agency=case.agency_id,
                        initial={"sections": [Section.IDENTITY, Section.CONTACT, Section.PLAN]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.do_refer_case(request.user, case=case, to_agency=data["to_agency"],
                                              sections=data["sections"], note=data["note"],
                                              transfer=data["transfer"], complete_by=data["complete_by"])
        except DomainError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The referral to %(agency)s was sent.") % {"agency": referral.to_agency.name})
            return redirect("cases_staff:case", case_id=case.pk)
    return render(request, "cases/refer.html", {
        "form": form, "case": case, "has_general_consent": allows(case.client, purpose="referral"),
    }, status=422 if form.errors else 200)
