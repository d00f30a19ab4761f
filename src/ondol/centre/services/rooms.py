"""Room bookings: staff book directly, partner groups ask for approval; the slot table forbids overlaps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.accounts.access import agency_ids_of, has_role
from ondol.centre.models import Room, RoomBooking, RoomBookingStatus, RoomSlot
from ondol.centre.models.rooms import HOLDING_STATUSES, ROOM_SLOT_MINUTES
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, PermissionDenied
from ondol.core.limits import retry_when_locked
from ondol.core.models import Agency


def slot_starts(starts_at: dt.datetime, ends_at: dt.datetime) -> list[dt.datetime]:
    step = dt.timedelta(minutes=ROOM_SLOT_MINUTES)
    starts, current = [], starts_at
    while current < ends_at:
        starts.append(current)
        current += step
    return starts


def _validate(room: Room, starts_at: dt.datetime, ends_at: dt.datetime, attendees: int, title: str) -> None:
    fields: dict[str, Any] = {}
    if ends_at <= starts_at:
        fields["ends_at"] = _("The end must be after the start.")
    for value, name in ((starts_at, "starts_at"), (ends_at, "ends_at")):
        local = timezone.localtime(value)
        if local.minute % ROOM_SLOT_MINUTES or local.second or local.microsecond:
            fields[name] = _("Bookings start and end on the hour or the half hour.")
    if attendees > room.capacity:
        fields["attendees"] = _("This room holds at most %(capacity)s people.") % {"capacity": room.capacity}
    if not title.strip():
        fields["title"] = _("Say what the room is for.")
    if fields:
        raise InvalidInput(fields=fields)


def do_book_room(actor: Any, *, room: Room, starts_at: dt.datetime, ends_at: dt.datetime, title: str,
                 attendees: int = 1) -> RoomBooking:
    """Book a room; the centre's own staff are approved at once, partner groups wait for a manager."""
    _validate(room, starts_at, ends_at, attendees, title)
    own_staff = room.agency_id in agency_ids_of(actor) or getattr(actor, "is_superuser", False)
    partner_agencies = agency_ids_of(actor) - {room.agency_id}
    if not own_staff and not partner_agencies:
        raise PermissionDenied()
    return retry_when_locked(lambda: _insert_booking(
        actor, room=room, starts_at=starts_at, ends_at=ends_at, title=title, attendees=attendees,
        own_staff=own_staff, partner_agencies=partner_agencies))


def _insert_booking(actor: Any, *, room: Room, starts_at: dt.datetime, ends_at: dt.datetime, title: str,
                    attendees: int, own_staff: bool, partner_agencies: set[int]) -> RoomBooking:
    try:
        with transaction.atomic():
            booking = RoomBooking.objects.create(
                room=room, starts_at=starts_at, ends_at=ends_at, title=title.strip(), attendees=attendees,
                booked_by=actor,
                group_agency=None if own_staff else Agency.objects.get(pk=min(partner_agencies)),
                status=RoomBookingStatus.APPROVED if own_staff else RoomBookingStatus.PENDING,
            )
            RoomSlot.objects.bulk_create(
                [RoomSlot(room=room, starts_at=start, booking=booking) for start in slot_starts(starts_at, ends_at)])
            audit.record_change(actor, booking, action="booked")
    except IntegrityError:
        raise Conflict(_("%(room)s is already booked at that time. Please choose another time or room.")
                       % {"room": room.name}, code="room_taken") from None
    return booking


def _release(booking: RoomBooking) -> None:
    RoomSlot.objects.filter(booking=booking).delete()


@transaction.atomic
def do_decide_room_booking(actor: Any, *, booking: RoomBooking, approve: bool) -> RoomBooking:
    if not has_role(actor, "centre_manager", "admin", agency=booking.room.agency):
        raise PermissionDenied()
    if booking.status != RoomBookingStatus.PENDING:
        raise Conflict(_("This booking has already been decided."), code="decided")
    booking.status = RoomBookingStatus.APPROVED if approve else RoomBookingStatus.REJECTED
    booking.decided_by = actor
    booking.save(update_fields=["status", "decided_by"])
    if not approve:
        _release(booking)
    audit.record_change(actor, booking, action=booking.status)
    return booking


@transaction.atomic
def do_cancel_room_booking(actor: Any, *, booking: RoomBooking) -> RoomBooking:
    mine = booking.booked_by_id == getattr(actor, "pk", None)
    if not mine and not has_role(actor, "centre_manager", "admin", agency=booking.room.agency):
        raise PermissionDenied()
    if booking.status not in HOLDING_STATUSES:
        raise Conflict(_("This booking has already been decided."), code="decided")
    booking.status = RoomBookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    _release(booking)
    audit.record_change(actor, booking, action="cancelled")
    return booking


def week_of(day: dt.date) -> list[dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=offset) for offset in range(7)]


def week_bookings(*, agency_id: int, monday: dt.date) -> dict[tuple[int, dt.date], list[RoomBooking]]:
    """Holding bookings per (room, day) for the weekly view."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time.min, tzinfo=zone)
    grid: dict[tuple[int, dt.date], list[RoomBooking]] = {}
    for booking in (RoomBooking.objects.filter(room__agency_id=agency_id, status__in=HOLDING_STATUSES,
                                               starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=7))
                    .select_related("group_agency").order_by("starts_at")):
        grid.setdefault((booking.room_id, timezone.localtime(booking.starts_at).date()), []).append(booking)
    return grid
