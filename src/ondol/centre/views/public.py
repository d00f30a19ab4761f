"""Pages for residents: booking a visit, managing it by link, the queue, the clinic and the library."""

from __future__ import annotations

import datetime as dt
import io
from itertools import groupby

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ondol.centre.messages import appointments_to_ics, interpreter_sentence, visit_sheet_url
from ondol.centre.models import Appointment, ClinicSession, QueueCategory
from ondol.centre.ratelimit import check_booking_rate
from ondol.centre.services import appointments as appointment_services
from ondol.centre.services import clinic as clinic_services
from ondol.centre.services import library as library_services
from ondol.centre.services import queue as queue_services
from ondol.centre.services.slots import Slot, free_slots
from ondol.centre.topics import topic_choices, topic_title
from ondol.centre.views.common import handles_domain_errors, parse_local_datetime
from ondol.core.errors import InvalidInput
from ondol.core.languages import current_language, language_choices_local, normalize_language
from ondol.core.models import Agency

BOOKING_DAYS = 14


def _centres() -> list[Agency]:
    return list(Agency.objects.filter(is_active=True, centre_providers__is_active=True).distinct())


def _slot_days(agency: Agency, language: str, *,
               ignore_appointment_id: int | None = None) -> list[tuple[dt.date, list[Slot]]]:
    slots = free_slots(agency_id=agency.pk, language=language, start_day=timezone.localdate(), days=BOOKING_DAYS,
                       ignore_appointment_id=ignore_appointment_id)
    return [(day, list(group)) for day, group in groupby(slots, key=lambda s: timezone.localtime(s.starts_at).date())]


@require_http_methods(["GET", "POST"])
@handles_domain_errors
def book(request: HttpRequest) -> HttpResponse:
    """Choose centre, topic and language, then a time; with a name and a phone or email, the visit is booked."""
    data = request.POST if request.method == "POST" else request.GET
    centres = _centres()
    agency = next((c for c in centres if str(c.pk) == data.get("centre")), centres[0] if len(centres) == 1 else None)
    language = normalize_language(data.get("language")) or current_language()
    topic = data.get("topic", "")
    errors: dict[str, str] = {}
    if request.method == "POST" and agency is not None:
        check_booking_rate(request)
        try:
            starts_at = parse_local_datetime(data.get("slot"))
            if starts_at is None:
                raise InvalidInput(fields={"slot": _("Choose a time.")})
            appointment = appointment_services.do_book_appointment(
                request.user, agency=agency, topic=topic, language=language, starts_at=starts_at,
                name=data.get("name", ""), phone=data.get("phone", ""), email=data.get("email", ""),
                note=data.get("note", ""))
        except InvalidInput as error:
            errors = {name: str(text) for name, text in error.fields.items()}
        else:
            messages.success(request, _("Your visit is booked. We sent the details to you."))
            return redirect("centre:manage", token=appointment_services.manage_token(appointment))
    context = {
        "centres": centres, "agency": agency, "language": language, "topic": topic, "data": data, "errors": errors,
        "topics": topic_choices(current_language()), "languages": language_choices_local(),
        "days": _slot_days(agency, language) if agency and topic else [],
    }
    return render(request, "centre/book.html", context, status=422 if errors else 200)


def _manage_context(appointment: Appointment, token: str) -> dict[str, object]:
    return {"appointment": appointment, "token": token,
            "topic_title": topic_title(appointment.topic, current_language()),
            "interpreter_sentence": interpreter_sentence(appointment),
            "visit_sheet_url": visit_sheet_url(appointment)}


@require_GET
@handles_domain_errors
def manage(request: HttpRequest, token: str) -> HttpResponse:
    appointment = appointment_services.appointment_from_token(token)
    context = _manage_context(appointment, token)
    if appointment.status == "booked" and request.GET.get("reschedule"):
        context["days"] = _slot_days(appointment.agency, appointment.language, ignore_appointment_id=appointment.pk)
    return render(request, "centre/manage.html", context)


@require_POST
@handles_domain_errors
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    appointment = appointment_services.appointment_from_token(token)
    appointment_services.do_cancel_appointment(request.user, appointment=appointment)
    messages.success(request, _("Your visit is cancelled."))
    return redirect("centre:manage", token=token)


@require_POST
@handles_domain_errors
def reschedule(request: HttpRequest, token: str) -> HttpResponse:
    appointment = appointment_services.appointment_from_token(token)
    starts_at = parse_local_datetime(request.POST.get("slot"))
    if starts_at is None:
        raise InvalidInput(fields={"slot": _("Choose a time.")})
    appointment_services.do_reschedule_appointment(request.user, appointment=appointment, starts_at=starts_at)
    messages.success(request, _("Your visit was moved. We sent the new details to you."))
    return redirect("centre:manage", token=token)


