"""Staff pages: appointment calendar, counter, rooms, clinic and library desk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ondol.centre import access
from ondol.centre.messages import appointments_to_ics
from ondol.centre.models import (
    Appointment,
    AvailabilityException,
    ClinicDoctor,
    ClinicSession,
    LibraryItem,
    Loan,
    Provider,
    QueueCategory,
    Room,
    RoomBooking,
    Ticket,
    TicketStatus,
)
from ondol.centre.models.rooms import RoomBookingStatus
from ondol.centre.services import appointments as appointment_services
from ondol.centre.services import availability as availability_services
from ondol.centre.services import clinic as clinic_services
from ondol.centre.services import library as library_services
from ondol.centre.services import queue as queue_services
from ondol.centre.services import rooms as room_services
from ondol.centre.topics import topic_title
from ondol.centre.views.common import handles_domain_errors, parse_day, parse_local_datetime
from ondol.core import audit
from ondol.core.errors import InvalidInput
from ondol.core.formatting import format_date
from ondol.core.languages import language_choices_local


def staff_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
        return handles_domain_errors(view)(request, *args, **kwargs)

    return wrapper


@require_GET
@staff_page
def home(request: HttpRequest) -> HttpResponse:
    centre = access.current_centre(request.user, request.GET.get("centre"))
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    context = {
        "centre": centre, "centres": access.centres_of(request.user),
        "appointments_today": Appointment.objects.filter(agency=centre, status="booked", starts_at__gte=start,
                                                         starts_at__lt=start + dt.timedelta(days=1)).count(),
        "waiting": sum(queue_services.waiting_counts(agency_id=centre.pk, day=today).values()),
        "pending_rooms": RoomBooking.objects.filter(room__agency=centre, status=RoomBookingStatus.PENDING).count(),
        "is_clinic_staff": centre.pk in access.clinic_agency_ids(request.user),
    }
    return render(request, "centre/staff/home.html", context)


# --- Appointments ----------------------------------------------------------------------------------------------

def _week_appointments(centre: Any, monday: dt.date) -> list[Appointment]:
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time.min))
    return list(Appointment.objects.filter(agency=centre, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=7))
                .exclude(status="cancelled").select_related("counsellor", "interpreter").order_by("starts_at"))


@require_GET
@staff_page
def calendar(request: HttpRequest) -> HttpResponse:
    centre = access.current_centre(request.user, request.GET.get("centre"))
    days = room_services.week_of(parse_day(request.GET.get("week")))
    appointments = _week_appointments(centre, days[0])
    audit.record_event(request.user, action="view", target_type="centre.appointment", request=request,
                       detail=f"calendar of agency {centre.pk}, week of {days[0]}")
    columns = [(day, [(a, topic_title(a.topic, "ko"), appointment_services.no_show_count(phone=a.phone, email=a.email))
                      for a in appointments if timezone.localtime(a.starts_at).date() == day]) for day in days]
    return render(request, "centre/staff/calendar.html", {
        "centre": centre, "columns": columns, "monday": days[0], "now": timezone.now(),
        "previous": days[0] - dt.timedelta(days=7), "next": days[0] + dt.timedelta(days=7)})


@require_GET
@staff_page
def calendar_ics(request: HttpRequest) -> HttpResponse:
    centre = access.current_centre(request.user, request.GET.get("centre"))
    monday = room_services.week_of(parse_day(request.GET.get("week")))[0]
    response = HttpResponse(appointments_to_ics(_week_appointments(centre, monday), for_staff=True),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointments-{monday}.ics"'
    return response


@require_POST
@staff_page
def attendance(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = access.access_appointment(request.user, appointment_id)
    appointment_services.do_record_attendance(request.user, appointment=appointment,
                                              attended=request.POST.get("attended") == "yes")
    return redirect(reverse("centre_staff:calendar") + f"?centre={appointment.agency_id}"
                    f"&week={timezone.localtime(appointment.starts_at).date()}")


# --- Counter queue ---------------------------------------------------------------------------------------------

@require_GET
@staff_page
def counter(request: HttpRequest) -> HttpResponse:
    centre = access.current_centre(request.user, request.GET.get("centre"))
    today = timezone.localdate()
    counts = queue_services.waiting_counts(agency_id=centre.pk, day=today)
    active = Ticket.objects.filter(agency=centre, day=today, status__in=[TicketStatus.CALLED, TicketStatus.SERVING])
    return render(request, "centre/staff/counter.html", {
        "centre": centre, "categories": [(value, label, counts[value]) for value, label in QueueCategory.choices],
        "active": active.order_by("-called_at"), "counter": request.GET.get("counter", "1")})


@require_POST
@staff_page
def call_next(request: HttpRequest) -> HttpResponse:
    centre = access.current_centre(request.user, request.POST.get("centre"))
    counter_name = request.POST.get("counter", "1").strip()[:10] or "1"
    ticket = queue_services.do_call_next(request.user, agency=centre, category=request.POST.get("category", ""),
                                         counter=counter_name)
    if ticket is None:
        messages.info(request, _("Nobody is waiting for this service."))
    else:
        messages.success(request, _("Calling %(number)s to counter %(counter)s.")
                         % {"number": ticket.label, "counter": counter_name})
    return redirect(reverse("centre_staff:counter") + f"?centre={centre.pk}&counter={counter_name}")


@require_POST
@staff_page
def move_ticket(request: HttpRequest, ticket_id: int) -> HttpResponse:
    ticket = access.access_ticket(request.user, ticket_id)
    queue_services.do_move_ticket(request.user, ticket=ticket, step=request.POST.get("step", ""))
    return redirect(reverse("centre_staff:counter") + f"?centre={ticket.agency_id}&counter={ticket.counter}")


# --- Rooms -----------------------------------------------------------------------------------------------------

@require_GET
@staff_page
def rooms(request: HttpRequest) -> HttpResponse:
    """The week of one centre's rooms; partner staff see when rooms are taken, but not by whom or for what."""
    centre = access.room_centre(request.user, request.GET.get("centre"))
    own = access.is_centre_staff(request.user, centre)
    days = room_services.week_of(parse_day(request.GET.get("week")))
    grid = room_services.week_bookings(agency_id=centre.pk, monday=days[0])
    room_list = list(Room.objects.filter(agency=centre, is_active=True))
    rows = [(room, [grid.get((room.pk, day), []) for day in days]) for room in room_list]
    pending = RoomBooking.objects.filter(room__agency=centre, status=RoomBookingStatus.PENDING)
    return render(request, "centre/staff/rooms.html", {
        "centre": centre, "days": days, "rows": rows, "rooms": room_list, "own": own,
        "room_centres": access.room_centres(),
        "pending": pending.select_related("room", "group_agency") if own else RoomBooking.objects.none(),
        "previous": days[0] - dt.timedelta(days=7), "next": days[0] + dt.timedelta(days=7)})


