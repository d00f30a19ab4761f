"""End to end in Chromium: booking in Nepali with an interpreter, a number called on the screen, a room refused."""

from __future__ import annotations

from typing import Any

import pytest

from ondol.centre.models import Appointment, Interpretation, ProviderKind, RoomBooking
from ondol.centre.services.queue import do_call_next, do_issue_ticket
from ondol.centre.tests.factories import RoomFactory, provider_with_hours

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_books_a_visit_in_nepali_and_gets_an_interpreter(live_server: Any, page: Any, centre: Any) -> None:
    for weekday in range(7):
        provider_with_hours(agency=centre, languages=["ko", "en"], weekday=weekday, starts="09:00", ends="18:00",
                            name=f"김상담 {weekday}")
        provider_with_hours(agency=centre, kind=ProviderKind.INTERPRETER, languages=["ne"], weekday=weekday,
                            starts="09:00", ends="18:00", name=f"Rama {weekday}")

    page.goto(f"{live_server.url}/ne/centre/book/?centre={centre.pk}")
    page.get_by_label("तपाईंको भेट केका बारेमा हो?").select_option("labor-rights")
    assert page.get_by_label("तपाईंको भाषा").input_value() == "ne"
    page.get_by_role("button", name="खाली समय देखाउनुहोस्").click()
    page.locator("input[name=slot]").first.check()
    page.get_by_label("तपाईंको नाम").fill("Sita Gurung")
    page.get_by_label("मोबाइल फोन (सन्देशका लागि)").fill("010-5555-6666")
    page.get_by_role("button", name="यो भेट बुक गर्नुहोस्").click()

    assert "भेटमा एक जना दोभासे तपाईंसँग हुनुहुनेछ।" in page.locator(".interpreter").inner_text()
    appointment = Appointment.objects.get(name="Sita Gurung")
    assert appointment.language == "ne"
    assert appointment.interpretation == Interpretation.IN_PERSON
    assert "ne" in appointment.interpreter.languages


def test_a_ticket_called_at_the_counter_appears_on_the_waiting_room_display(
        live_server: Any, page: Any, centre: Any) -> None:
    page.goto(f"{live_server.url}/ko/centre/queue/{centre.pk}/display/")
    page.get_by_text("아직 호출된 번호가 없습니다.").wait_for()

    ticket = do_issue_ticket(None, agency=centre, category="stay", language="vi")
    do_call_next(None, agency=centre, category="stay", counter="2")

    row = page.locator(f'[data-ticket="{ticket.label}"]')
    row.wait_for(timeout=10_000)  # the board refreshes every 3 seconds
    assert "비자·체류" in row.inner_text()
    assert "Thị thực và lưu trú" in row.inner_text()


def test_a_second_booking_of_the_same_room_slot_is_refused(live_server: Any, page: Any, centre: Any,
                                                           make_user: Any) -> None:
    room = RoomFactory(agency=centre, name="Lecture room")
    make_user(role="centre_manager", agency=centre, username="roomkeeper")

    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/staff/centre/rooms/%3Fcentre%3D{centre.pk}")
    page.get_by_label("Username").fill("roomkeeper")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()

    for title in ("Korean class", "Choir practice"):
        page.goto(f"{live_server.url}/en/staff/centre/rooms/?centre={centre.pk}")
        form = page.locator("#book-room")
        form.get_by_label("Room").select_option(str(room.pk))
        form.get_by_label("Starts").fill("2030-03-04T10:00")
        form.get_by_label("Ends").fill("2030-03-04T11:00")
        form.get_by_label("Purpose").fill(title)
        form.get_by_role("button", name="Book the room").click()

    assert "Lecture room is already booked at that time." in page.locator("main").inner_text()
    assert list(RoomBooking.objects.values_list("title", flat=True)) == ["Korean class"]
