from __future__ import annotations

import io

from ondol.centre.models import Appointment, ClinicVisit, LibraryItem, RoomBooking, Ticket


def test_the_demo_loads_a_week_at_the_daejeon_centre_and_can_run_twice(daejeon_regions):
    from ondol.centre.demo import load_demo
    from ondol.core.demo import load_agencies, load_staff

    load_staff(load_agencies())
    load_demo(seed=1, stdout=io.StringIO())
    counts = [Appointment.objects.count(), Ticket.objects.count(), RoomBooking.objects.count(),
              ClinicVisit.objects.count(), LibraryItem.objects.count()]
    load_demo(seed=1, stdout=io.StringIO())
    assert all(counts)
    assert [Appointment.objects.count(), Ticket.objects.count(), RoomBooking.objects.count(),
            ClinicVisit.objects.count(), LibraryItem.objects.count()] == counts
