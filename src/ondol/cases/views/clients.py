"""Client pages: search, intake with search-before-create, profile, edit, consent, merge, export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ondol.accounts.access import has_role, require_staff
from ondol.accounts.models import Role
from ondol.cases import queries, services
from ondol.cases.access import access_client_by_id, cases_visible_to, casework_agency_ids
from ondol.cases.disclosure import client_view, sections_for_client
from ondol.cases.duplicates import find_duplicates
from ondol.cases.forms import (
    ClientEditForm,
    ConsentForm,
    ConsultationForm,
    HouseholdForm,
    IntakeForm,
    OpenCaseForm,
    OverrideForm,
)
from ondol.cases.models import Consent, Purpose, Section
from ondol.cases.services.clients import EDITABLE_FIELDS, PossibleDuplicates
from ondol.cases.services.consent import CONSENT_FORM_VERSION
from ondol.cases.services.export import export_client_json, export_client_pdf
from ondol.cases.services.screenings import do_save_screening
from ondol.cases.views.common import form_errors
from ondol.core.errors import DomainError
from ondol.core.languages import current_language


@login_required
@require_GET
def client_list(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    text = request.GET.get("q", "")
    clients = [client_view(request.user, client) for client in queries.search_clients(request.user, text=text)]
    return render(request, "cases/clients.html", {"clients": clients, "q": text})


def _names(data: Any) -> list[str]:
    return [data.get(name, "") for name in ("name_latin", "name_hangul", "name_native")]


@login_required
@require_GET
def duplicate_candidates(request: HttpRequest) -> HttpResponse:
    """The possible matches for what the counsellor has typed so far (an HTMX fragment)."""
    require_staff(request.user)
    form = IntakeForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    candidates = find_duplicates(request.user, names=_names(data), birth_date=data.get("birth_date"),
                                 identity_number=data.get("identity_number", ""),
                                 nationality=data.get("nationality", ""))
    return render(request, "cases/client_new.html#candidates", {"candidates": candidates})


@login_required
@require_http_methods(["GET", "POST"])
def client_new(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    handoff = request.session.get(ELIGIBILITY_HANDOFF_KEY)
    initial = {"preferred_language": current_language(), **_initial_from_screening(handoff)}
    form = IntakeForm(request.POST or None, initial=initial)
    candidates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in EDITABLE_FIELDS if name in data and name != "dong"}
        try:
            with transaction.atomic():
                client = services.do_register_client(
                    request.user, identity_number=data["identity_number"],
                    identity_kind=data["identity_kind"] or "arc", duplicates_checked=data["duplicates_checked"],
                    **fields)
                for purpose, given in ((Purpose.CONSULTATION, data["consent_consultation"]),
                                       (Purpose.REFERRAL, data["consent_referral"]),
                                       (Purpose.MESSAGES, data["consent_messages"])):
                    if given:
                        services.do_record_consent(request.user, client=client, purpose=purpose,
                                                   language=client.preferred_language)
        except PossibleDuplicates as duplicates:
            candidates = duplicates.candidates
            form_errors(form, duplicates)
        except DomainError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("%(name)s was registered.") % {"name": client.display_name})
            if isinstance(handoff, dict) and isinstance(handoff.get("household"), dict):
                try:
                    do_save_screening(request.user, client=client, household=handoff["household"])
                except DomainError as error:
                    messages.error(request, str(error.message))
                else:
                    del request.session[ELIGIBILITY_HANDOFF_KEY]
                    messages.success(request, _("The eligibility screening was saved with the client's record."))
            return redirect("cases_staff:client", client_id=client.pk)
    return render(request, "cases/client_new.html",
                  {"form": form, "candidates": candidates, "has_screening": bool(handoff)},
                  status=409 if candidates else 200)


# The eligibility wizard leaves a screened household here for the next client a counsellor registers.
ELIGIBILITY_HANDOFF_KEY = "eligibility_handoff"


def _initial_from_screening(handoff: Any) -> dict[str, Any]:
    """Prefill intake with the applicant's facts from a screening handed over by the wizard."""
    if not isinstance(handoff, dict) or not isinstance(handoff.get("household"), dict):
        return {}
    members = handoff["household"].get("members") or []
    applicant = next((m for m in members if isinstance(m, dict) and m.get("role") == "applicant"), None)
    if applicant is None:
        return {}
    initial: dict[str, Any] = {}
    if applicant.get("birth_date"):
        initial["birth_date"] = applicant["birth_date"]
    if applicant.get("residence_status"):
        initial["residence_status"] = applicant["residence_status"]
    return initial


