"""Staff page: refer a clinic patient to the public health centre or to medical support, through the cases module."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ondol.cases.access import access_client_by_id
from ondol.cases.services import PossibleDuplicates
from ondol.centre import access
from ondol.centre.models import ClinicVisit
from ondol.centre.models.clinic import ReferralTarget
from ondol.centre.services.clinic_referrals import (
    Patient,
    do_refer_clinic_visit,
    patient_from_visit,
    public_health_centres,
)
from ondol.centre.views.staff import staff_page
from ondol.core import audit
from ondol.core.errors import ConsentMissing, InvalidInput

PATIENT_FIELDS = ("name_latin", "name_hangul", "name_native", "birth_date", "nationality")


def _patient(data: Any) -> Patient:
    try:
        birth_date = dt.date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None
    except ValueError:
        raise InvalidInput(fields={"birth_date": _("Enter the date of birth as year-month-day.")}) from None
    return Patient(name_latin=data.get("name_latin", ""), name_hangul=data.get("name_hangul", ""),
                   name_native=data.get("name_native", ""), birth_date=birth_date,
                   nationality=data.get("nationality", ""))


def refer_from_post(request: HttpRequest, visit: ClinicVisit) -> Any:
    """Read the form and call the one referral service (the API does the same from JSON)."""
    data = request.POST
    client_id = data.get("client", "")
    client = access_client_by_id(request.user, int(client_id), request=request) if client_id.isdigit() else None
    to_agency_id = data.get("to_agency", "")
    to_agency = (public_health_centres(visit.session.agency).filter(pk=to_agency_id).first()
                 if to_agency_id.isdigit() else None)
    return do_refer_clinic_visit(
        request.user, visit=visit, target=data.get("target", ""), note=data.get("note", ""), to_agency=to_agency,
        client=client, patient=None if client else _patient(data),
        duplicates_checked=data.get("duplicates_checked") == "yes",
        consent_to_consultation=data.get("consent_to_consultation") == "yes",
        consent_to_referral=data.get("consent_to_referral") == "yes")


@require_http_methods(["GET", "POST"])
@staff_page
def refer(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = access.access_clinic_visit(request.user, visit_id)
    defaults = patient_from_visit(visit)
    values: dict[str, Any] = {name: getattr(defaults, name) or "" for name in PATIENT_FIELDS}
    values["target"] = request.GET.get("target", ReferralTarget.PUBLIC_HEALTH_CENTRE)
    error: Any = None
    candidates: list[Any] = []
    if request.method == "POST":
        values = {key: request.POST.get(key, "") for key in request.POST if key != "csrfmiddlewaretoken"}
        try:
            referral = refer_from_post(request, visit)
        except (InvalidInput, ConsentMissing, PossibleDuplicates) as raised:
            error = raised
            if isinstance(raised, PossibleDuplicates):
                candidates = raised.candidates
                audit.record_event(request.user, action="view", target_type="cases.client", request=request,
                                   detail=f"duplicate candidates for clinic visit {visit.pk}: "
                                          + ",".join(str(item.client.pk) for item in candidates))
        else:
            messages.success(request, _("The referral is recorded: case %(case)s was opened in the cases module.")
                             % {"case": f"#{referral.case_id}"})
            return redirect("centre_staff:clinic")
    context = {
        "visit": visit, "values": values, "targets": ReferralTarget.choices, "candidates": candidates,
        "health_centres": public_health_centres(visit.session.agency), "error": error,
        "field_errors": {name: str(text) for name, text in (error.fields.items() if error else [])},
        "referrals": visit.referrals.select_related("to_agency"),
    }
    return render(request, "centre/staff/clinic_refer.html", context, status=error.status if error else 200)
