"""Limits on anonymous bookings, so that nobody can empty a centre's calendar with made-up names."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import ngettext

from ondol.centre.models import Appointment, AppointmentStatus
from ondol.core.errors import Conflict
from ondol.core.limits import check_address_rate

BOOKINGS_PER_ADDRESS_PER_HOUR = 10
FUTURE_VISITS_PER_CONTACT = 3


def check_booking_rate(request: HttpRequest) -> None:
    """At most a few bookings an hour from one network address (the kiosk of a centre included)."""
    check_address_rate(request, scope="centre-bookings", limit=BOOKINGS_PER_ADDRESS_PER_HOUR)


def check_contact_quota(*, phone: str, email: str, now: object) -> None:
    """One person may hold only a few upcoming visits at a time."""
    from django.db.models import Q

    match = Q(pk__in=[])
    if phone.strip():
        match |= Q(phone=phone.strip())
    if email.strip():
        match |= Q(email__iexact=email.strip())
    upcoming = Appointment.objects.filter(match, status=AppointmentStatus.BOOKED, starts_at__gt=now).count()
    if upcoming >= FUTURE_VISITS_PER_CONTACT:
        message = ngettext("You already have %(count)s visit booked. Please cancel it before booking another.",
                           "You already have %(count)s visits booked. Please cancel one before booking another.",
                           upcoming) % {"count": upcoming}
        raise Conflict(message, code="too_many_visits")