def _profile_context(request: HttpRequest, client: Any) -> dict[str, Any]:
    sections = sections_for_client(request.user, client)
    owner = client.agency_id in casework_agency_ids(request.user) or client.cases.filter(
        agency_id__in=casework_agency_ids(request.user)).exists()
    visible_cases = client.cases.filter(cases_visible_to(request.user))
    return {
        "client": client,
        "view": client_view(request.user, client, sections=sections),
        "owner": owner,
        "registering_agency": client.agency_id in casework_agency_ids(request.user),
        "is_manager": has_role(request.user, Role.CENTRE_MANAGER),
        "consents": client.consents.select_related("recipient_agency") if owner else [],
        "consultations": client.consultations.select_related("counsellor", "agency")
        if owner or Section.CONSULTATIONS in sections else [],
        "cases": visible_cases.select_related("agency"),
        "consent_form": ConsentForm(initial={"language": client.preferred_language}),
        "override_form": OverrideForm(),
        "household_form": HouseholdForm(),
        "open_case_form": OpenCaseForm(),
        "duplicates": find_duplicates(request.user, names=client.all_names, birth_date=client.birth_date,
                                      exclude_id=client.pk) if owner else [],
        "merged": client.merged.all(),
        "screenings": client.screenings.all()[:5] if owner else [],
        "form_version": CONSENT_FORM_VERSION,
    }


@login_required
@require_GET
def client_profile(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    return render(request, "cases/client.html", _profile_context(request, client))


@login_required
@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    initial = {name: getattr(client, name) for name in EDITABLE_FIELDS if name != "dong"}
    form = ClientEditForm(request.POST or None, initial={**initial, "version": client.version,
                                                         "identity_kind": client.identity_kind})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {name: data[name] for name in initial if name in data}
        try:
            services.do_update_client(request.user, client=client, expected_version=data["version"], changes=changes,
                                      identity_number=data["identity_number"] or None,
                                      identity_kind=data["identity_kind"] or None)
        except DomainError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("cases_staff:client", client_id=client.pk)
    return render(request, "cases/client_edit.html", {"form": form, "client": client},
                  status=409 if form.errors and request.method == "POST" else 200)


@login_required
@require_POST
def consent_add(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    form = ConsentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.do_record_consent(request.user, client=client, purpose=data["purpose"], language=data["language"],
                                   recipient_agency=data["recipient_agency"], recipient_kind=data["recipient_kind"],
                                   expires_at=data["expires_at"])
        messages.success(request, _("The consent was recorded."))
    else:
        messages.error(request, _("The consent could not be recorded. Check the form."))
    return redirect("cases_staff:client", client_id=client.pk)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, client_id: int, consent_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    services.do_withdraw_consent(request.user, consent=get_object_or_404(Consent, pk=consent_id, client=client))
    messages.success(request, _("The consent was withdrawn. Sharing that relied on it has stopped."))
    return redirect("cases_staff:client", client_id=client.pk)


@login_required
@require_POST
def emergency_override(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the agency and write the reason."))
    else:
        services.do_record_emergency_override(request.user, client=client, purpose=Purpose.REFERRAL,
                                              recipient_agency=form.cleaned_data["recipient_agency"],
                                              reason=form.cleaned_data["reason"])
        messages.success(request, _("The emergency override was recorded for 72 hours."))
    return redirect("cases_staff:client", client_id=client.pk)


@login_required
@require_POST
def household_add(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    form = HouseholdForm(request.POST)
    if form.is_valid():
        services.do_add_to_household(request.user, client=client, relation=form.cleaned_data["relation"],
                                     household_name=form.cleaned_data["household_name"])
        messages.success(request, _("The household was saved."))
    return redirect("cases_staff:client", client_id=client.pk)


@login_required
@require_POST
def merge(request: HttpRequest, client_id: int) -> HttpResponse:
    keep = access_client_by_id(request.user, client_id, request=request)
    duplicate = access_client_by_id(request.user, int(request.POST.get("duplicate_id", "0") or 0), request=request)
    services.do_merge_clients(request.user, keep=keep, duplicate=duplicate)
    messages.success(request, _("The records were merged. Nothing was deleted."))
    return redirect("cases_staff:client", client_id=keep.pk)


@login_required
@require_POST
def reveal(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    number = services.reveal_identity_number(request.user, client=client, request=request)
    return render(request, "cases/client.html#identity", {"number": number, "view": client_view(request.user, client)})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    language = client.preferred_language
    form = ConsultationForm(request.POST or None, initial={"language": language, "notes_language": current_language()})
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.do_record_consultation(request.user, client=client, **form.cleaned_data)
        except DomainError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The consultation was recorded."))
            return redirect(f"{client_url(client.pk)}?consultation={consultation.pk}#open-case")
    return render(request, "cases/consultation_new.html", {"form": form, "client": client})


def client_url(client_id: int) -> str:
    from django.urls import reverse

    return reverse("cases_staff:client", args=[client_id])


@login_required
@require_POST
def case_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    form = OpenCaseForm(request.POST)
    if not form.is_valid():
        context = _profile_context(request, client)
        context["open_case_form"] = form
        return render(request, "cases/client.html", context, status=422)
    data = form.cleaned_data
    consultation = client.consultations.filter(pk=data["consultation"]).first() if data["consultation"] else None
    case = services.do_open_case(request.user, client=client, title=data["title"], summary=data["summary"],
                                 risk_level=data["risk_level"], source="consultation", consultation=consultation)
    messages.success(request, _("The case was opened."))
    return redirect("cases_staff:case", case_id=case.pk)


@login_required
@require_GET
def export_json(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    response = HttpResponse(export_client_json(request.user, client=client), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="ondol-client-{client.pk}.json"'
    return response


@login_required
@require_GET
def export_pdf(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    response = HttpResponse(export_client_pdf(request.user, client=client), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ondol-client-{client.pk}.pdf"'
    return response
