"""The staff home: what is overdue, my open cases and the referral inbox."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ondol.accounts.access import has_role, require_staff
from ondol.accounts.models import Role
from ondol.cases import queries
from ondol.cases.access import casework_agency_ids
from ondol.cases.models import ReferralStatus
from ondol.cases.workflow import OPEN_STATUSES


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    casework = bool(casework_agency_ids(request.user))
    context: dict[str, Any] = {"casework": casework, "planner": has_role(request.user, Role.DISTRICT_PLANNER)}
    if casework:
        context.update(
            overdue=queries.overdue_for(request.user),
            my_cases=[case for case in queries.cases_for(request.user, mine=True) if case.status in OPEN_STATUSES],
            pending_referrals=queries.referrals_for(request.user, direction="to_us",
                                                    status=ReferralStatus.PENDING).count(),
        )
    return render(request, "cases/home.html", context)


@login_required
@require_GET
def aggregates(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/aggregates.html", {"data": queries.aggregates_for(request.user)})