@require_GET
@handles_domain_errors
def visit_ics(request: HttpRequest, token: str) -> HttpResponse:
    appointment = appointment_services.appointment_from_token(token)
    response = HttpResponse(appointments_to_ics([appointment]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="visit.ics"'
    return response


# --- Counter queue ---------------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@handles_domain_errors
def kiosk(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Take a number at the kiosk or on one's own phone (the QR code at the door leads here)."""
    agency = get_object_or_404(Agency, pk=agency_id, is_active=True)
    if request.method == "POST":
        ticket = queue_services.do_issue_ticket(request.user, agency=agency, category=request.POST.get("category", ""),
                                                language=current_language())
        return redirect("centre:ticket", token=queue_services.ticket_token(ticket))
    counts = queue_services.waiting_counts(agency_id=agency.pk, day=timezone.localdate())
    categories = [(value, label, counts[value]) for value, label in QueueCategory.choices]
    return render(request, "centre/kiosk.html", {"agency": agency, "categories": categories})


@require_GET
@handles_domain_errors
def ticket(request: HttpRequest, token: str) -> HttpResponse:
    state = queue_services.ticket_state(queue_services.ticket_from_token(token))
    if request.headers.get("HX-Request"):
        return render(request, "centre/ticket.html#status", {"state": state, "ticket": state.ticket, "token": token})
    # Taken at the kiosk, the ticket can follow the resident: this QR code opens the same page on a phone.
    qr = segno.make(request.build_absolute_uri(), error="m").svg_inline(scale=4)
    return render(request, "centre/ticket.html", {"state": state, "ticket": state.ticket, "token": token, "qr": qr})


@require_GET
def queue_qr(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id)
    url = request.build_absolute_uri(reverse("centre:kiosk", args=[agency.pk]))
    # A standalone file (printed for the door), so it needs the XML declaration and namespace, unlike inline SVG.
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=4, title=url)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@require_GET
def poster(request: HttpRequest, agency_id: int) -> HttpResponse:
    """A page to print for the door: the kiosk's QR code and one sentence in each of our languages."""
    agency = get_object_or_404(Agency, pk=agency_id)
    url = request.build_absolute_uri(reverse("centre:kiosk", args=[agency.pk]))
    lines = []
    for code, name in language_choices_local():
        with translation.override(code):
            lines.append((code, name, _("Scan this code to take a number on your phone.")))
    qr = segno.make(url, error="m").svg_inline(scale=8)
    return render(request, "centre/poster.html", {"agency": agency, "qr": qr, "url": url, "lines": lines})


@require_GET
def display(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The waiting-room screen; it re-fetches its board every 3 seconds, so a dropped connection heals itself."""
    agency = get_object_or_404(Agency, pk=agency_id)
    tickets = queue_services.board(agency_id=agency.pk, day=timezone.localdate())
    rows = []
    for item in tickets:
        with translation.override("ko"):
            korean = str(QueueCategory(item.category).label)
            korean_counter = _("Counter %(counter)s") % {"counter": item.counter}
        with translation.override(item.language):
            local = str(QueueCategory(item.category).label)
            counter = _("Counter %(counter)s") % {"counter": item.counter}
        in_korean = item.language == "ko"
        rows.append({"ticket": item, "korean": korean, "local": "" if in_korean else local,
                     "korean_counter": korean_counter, "counter": "" if in_korean else counter,
                     "lang": item.language})
    template = "centre/display.html#board" if request.headers.get("HX-Request") else "centre/display.html"
    return render(request, template, {"agency": agency, "rows": rows})


# --- Free clinic and library -----------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@handles_domain_errors
def clinic(request: HttpRequest) -> HttpResponse:
    sessions = list(ClinicSession.objects.filter(date__gte=timezone.localdate()).select_related("agency")
                    .prefetch_related("doctors")[:8])
    errors: dict[str, str] = {}
    if request.method == "POST":
        session = get_object_or_404(ClinicSession, pk=request.POST.get("session"), date__gte=timezone.localdate())
        try:
            clinic_services.do_book_clinic_visit(request.user, session=session, name=request.POST.get("name", ""),
                                                 phone=request.POST.get("phone", ""), language=current_language())
        except InvalidInput as error:
            errors = {name: str(text) for name, text in error.fields.items()}
        else:
            messages.success(request, _("Your place at the free clinic is booked. Please come on time."))
            return redirect("centre:clinic")
    rows = [{"session": s, "languages": [dict(language_choices_local()).get(c, c) for c in s.languages()],
             "places": clinic_services.places_left(s)} for s in sessions]
    return render(request, "centre/clinic.html", {"rows": rows, "errors": errors}, status=422 if errors else 200)


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    """Search the catalogue; the reader's language is the default filter."""
    centres = list(Agency.objects.filter(centre_library_items__isnull=False).distinct())
    agency = next((c for c in centres if str(c.pk) == request.GET.get("centre")), centres[0] if centres else None)
    language = request.GET.get("language", current_language())
    query = request.GET.get("q", "")
    items, on_loan = [], set()
    if agency is not None:
        items = list(library_services.search_catalogue(agency_id=agency.pk, query=query, language=language or None)[:100])
        on_loan = library_services.on_loan_ids(agency.pk)
    return render(request, "centre/library.html", {
        "centres": centres, "agency": agency, "language": language, "query": query,
        "items": [(item, item.pk in on_loan) for item in items], "languages": language_choices_local()})
