"""Room bookings: approvals and the database's refusal of double bookings, also under concurrency."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from ondol.centre.models import RoomBooking, RoomBookingStatus, RoomSlot
from ondol.centre.services.rooms import do_book_room, do_cancel_room_booking, do_decide_room_booking
from ondol.centre.tests.conftest import MONDAY, at
from ondol.centre.tests.factories import RoomFactory
from ondol.core.errors import Conflict, InvalidInput


def test_centre_staff_bookings_are_approved_and_partner_bookings_wait(centre, make_user):
    room = RoomFactory(agency=centre)
    staff = do_book_room(make_user(role="counsellor", agency=centre), room=room, starts_at=at(MONDAY, "10:00"),
                         ends_at=at(MONDAY, "11:00"), title="Korean class")
    partner = do_book_room(make_user(role="partner_staff"), room=room, starts_at=at(MONDAY, "14:00"),
                           ends_at=at(MONDAY, "15:00"), title="Nepali community meeting")
    assert (staff.status, partner.status) == (RoomBookingStatus.APPROVED, RoomBookingStatus.PENDING)
    assert partner.group_agency is not None


def test_an_overlapping_booking_is_refused(centre, make_user):
    room, staff = RoomFactory(agency=centre), make_user(role="counsellor", agency=centre)
    do_book_room(staff, room=room, starts_at=at(MONDAY, "10:00"), ends_at=at(MONDAY, "11:00"), title="Class")
    with pytest.raises(Conflict):
        do_book_room(staff, room=room, starts_at=at(MONDAY, "10:30"), ends_at=at(MONDAY, "12:00"), title="Meeting")
    assert RoomBooking.objects.count() == 1


def test_a_declined_or_cancelled_booking_frees_the_room(centre, make_user):
    room = RoomFactory(agency=centre)
    manager = make_user(role="centre_manager", agency=centre)
    asked = do_book_room(make_user(role="partner_staff"), room=room, starts_at=at(MONDAY, "10:00"),
                         ends_at=at(MONDAY, "11:00"), title="Choir")
    do_decide_room_booking(manager, booking=asked, approve=False)
    mine = do_book_room(manager, room=room, starts_at=at(MONDAY, "10:00"), ends_at=at(MONDAY, "11:00"), title="Class")
    do_cancel_room_booking(manager, booking=mine)
    assert not RoomSlot.objects.exists()


def test_bookings_must_fit_the_room_and_the_half_hour_grid(centre, make_user):
    room = RoomFactory(agency=centre, capacity=4)
    with pytest.raises(InvalidInput) as error:
        do_book_room(make_user(role="counsellor", agency=centre), room=room, starts_at=at(MONDAY, "10:10"),
                     ends_at=at(MONDAY, "11:00"), title="Class", attendees=5)
    assert set(error.value.fields) == {"starts_at", "attendees"}


@pytest.mark.django_db(transaction=True)
def test_two_people_booking_the_same_slot_at_the_same_moment_get_one_booking(make_user):
    from ondol.core.tests.factories import AgencyFactory

    centre = AgencyFactory()
    room = RoomFactory(agency=centre)
    people = [make_user(role="counsellor", agency=centre) for _ in range(4)]
    barrier = threading.Barrier(len(people))
    outcomes: list[str] = []

    def attempt(person: object) -> None:
        try:
            barrier.wait()
            do_book_room(person, room=room, starts_at=at(MONDAY, "10:00"), ends_at=at(MONDAY, "11:00"),
                         title="Same slot")
            outcomes.append("booked")
        except Conflict:
            outcomes.append("refused")
        except Exception as error:  # anything else is a failure, reported by the assertion below
            outcomes.append(f"error: {type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "refused", "refused", "refused"]
    assert RoomBooking.objects.filter(status=RoomBookingStatus.APPROVED).count() == 1
    assert RoomSlot.objects.count() == 2


def test_partner_staff_see_when_a_centres_room_is_taken_but_not_by_whom(client, centre, make_user):
    room = RoomFactory(agency=centre, name="Cooking stage")
    do_book_room(make_user(role="counsellor", agency=centre), room=room, starts_at=at(MONDAY, "10:00"),
                 ends_at=at(MONDAY, "11:00"), title="Confidential support group")
    client.force_login(make_user(role="partner_staff"))
    page = client.get(reverse("centre_staff:rooms"), {"centre": centre.pk, "week": MONDAY.isoformat()})
    html = page.content.decode()
    assert "Cooking stage" in html
    assert "10:00–11:00" in html
    assert "Confidential support group" not in html


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="The exclusion constraint exists on PostgreSQL only; SQLite relies on the slot table.")
def test_on_postgresql_an_overlapping_booking_that_bypasses_the_slot_table_is_refused(centre, make_user):
    room = RoomFactory(agency=centre)
    do_book_room(make_user(role="counsellor", agency=centre), room=room, starts_at=at(MONDAY, "10:00"),
                 ends_at=at(MONDAY, "11:00"), title="Class")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomBooking.objects.create(room=room, starts_at=at(MONDAY, "10:30"), ends_at=at(MONDAY, "12:00"),
                                   title="Sneaked in", status=RoomBookingStatus.PENDING)
    # Touching is not overlapping, and declined or cancelled bookings hold nothing.
    RoomBooking.objects.create(room=room, starts_at=at(MONDAY, "11:00"), ends_at=at(MONDAY, "12:00"), title="Next",
                               status=RoomBookingStatus.APPROVED)
    RoomBooking.objects.create(room=room, starts_at=at(MONDAY, "10:00"), ends_at=at(MONDAY, "11:00"), title="Old",
                               status=RoomBookingStatus.CANCELLED)
    assert RoomBooking.objects.filter(room=room).count() == 3