@require_POST
@staff_page
def book_room(request: HttpRequest) -> HttpResponse:
    room = get_object_or_404(access.rooms_bookable_by(request.user), pk=request.POST.get("room"))
    starts_at = parse_local_datetime(request.POST.get("starts_at"))
    ends_at = parse_local_datetime(request.POST.get("ends_at"))
    if starts_at is None or ends_at is None:
        raise InvalidInput(fields={"starts_at": _("Enter a start and an end time.")})
    try:
        attendees = int(request.POST.get("attendees") or 1)
    except ValueError:
        raise InvalidInput(fields={"attendees": _("Enter a whole number.")}) from None
    booking = room_services.do_book_room(request.user, room=room, starts_at=starts_at, ends_at=ends_at,
                                         title=request.POST.get("title", ""), attendees=attendees)
    if booking.status == RoomBookingStatus.PENDING:
        messages.success(request, _("Your request was sent. The centre will approve or decline it."))
    else:
        messages.success(request, _("The room is booked."))
    return redirect(reverse("centre_staff:rooms")
                    + f"?centre={room.agency_id}&week={timezone.localtime(starts_at).date()}")


@require_POST
@staff_page
def decide_room(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = access.access_room_booking(request.user, booking_id)
    decision = request.POST.get("decision")
    if decision == "cancel":
        room_services.do_cancel_room_booking(request.user, booking=booking)
    else:
        room_services.do_decide_room_booking(request.user, booking=booking, approve=decision == "approve")
    return redirect(reverse("centre_staff:rooms") + f"?centre={booking.room.agency_id}")


# --- Clinic ----------------------------------------------------------------------------------------------------

@require_GET
@staff_page
def clinic(request: HttpRequest) -> HttpResponse:
    sessions = ClinicSession.objects.filter(agency_id__in=access.clinic_agency_ids(request.user),
                                            date__gte=timezone.localdate() - dt.timedelta(days=7))
    visits = access.visits_visible_to(request.user).select_related("session", "doctor").prefetch_related("referrals")
    audit.record_event(request.user, action="view", target_type="centre.clinicvisit", request=request,
                       detail="clinic visit list")
    return render(request, "centre/staff/clinic.html", {
        "sessions": [(s, [v for v in visits if v.session_id == s.pk]) for s in sessions.prefetch_related("doctors")],
        "doctors": ClinicDoctor.objects.all(), "allowed": bool(access.clinic_agency_ids(request.user))})


@require_POST
@staff_page
def clinic_walk_in(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(ClinicSession, pk=session_id)
    clinic_services.do_book_clinic_visit(request.user, session=session, name=request.POST.get("name", ""),
                                         phone=request.POST.get("phone", ""),
                                         language=request.POST.get("language", ""), walk_in=True)
    return redirect("centre_staff:clinic")


@require_POST
@staff_page
def clinic_visit(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = access.access_clinic_visit(request.user, visit_id)
    doctor_id = request.POST.get("doctor", "")
    doctor = ClinicDoctor.objects.filter(pk=doctor_id).first() if doctor_id.isdigit() else None
    clinic_services.do_record_clinic_visit(request.user, visit=visit, doctor=doctor, note=request.POST.get("note", ""))
    return redirect("centre_staff:clinic")


# --- Library ---------------------------------------------------------------------------------------------------

@require_GET
@staff_page
def library(request: HttpRequest) -> HttpResponse:
    centre = access.current_centre(request.user, request.GET.get("centre"))
    query = request.GET.get("q", "")
    items = library_services.search_catalogue(agency_id=centre.pk, query=query, language=request.GET.get("language"))
    loans = Loan.objects.filter(item__agency=centre, returned_on__isnull=True).select_related("item")
    audit.record_event(request.user, action="view", target_type="centre.loan", request=request,
                       detail=f"open loans of agency {centre.pk}")
    return render(request, "centre/staff/library.html", {
        "centre": centre, "query": query, "items": items[:50], "loans": loans, "today": timezone.localdate(),
        "on_loan": library_services.on_loan_ids(centre.pk)})


@require_POST
@staff_page
def lend(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(LibraryItem, pk=item_id, agency__in=access.centres_of(request.user))
    loan = library_services.do_lend_item(
        request.user, item=item, reader_name=request.POST.get("reader_name", ""),
        reader_phone=request.POST.get("reader_phone", ""), reader_email=request.POST.get("reader_email", ""),
        reader_language=request.POST.get("reader_language", "ko"), today=timezone.localdate())
    messages.success(request, _("Lent until %(due)s.") % {"due": format_date(loan.due_on)})
    return redirect(reverse("centre_staff:library") + f"?centre={item.agency_id}")


@require_POST
@staff_page
def return_item(request: HttpRequest, loan_id: int) -> HttpResponse:
    loan = get_object_or_404(Loan, pk=loan_id, item__agency__in=access.centres_of(request.user))
    library_services.do_return_item(request.user, loan=loan, today=timezone.localdate())
    return redirect(reverse("centre_staff:library") + f"?centre={loan.item.agency_id}")


# --- Availability ----------------------------------------------------------------------------------------------

@require_GET
@staff_page
def availability(request: HttpRequest) -> HttpResponse:
    centre = access.current_centre(request.user, request.GET.get("centre"))
    providers = list(Provider.objects.filter(agency=centre, is_active=True).prefetch_related("rules", "exceptions"))
    today = timezone.localdate()
    coverage = availability_services.language_coverage(providers)
    names = dict(language_choices_local())
    return render(request, "centre/staff/availability.html", {
        "centre": centre, "today": today,
        "providers": [(p, sorted(p.rules.all(), key=lambda r: (r.weekday, r.starts)),
                       [e for e in p.exceptions.all() if e.date >= today]) for p in providers],
        "coverage": [(code, names.get(code, code), who) for code, who in coverage.items()]})


@require_POST
@staff_page
def add_exception(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=provider_id, agency__in=access.centres_of(request.user))
    try:
        day = dt.date.fromisoformat(request.POST.get("date", ""))
        starts = dt.time.fromisoformat(request.POST["starts"]) if request.POST.get("starts") else None
        ends = dt.time.fromisoformat(request.POST["ends"]) if request.POST.get("ends") else None
    except ValueError:
        raise InvalidInput(fields={"date": _("Enter a date and times.")}) from None
    availability_services.do_add_availability_exception(
        request.user, provider=provider, date=day, starts=starts, ends=ends,
        is_available=request.POST.get("is_available") == "yes", note=request.POST.get("note", ""))
    messages.success(request, _("The change to %(name)s's hours is saved.") % {"name": provider.display_name})
    return redirect(reverse("centre_staff:availability") + f"?centre={provider.agency_id}")


@require_POST
@staff_page
def remove_exception(request: HttpRequest, exception_id: int) -> HttpResponse:
    exception = get_object_or_404(AvailabilityException, pk=exception_id,
                                  provider__agency__in=access.centres_of(request.user))
    availability_services.do_remove_availability_exception(request.user, exception=exception)
    return redirect(reverse("centre_staff:availability") + f"?centre={exception.provider.agency_id}")
