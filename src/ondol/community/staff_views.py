"""Staff pages: run programs (sign-ups, attendance, certificates), campaigns and competitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ondol.accounts.access import agency_ids_of
from ondol.community import access, documents
from ondol.community.forms import (
    AllocationForm,
    CapacityForm,
    DonationForm,
    EntryForm,
    OnBehalfForm,
    PledgeForm,
    ProgramForm,
    ReasonForm,
    SessionForm,
)
from ondol.community.models import Allocation, DeliveryStatus, Donation, Pledge, Receipt, RegistrationStatus
from ondol.community.models.competitions import Entry
from ondol.community.services import competitions, donations, programs
from ondol.core import audit
from ondol.core.errors import DomainError, InvalidInput, NotFound
from ondol.core.formatting import format_date, format_datetime
from ondol.core.models import Agency


def _flash_error(request: HttpRequest, error: DomainError) -> None:
    details = " ".join(str(message) for message in error.fields.values())
    messages.error(request, f"{error.message} {details}".strip())


@login_required
def home(request: HttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None)
    agencies = list(Agency.objects.filter(pk__in=agency_ids_of(request.user)))
    if request.method == "POST" and form.is_valid() and agencies:
        program = programs.do_create_program(request.user, agency=agencies[0], **form.cleaned_data)
        return redirect("community_staff:program", program_id=program.pk)
    return render(request, "community/staff/home.html", {
        "form": form if agencies else None,
        "programs": access.programs_for(request.user).prefetch_related("sessions"),
        "campaigns": access.campaigns_for(request.user),
        "competitions": access.competitions_for(request.user),
    })


@login_required
def program(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access.access_program(request.user, program_id)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programs.do_schedule_weekly(request.user, program=program, first_starts_at=data["starts_at"],
                                        duration=dt.timedelta(minutes=data["duration_minutes"]), weeks=data["weeks"],
                                        capacity=data["capacity"], mode=data["mode"], place=data["place"],
                                        online_url=data["online_url"])
            return redirect("community_staff:program", program_id=program.pk)
        except DomainError as error:
            _flash_error(request, error)
    return render(request, "community/staff/program.html", {"program": program, "sessions": program.sessions.all(),
                                                             "form": form})


@login_required
def session(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.access_session(request.user, session_id)
    on_behalf = OnBehalfForm(request.POST if "client_ref" in request.POST else None,
                             tags=session.program.eligibility_tags)
    capacity = CapacityForm(request.POST if "capacity" in request.POST else None, initial={"capacity": session.capacity})
    try:
        if "material" in request.POST:
            _set_delivery(request, session)
            return redirect("community_staff:session", session_id=session.pk)
        if on_behalf.is_valid():
            registration = programs.do_sign_up_client(request.user, session=session, **on_behalf.cleaned_data)
            messages.success(request, _("%(name)s is signed up: %(status)s.") % {
                "name": registration.name, "status": registration.get_status_display()})
            return redirect("community_staff:session", session_id=session.pk)
        if capacity.is_valid():
            programs.do_change_capacity(request.user, session=session, capacity=capacity.cleaned_data["capacity"])
            return redirect("community_staff:session", session_id=session.pk)
    except DomainError as error:
        _flash_error(request, error)
    registrations = list(session.registrations.exclude(status=RegistrationStatus.UNCONFIRMED)
                         .prefetch_related("deliveries"))
    audit.record_view(request.user, session, request=request, detail="participants")
    materials = list(session.program.materials.all())
    for registration in registrations:
        statuses = {d.material_id: d.status for d in registration.deliveries.all()}
        registration.delivery_rows = [(m, statuses.get(m.pk, DeliveryStatus.TO_SEND)) for m in materials]  # type: ignore[attr-defined]
    return render(request, "community/staff/session.html", {
        "session": session, "registrations": registrations, "on_behalf": on_behalf, "capacity": capacity,
        "materials": materials, "delivery_choices": DeliveryStatus.choices})


def _set_delivery(request: HttpRequest, session: Any) -> None:
    registration = access.access_registration(request.user, int(request.POST["registration"]), request=request)
    material = session.program.materials.filter(pk=int(request.POST["material"])).first()
    if registration.session_id != session.pk or material is None:
        raise NotFound()
    programs.do_set_delivery(request.user, registration=registration, material=material,
                             status=request.POST.get("status", ""))


@login_required
@require_POST
def registration_cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = access.access_registration(request.user, registration_id, request=request)
    programs.do_cancel_registration(request.user, registration=registration)
    return redirect("community_staff:session", session_id=registration.session_id)


@login_required
def attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    """Taken on a phone at the door: one big button per person; HTMX swaps just that row."""
    session = access.access_session(request.user, session_id)
    if request.method == "POST":
        registration = access.access_registration(request.user, int(request.POST["registration"]), request=request)
        if registration.session_id != session.pk:
            raise NotFound()
        programs.do_mark_attendance(request.user, registration=registration,
                                    attended=request.POST.get("attended") == "1")
        if request.headers.get("HX-Request"):
            return render(request, "community/staff/attendance.html#row", {"registration": registration})
        return redirect("community_staff:attendance", session_id=session.pk)
    registrations = session.registrations.filter(status=RegistrationStatus.CONFIRMED)
    audit.record_view(request.user, session, request=request, detail="attendance list")
    return render(request, "community/staff/attendance.html", {"session": session, "registrations": registrations})


@login_required
@require_GET
def certificate(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = access.access_registration(request.user, registration_id, request=request)
    if not registration.attended:
        raise NotFound(_("A certificate is only issued to people marked as present."))
    lang = registration.language
    program = registration.session.program
    with translation.override(lang):
        context = {
            "registration": registration, "title": program.localized("title", lang),
            "heading": _("Certificate of attendance"),
            "sentence": _("%(name)s attended %(program)s on %(date)s.") % {
                "name": registration.name, "program": program.localized("title", lang), "date": format_date(registration.session.starts_at, lang)},
            "issuer": program.agency.name, "issued_on": format_date(timezone.localdate(), lang),
        }
        pdf = documents.render_pdf("community/pdf/certificate.html", context, lang=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{registration.pk}.pdf"'
    return response


@login_required
@require_GET
def session_ics(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access.access_program(request.user, program_id)
    body = documents.sessions_ics(program.sessions.all(), lang="ko", host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ondol-program-{program.pk}.ics"'
    return response


@login_required
def campaign(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access.access_campaign(request.user, campaign_id)
    subcampaigns = list(campaign.subcampaigns.select_related("agency"))
    donation_form = DonationForm(request.POST if request.POST.get("form") == "donation" else None,
                                 subcampaigns=subcampaigns)
    allocation_form = AllocationForm(request.POST if request.POST.get("form") == "allocation" else None)
    pledge_form = PledgeForm(request.POST if request.POST.get("form") == "pledge" else None)
    try:
        if pledge_form.is_valid():
            donor = donations.find_or_create_donor(name=pledge_form.cleaned_data["donor_name"],
                                                   phone=pledge_form.cleaned_data["donor_phone"])
            donations.do_pledge(request.user, campaign=campaign, donor=donor, amount=pledge_form.cleaned_data["amount"],
                                due_on=pledge_form.cleaned_data["due_on"])
            return redirect("community_staff:campaign", campaign_id=campaign.pk)
        if donation_form.is_valid():
            _record_donation(request, campaign, subcampaigns, donation_form.cleaned_data)
            return redirect("community_staff:campaign", campaign_id=campaign.pk)
        if allocation_form.is_valid():
            donations.do_propose_allocation(request.user, campaign=campaign, **allocation_form.cleaned_data)
            return redirect("community_staff:campaign", campaign_id=campaign.pk)
    except DomainError as error:
        _flash_error(request, error)
    audit.record_view(request.user, campaign, request=request, detail="donors")
    qr_codes = [(sub, documents.qr_svg_data_uri(request.build_absolute_uri(
        reverse("community:give", kwargs={"code": sub.code})))) for sub in subcampaigns]
    return render(request, "community/staff/campaign.html", {
        "campaign": campaign, "progress": donations.campaign_progress(campaign),
        "balances": donations.balances(campaign), "plaques": donations.plaque_donors(campaign),
        "donations": campaign.donations.select_related("donor", "subcampaign__agency", "receipt")[:100],
        "allocations": campaign.allocations.all()[:100], "qr_codes": qr_codes,
        "donation_form": donation_form, "allocation_form": allocation_form, "reason_form": ReasonForm(),
        "pledge_form": pledge_form, "pledges": campaign.pledges.select_related("donor", "fulfilled_by")[:100],
    })


def _record_donation(request: HttpRequest, campaign: Any, subcampaigns: list[Any], data: dict[str, Any]) -> None:
    donor = None
    if data["donor_name"]:
        donor = donations.find_or_create_donor(name=data["donor_name"], phone=data["donor_phone"])
    sub = next((s for s in subcampaigns if s.pk == data["subcampaign"]), None)
    donation = donations.do_record_donation(
        request.user, campaign=campaign, subcampaign=sub, donor=donor, kind=data["kind"], method=data["method"],
        amount=data["amount"] or 0, item=data["item"], quantity=data["quantity"] or 0, unit=data["unit"],
        expires_on=data["expires_on"], estimated_value=data["estimated_value"] or 0, is_anonymous=data["anonymous"])
    messages.success(request, _("The gift was recorded as number %(id)s.") % {"id": donation.pk})


def _donation_for(request: HttpRequest, donation_id: int) -> Donation:
    donation = Donation.objects.select_related("campaign").filter(pk=donation_id).first()
    if donation is None:
        raise NotFound()
    access.access_campaign(request.user, donation.campaign_id)
    return donation


@login_required
@require_POST
def donation_receipt(request: HttpRequest, donation_id: int) -> HttpResponse:
    donation = _donation_for(request, donation_id)
    try:
        receipt = donations.do_issue_receipt(request.user, donation=donation)
        messages.success(request, _("Receipt %(number)s was issued.") % {"number": receipt.number})
    except DomainError as error:
        _flash_error(request, error)
    return redirect("community_staff:campaign", campaign_id=donation.campaign_id)


@login_required
@require_POST
def donation_reverse(request: HttpRequest, donation_id: int) -> HttpResponse:
    donation = _donation_for(request, donation_id)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Say why the donation is being reversed."))
        donations.do_reverse_donation(request.user, donation=donation, reason=form.cleaned_data["reason"])
    except DomainError as error:
        _flash_error(request, error)
    return redirect("community_staff:campaign", campaign_id=donation.campaign_id)


@login_required
@require_POST
def receipt_reissue(request: HttpRequest, receipt_id: int) -> HttpResponse:
    receipt = Receipt.objects.select_related("donation").filter(pk=receipt_id).first()
    if receipt is None:
        raise NotFound()
    access.access_campaign(request.user, receipt.donation.campaign_id)
    donations.do_reissue_receipt(request.user, receipt=receipt, reason=request.POST.get("reason", ""))
    return redirect("community:receipt-pdf", token=receipt.token)


@login_required
@require_POST
def pledge_paid(request: HttpRequest, pledge_id: int) -> HttpResponse:
    pledge = Pledge.objects.filter(pk=pledge_id).first()
    if pledge is None:
        raise NotFound()
    access.access_campaign(request.user, pledge.campaign_id)
    try:
        donations.do_fulfil_pledge(request.user, pledge=pledge, method=request.POST.get("method", "bank_transfer"))
    except DomainError as error:
        _flash_error(request, error)
    return redirect("community_staff:campaign", campaign_id=pledge.campaign_id)


@login_required
@require_POST
def allocation_decide(request: HttpRequest, allocation_id: int) -> HttpResponse:
    allocation = Allocation.objects.filter(pk=allocation_id).first()
    if allocation is None:
        raise NotFound()
    access.access_campaign(request.user, allocation.campaign_id)
    try:
        if request.POST.get("decision") == "reverse":
            donations.do_reverse_allocation(request.user, allocation=allocation, reason=request.POST.get("reason", ""))
        else:
            donations.do_decide_allocation(request.user, allocation=allocation,
                                           approve=request.POST.get("decision") == "approve")
    except DomainError as error:
        _flash_error(request, error)
    return redirect("community_staff:campaign", campaign_id=allocation.campaign_id)


@login_required
def competition(request: HttpRequest, competition_id: int) -> HttpResponse:
    competition = access.access_competition(request.user, competition_id)
    judge = competition.judges.filter(user_id=int(request.user.pk or 0)).first()
    entry_form = EntryForm(request.POST if "submit_entry" in request.POST else None, request.FILES or None)
    if request.method == "POST":
        try:
            if "submit_entry" in request.POST:
                if not entry_form.is_valid():
                    raise InvalidInput(fields={name: " ".join(str(e) for e in errors)
                                              for name, errors in entry_form.errors.items()})
                agencies = agency_ids_of(request.user)
                competitions.do_submit_entry(
                    request.user, competition=competition, title=entry_form.cleaned_data["title"],
                    summary=entry_form.cleaned_data["summary"], submitter_name=entry_form.cleaned_data["submitter_name"],
                    attachment=entry_form.cleaned_data["attachment"],
                    agency=Agency.objects.filter(pk__in=agencies).first())
            elif "publish" in request.POST:
                awards = [(int(entry_id), title) for entry_id, title in
                          zip(request.POST.getlist("award_entry"), request.POST.getlist("award_title"), strict=False)
                          if entry_id and title]
                competitions.do_publish_results(request.user, competition=competition, awards=awards)
            else:
                entry = Entry.objects.filter(competition=competition, pk=int(request.POST["entry"])).first()
                if entry is None:
                    raise NotFound()
                if "declare" in request.POST:
                    competitions.do_declare_conflict(request.user, entry=entry,
                                                     has_conflict=request.POST["declare"] == "conflict",
                                                     note=request.POST.get("note", ""))
                else:
                    points = {c.pk: int(request.POST.get(f"criterion_{c.pk}") or -1) for c in competition.criteria.all()}
                    competitions.do_score_entry(request.user, entry=entry, points=points)
            return redirect("community_staff:competition", competition_id=competition.pk)
        except (DomainError, ValueError) as error:
            if isinstance(error, DomainError):
                _flash_error(request, error)
            else:
                messages.error(request, _("Enter whole numbers."))
    declarations = {d.entry_id: d for d in judge.declarations.all()} if judge else {}
    scores: dict[tuple[int, int], int] = {}
    if judge:
        scores = {(s.entry_id, s.criterion_id): s.points for s in judge.scores.all()}
    entries = [{"entry": e, "declaration": declarations.get(e.pk),
                "criteria": [(c, scores.get((e.pk, c.pk))) for c in competition.criteria.all()]}
               for e in competition.entries.all()]
    return render(request, "community/staff/competition.html", {
        "competition": competition, "phase": competition.phase_at(timezone.now()), "judge": judge,
        "entries": entries, "results": competitions.results(competition), "entry_form": entry_form,
        "now": format_datetime(timezone.now(), style="short"),
    })
