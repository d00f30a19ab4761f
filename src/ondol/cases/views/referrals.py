"""The referral inbox ("referred to us") and outbox ("referred by us"), and answering a referral."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ondol.accounts.access import require_staff
from ondol.cases import queries, services
from ondol.cases.access import access_referral_by_id, casework_agency_ids
from ondol.cases.disclosure import referral_view
from ondol.cases.forms import AnswerForm, CompleteForm
from ondol.cases.models import ReferralStatus
from ondol.core.errors import InvalidInput


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    direction = "by_us" if request.GET.get("direction") == "by_us" else "to_us"
    status = request.GET.get("status", "")
    referrals = [referral_view(request.user, referral)
                 for referral in queries.referrals_for(request.user, direction=direction, status=status)[:200]]
    return render(request, "cases/referrals.html", {"referrals": referrals, "direction": direction, "status": status,
                                                    "statuses": ReferralStatus.choices})


@login_required
@require_GET
def detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    ids = casework_agency_ids(request.user)
    return render(request, "cases/referral.html", {
        "referral": referral, "view": referral_view(request.user, referral, with_case=True),
        "receiver": referral.to_agency_id in ids, "sender": referral.from_agency_id in ids,
        "answer_form": AnswerForm(), "complete_form": CompleteForm(),
    })


def _back(referral_id: int) -> HttpResponse:
    return redirect("cases_staff:referral", referral_id=referral_id)


@login_required
@require_POST
def accept(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    services.do_accept_referral(request.user, referral=referral, note=request.POST.get("note", ""))
    messages.success(request, _("You accepted the referral."))
    return _back(referral_id)


@login_required
@require_POST
def decline(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    services.do_decline_referral(request.user, referral=referral, reason=request.POST.get("note", ""))
    messages.success(request, _("You declined the referral."))
    return _back(referral_id)


@login_required
@require_POST
def complete(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(fields={"outcome": _("Say whether the service was delivered.")})
    services.do_complete_referral(request.user, referral=referral, outcome=form.cleaned_data["outcome"],
                                  note=form.cleaned_data["note"])
    messages.success(request, _("The referral is completed."))
    return _back(referral_id)


@login_required
@require_POST
def revoke(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral_by_id(request.user, referral_id, request=request)
    services.do_revoke_referral(request.user, referral=referral, reason=request.POST.get("note", ""))
    messages.success(request, _("The referral was revoked."))
    return _back(referral_id)
