"""JSON API of the centre: free slots and booking, the queue board (public); counter, rooms, clinic referrals (staff)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from ondol.api import staff_auth
from ondol.cases.access import access_client_by_id
from ondol.centre import access
from ondol.centre.messages import manage_url
from ondol.centre.models import Ticket
from ondol.centre.ratelimit import check_booking_rate
from ondol.centre.services import appointments as appointment_services
from ondol.centre.services import queue as queue_services
from ondol.centre.services import rooms as room_services
from ondol.centre.services.clinic_referrals import Patient, do_refer_clinic_visit, public_health_centres
from ondol.centre.services.slots import free_slots
from ondol.core.models import Agency

router = Router(tags=["centre"])


class SlotOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    interpretation: str


class AppointmentIn(Schema):
    agency_id: int
    topic: str
    language: str
    starts_at: dt.datetime
    name: str = Field(max_length=80)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    note: str = Field("", max_length=500)


class AppointmentOut(Schema):
    starts_at: dt.datetime
    interpretation: str
    status: str
    manage_url: str


class TicketOut(Schema):
    id: int
    label: str
    category: str
    language: str
    status: str
    counter: str


class CallNextIn(Schema):
    category: str
    counter: str = Field("1", max_length=10)


class RoomBookingIn(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str = Field(max_length=120)
    attendees: int = Field(1, ge=1)


class RoomBookingOut(Schema):
    id: int
    room_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str
    status: str


class ClinicReferralIn(Schema):
    target: str
    note: str = Field("", max_length=300)
    to_agency_id: int | None = None
    client_id: int | None = None
    name_latin: str = Field("", max_length=120)
    name_hangul: str = Field("", max_length=120)
    name_native: str = Field("", max_length=120)
    birth_date: dt.date | None = None
    nationality: str = Field("", max_length=2)
    duplicates_checked: bool = False
    consent_to_consultation: bool = False
    consent_to_referral: bool = False


class ClinicReferralOut(Schema):
    id: int
    visit_id: int
    target: str
    to_agency_id: int | None
    client_id: int | None
    case_id: int | None
    referral_id: int | None


def _ticket_out(ticket: Ticket) -> TicketOut:
    return TicketOut(id=ticket.pk, label=ticket.label, category=ticket.category, language=ticket.language,
                     status=ticket.status, counter=ticket.counter)


@router.get("/agencies/{agency_id}/slots", response=list[SlotOut])
def list_slots(request: HttpRequest, agency_id: int, language: str, start_day: dt.date | None = None,
               days: int = 7) -> list[SlotOut]:
    """Free visit times in a language (up to four weeks), with the kind of interpretation each would use."""
    agency = get_object_or_404(Agency, pk=agency_id, is_active=True)
    slots = free_slots(agency_id=agency.pk, language=language, start_day=start_day or timezone.localdate(),
                       days=max(1, min(days, 28)))
    return [SlotOut(starts_at=s.starts_at, ends_at=s.ends_at, interpretation=s.interpretation) for s in slots]


@router.post("/appointments", response={201: AppointmentOut})
def book_appointment(request: HttpRequest, payload: AppointmentIn) -> Status:
    check_booking_rate(request)
    agency = get_object_or_404(Agency, pk=payload.agency_id, is_active=True)
    appointment = appointment_services.do_book_appointment(
        request.user, agency=agency, topic=payload.topic, language=payload.language, starts_at=payload.starts_at,
        name=payload.name, phone=payload.phone, email=payload.email, note=payload.note)
    return Status(201, AppointmentOut(starts_at=appointment.starts_at, interpretation=appointment.interpretation,
                                      status=appointment.status, manage_url=manage_url(appointment)))


@router.get("/agencies/{agency_id}/queue/board", response=list[TicketOut])
def queue_board(request: HttpRequest, agency_id: int) -> list[TicketOut]:
    """The numbers being called now, newest first (what the waiting-room screen shows)."""
    agency = get_object_or_404(Agency, pk=agency_id)
    return [_ticket_out(t) for t in queue_services.board(agency_id=agency.pk, day=timezone.localdate())]


@router.post("/agencies/{agency_id}/queue/call-next", response={200: TicketOut, 204: None}, auth=staff_auth)
def call_next(request: HttpRequest, agency_id: int, payload: CallNextIn) -> TicketOut | Status:
    centre = get_object_or_404(access.centres_of(request.user), pk=agency_id)
    ticket = queue_services.do_call_next(request.user, agency=centre, category=payload.category,
                                         counter=payload.counter)
    return Status(204, None) if ticket is None else _ticket_out(ticket)


@router.post("/rooms/{room_id}/bookings", response={201: RoomBookingOut}, auth=staff_auth)
def book_room(request: HttpRequest, room_id: int, payload: RoomBookingIn) -> Status:
    room = get_object_or_404(access.rooms_bookable_by(request.user), pk=room_id)
    return Status(201, room_services.do_book_room(request.user, room=room, starts_at=payload.starts_at,
                                                  ends_at=payload.ends_at, title=payload.title,
                                                  attendees=payload.attendees))


@router.post("/clinic/visits/{visit_id}/referrals", response={201: ClinicReferralOut}, auth=staff_auth)
def refer_clinic_visit(request: HttpRequest, visit_id: int, payload: ClinicReferralIn) -> Status:
    """Refer a clinic patient through the cases module (409 `possible_duplicates` or `consent_missing` as on the page)."""
    visit = access.access_clinic_visit(request.user, visit_id)
    client = access_client_by_id(request.user, payload.client_id, request=request) if payload.client_id else None
    to_agency = (public_health_centres(visit.session.agency).filter(pk=payload.to_agency_id).first()
                 if payload.to_agency_id else None)
    names = (payload.name_latin, payload.name_hangul, payload.name_native)
    patient = Patient(name_latin=payload.name_latin, name_hangul=payload.name_hangul, name_native=payload.name_native,
                      birth_date=payload.birth_date, nationality=payload.nationality) if any(names) else None
    referral = do_refer_clinic_visit(
        request.user, visit=visit, target=payload.target, note=payload.note, to_agency=to_agency, client=client,
        patient=patient, duplicates_checked=payload.duplicates_checked,
        consent_to_consultation=payload.consent_to_consultation, consent_to_referral=payload.consent_to_referral)
    return Status(201, ClinicReferralOut(
        id=referral.pk, visit_id=visit.pk, target=referral.target, to_agency_id=referral.to_agency_id,
        client_id=referral.case.client_id if referral.case else None, case_id=referral.case_id,
        referral_id=referral.case_referral_id))
