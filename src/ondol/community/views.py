"""Public pages in the resident's language: programs and sign-up, campaign progress and giving, voting."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ondol.community import documents
from ondol.community.forms import CodeForm, GiveForm, SignupForm, VoteForm
from ondol.community.models import Campaign, Competition, Program, Receipt, Registration, Session, SubCampaign
from ondol.community.models.competitions import EntryStatus, Phase
from ondol.community.payments import online_providers
from ondol.community.services import competitions, donations, programs
from ondol.core.errors import DomainError
from ondol.core.formatting import format_krw, format_percent
from ondol.core.languages import LANGUAGE_CODES, current_language, language_name_local


def _form_errors(form: object, error: DomainError) -> None:
    """Show a domain error next to its field (or at the top of the form)."""
    for name, message in error.fields.items():
        form.add_error(name if name in form.fields else None, str(message))  # type: ignore[attr-defined]
    if not error.fields:
        form.add_error(None, str(error.message))  # type: ignore[attr-defined]


def _language_names(codes: list[str]) -> str:
    return ", ".join(language_name_local(code) for code in codes if code in LANGUAGE_CODES)


def _open_sessions() -> Prefetch:
    return Prefetch("sessions", queryset=Session.objects.filter(starts_at__gt=timezone.now(), is_cancelled=False),
                    to_attr="open_sessions")


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    lang = current_language()
    program_list = [p for p in Program.objects.filter(is_published=True).select_related("agency")
                    .prefetch_related(_open_sessions()) if p.open_sessions]  # type: ignore[attr-defined]
    return render(request, "community/index.html", {
        "programs": [(p, p.localized("title", lang)) for p in program_list],
        "campaigns": Campaign.objects.filter(is_public=True, ends_on__gte=timezone.localdate()),
        "competitions": Competition.objects.filter(screening_closes__gte=timezone.now())
        | Competition.objects.filter(results_published_at__isnull=False),
    })


@require_GET
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.prefetch_related(_open_sessions()), pk=program_id, is_published=True)
    lang = current_language()
    return render(request, "community/program.html", {
        "program": program, "title": program.localized("title", lang),
        "description": program.localized("description", lang), "sessions": program.open_sessions,  # type: ignore[attr-defined]
        "form": SignupForm(tags=program.eligibility_tags), "languages": _language_names(program.languages),
    })


@require_POST
def signup(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("program"), pk=session_id)
    form = SignupForm(request.POST, tags=session.program.eligibility_tags)
    if form.is_valid():
        try:
            registration = programs.do_request_signup(
                session=session, name=form.cleaned_data["name"], contact=form.cleaned_data["contact"],
                language=current_language(), declared_tags=form.cleaned_data.get("declared_tags", []))
            return redirect("community:registration", token=registration.token)
        except DomainError as error:
            _form_errors(form, error)
    lang = current_language()
    return render(request, "community/program.html", {
        "program": session.program, "title": session.program.localized("title", lang),
        "description": session.program.localized("description", lang), "sessions": [session], "form": form,
        "languages": _language_names(session.program.languages),
        "failed_session": session.pk}, status=422)


@require_http_methods(["GET", "POST"])
def registration(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("session__program"), token=token)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programs.do_confirm_signup(registration=registration, code=form.cleaned_data["code"])
            return redirect("community:registration", token=token)
        except DomainError as error:
            _form_errors(form, error)
    lang = current_language()
    return render(request, "community/registration.html", {
        "registration": registration, "session": registration.session,
        "title": registration.session.program.localized("title", lang), "form": form,
        "position": programs.waitlist_position(registration),
    }, status=422 if form.errors else 200)


@require_POST
def registration_resend(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration, token=token)
    programs.do_resend_signup_code(registration=registration)
    return redirect("community:registration", token=token)


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration, token=token)
    programs.do_cancel_registration(None, registration=registration)
    return redirect("community:registration", token=token)


@require_GET
def session_ics(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("program"), pk=session_id, program__is_published=True)
    body = documents.sessions_ics([session], lang=current_language(), host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ondol-session-{session.pk}.ics"'
    return response


def _thermometer(raised: int, target: int) -> str:
    label = _("%(raised)s raised of %(target)s (%(percent)s).") % {
        "raised": format_krw(raised), "target": format_krw(target),
        "percent": format_percent(raised / target if target else 0)}
    return documents.thermometer_svg(raised=raised, target=target, label=label)


@require_GET
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug, is_public=True)
    progress = donations.campaign_progress(campaign)
    return render(request, "community/campaign.html", {
        "campaign": campaign, "title": campaign.localized("title", current_language()), "progress": progress,
        "thermometer": _thermometer(progress["raised"], campaign.target_amount),
    })


@require_http_methods(["GET", "POST"])
def give(request: HttpRequest, code: str) -> HttpResponse:
    """The page a centre's QR code opens: give money online or see how to transfer it."""
    sub = get_object_or_404(SubCampaign.objects.select_related("campaign", "agency"), code=code,
                            campaign__is_public=True)
    providers = [(code_, str(provider.label)) for code_, provider in online_providers().items()]
    form = GiveForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            receipt = donations.do_give_online(
                subcampaign=sub, amount=form.cleaned_data["amount"], provider_code=form.cleaned_data["provider"],
                name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                anonymous=form.cleaned_data["anonymous"])
            return redirect("community:receipt", token=receipt.token)
        except DomainError as error:
            _form_errors(form, error)
    progress = donations.campaign_progress(sub.campaign)
    centre = next((row for row in progress["centres"] if row["subcampaign"].pk == sub.pk), None)
    centre_raised = centre["raised"] if centre else 0
    # The centre's own thermometer when it has a target; a small share of a city-wide target looks empty.
    raised, target = (centre_raised, sub.target_amount) if sub.target_amount else (
        progress["raised"], sub.campaign.target_amount)
    return render(request, "community/give.html", {
        "sub": sub, "title": sub.campaign.localized("title", current_language()), "form": form,
        "centre_raised": centre_raised, "thermometer": _thermometer(raised, target),
    }, status=422 if form.errors else 200)


