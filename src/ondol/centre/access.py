"""The only ways to fetch centre records for a staff user."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ondol.accounts.access import agency_ids_of, has_role, require_staff
from ondol.centre.models import Appointment, ClinicStaff, ClinicVisit, Room, RoomBooking, Ticket
from ondol.core import audit
from ondol.core.errors import NotFound, PermissionDenied
from ondol.core.models import Agency


def centres_of(user: Any) -> QuerySet[Agency]:
    """The agencies whose centre pages this user may run (all active ones for a superuser)."""
    require_staff(user)
    if getattr(user, "is_superuser", False):
        return Agency.objects.filter(is_active=True)
    return Agency.objects.filter(pk__in=agency_ids_of(user))


def current_centre(user: Any, agency_id: int | str | None) -> Agency:
    centres = centres_of(user)
    centre = centres.filter(pk=agency_id).first() if agency_id else None
    centre = centre or centres.filter(centre_providers__isnull=False).distinct().first() or centres.first()
    if centre is None:
        raise PermissionDenied()
    return centre


def access_appointment(user: Any, appointment_id: int) -> Appointment:
    appointment = Appointment.objects.filter(pk=appointment_id, agency__in=centres_of(user)).first()
    if appointment is None:
        raise NotFound(_("We could not find what you asked for."))
    audit.record_view(user, appointment)
    return appointment


def access_ticket(user: Any, ticket_id: int) -> Ticket:
    ticket = Ticket.objects.filter(pk=ticket_id, agency__in=centres_of(user)).first()
    if ticket is None:
        raise NotFound(_("We could not find this ticket."))
    return ticket


def manages_centre(user: Any, agency: Agency) -> bool:
    """A manager of this centre (or an admin): may change its hours and anyone's availability there."""
    return bool(getattr(user, "is_superuser", False)) or has_role(user, "centre_manager", "admin", agency=agency)


def is_centre_staff(user: Any, agency: Agency) -> bool:
    return agency.pk in agency_ids_of(user) or bool(getattr(user, "is_superuser", False))


def room_centres() -> QuerySet[Agency]:
    return Agency.objects.filter(centre_rooms__is_active=True, is_active=True).distinct()


def room_centre(user: Any, agency_id: int | str | None) -> Agency:
    """The centre whose rooms to show: the one asked for, else the user's own, else the first with rooms."""
    require_staff(user)
    centres = room_centres()
    chosen = centres.filter(pk=agency_id).first() if agency_id and str(agency_id).isdigit() else None
    return chosen or centres.filter(pk__in=agency_ids_of(user)).first() or centres.first() or current_centre(user, None)


def rooms_bookable_by(user: Any) -> QuerySet[Room]:
    """Staff see their own centre's rooms; partner staff may ask for any active room."""
    require_staff(user)
    return Room.objects.filter(is_active=True).select_related("agency")


def access_room_booking(user: Any, booking_id: int) -> RoomBooking:
    mine = agency_ids_of(user)
    booking = RoomBooking.objects.select_related("room__agency").filter(pk=booking_id).first()
    if booking is None or not (booking.room.agency_id in mine or booking.booked_by_id == user.pk
                               or getattr(user, "is_superuser", False)):
        raise NotFound(_("We could not find what you asked for."))
    return booking


def clinic_agency_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(ClinicStaff.objects.filter(user=user).values_list("agency_id", flat=True))


def visits_visible_to(user: Any) -> QuerySet[ClinicVisit]:
    """Clinic visits, for clinic staff of that centre only: a counsellor of the same centre sees none."""
    return ClinicVisit.objects.filter(session__agency_id__in=clinic_agency_ids(user))


def access_clinic_visit(user: Any, visit_id: int) -> ClinicVisit:
    visit = visits_visible_to(user).select_related("session").filter(pk=visit_id).first()
    if visit is None:
        raise NotFound(_("We could not find what you asked for."))
    audit.record_view(user, visit)
    return visit
