"""Tables of the centre: appointments, the counter queue, rooms, the free clinic and the library."""

from ondol.centre.models.appointments import (
    Appointment,
    AppointmentStatus,
    AvailabilityException,
    AvailabilityRule,
    Interpretation,
    Provider,
    ProviderKind,
    ProviderSource,
)
from ondol.centre.models.clinic import ClinicDoctor, ClinicReferral, ClinicSession, ClinicStaff, ClinicVisit
from ondol.centre.models.library import LibraryItem, Loan
from ondol.centre.models.queue import QueueCategory, Ticket, TicketStatus
from ondol.centre.models.rooms import Room, RoomBooking, RoomBookingStatus, RoomSlot

__all__ = [
    "Appointment", "AppointmentStatus", "AvailabilityException", "AvailabilityRule", "ClinicDoctor",
    "ClinicReferral", "ClinicSession", "ClinicStaff", "ClinicVisit", "Interpretation", "LibraryItem", "Loan",
    "Provider", "ProviderKind", "ProviderSource", "QueueCategory", "Room", "RoomBooking", "RoomBookingStatus",
    "RoomSlot", "Ticket", "TicketStatus",
]