@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    receipt = get_object_or_404(Receipt.objects.select_related("donation"), token=token)
    return render(request, "community/receipt.html", {"receipt": receipt, "content": receipt.content,
                                                      "reversed": hasattr(receipt.donation, "reversed_by")})


@require_GET
def receipt_pdf(request: HttpRequest, token: str) -> HttpResponse:
    receipt = get_object_or_404(Receipt.objects.select_related("donation"), token=token)
    pdf = documents.render_pdf("community/pdf/receipt.html", {
        "receipt": receipt, "content": receipt.content, "reversed": hasattr(receipt.donation, "reversed_by")})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{receipt.number}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def competition(request: HttpRequest, slug: str) -> HttpResponse:
    competition = get_object_or_404(Competition, slug=slug)
    phase = competition.phase_at(timezone.now())
    entries = list(competition.entries.filter(status=EntryStatus.SUBMITTED))
    form = VoteForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        try:
            token = competitions.do_request_vote(competition=competition, entry_id=form.cleaned_data["entry"],
                                                 contact=form.cleaned_data["contact"], language=current_language())
            return redirect("community:vote-confirm", slug=slug, token=token)
        except DomainError as error:
            _form_errors(form, error)
    return render(request, "community/competition.html", {
        "competition": competition, "title": competition.localized("title", current_language()), "phase": phase,
        "phases": Phase, "entries": entries, "form": form,
        "results": competitions.results(competition) if phase == Phase.RESULTS else None,
        "awards": competition.awards.select_related("entry") if phase == Phase.RESULTS else None,
    }, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def vote_confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    competition = get_object_or_404(Competition, slug=slug)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            competitions.do_cast_vote(competition=competition, token=token, code=form.cleaned_data["code"])
            return render(request, "community/vote_done.html", {"competition": competition,
                          "title": competition.localized("title", current_language())})
        except DomainError as error:
            _form_errors(form, error)
    return render(request, "community/vote_confirm.html", {
        "competition": competition, "title": competition.localized("title", current_language()), "form": form,
    }, status=422 if form.errors else 200)


