"""Booking a visit without an account, the signed link, messages in the resident's language, calendars."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from ondol.centre.models import Appointment, AppointmentStatus, Interpretation, ProviderKind
from ondol.centre.services.appointments import (
    appointment_from_token,
    do_book_appointment,
    do_record_attendance,
    manage_token,
    no_show_count,
    send_due_reminders,
)
from ondol.centre.tests.conftest import MONDAY, at
from ondol.centre.tests.factories import provider_with_hours
from ondol.core.errors import Conflict, InvalidInput


@pytest.fixture
def vietnamese_morning(centre):
    provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="12:00")
    interpreter = provider_with_hours(agency=centre, kind=ProviderKind.INTERPRETER, languages=["vi"], weekday=0,
                                      starts="10:00", ends="12:00")
    interpreter.phone = "010-9000-0001"
    interpreter.save()
    return interpreter


def book(centre, long_ago, **overrides):
    values = {"agency": centre, "topic": "stay-extension", "language": "vi", "starts_at": at(MONDAY, "10:00"),
              "name": "Lan", "phone": "010-2222-3333", "email": "lan@example.org", "now": long_ago}
    values.update(overrides)
    return do_book_appointment(None, **values)


def test_a_resident_booking_in_vietnamese_gets_an_interpreter_and_a_confirmation_in_vietnamese(
        centre, vietnamese_morning, long_ago, django_capture_on_commit_callbacks, empty_sms_outbox):
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(centre, long_ago)
    assert appointment.interpreter == vietnamese_morning
    assert appointment.interpretation == Interpretation.IN_PERSON
    with translation.override("vi"):
        expected = translation.gettext("An interpreter will be with you at the visit.")
    assert expected != "An interpreter will be with you at the visit."
    assert expected in mail.outbox[0].body
    assert "/vi/guide/stay-extension/visit-sheet.pdf" in mail.outbox[0].body
    assert mail.outbox[0].attachments[0][0] == "visit.ics"
    assert [message["to"] for message in empty_sms_outbox] == ["010-2222-3333", "010-9000-0001"]
    token = re.search(r"/vi/centre/appointments/([^/]+)/", empty_sms_outbox[0]["body"]).group(1)
    assert appointment_from_token(token) == appointment


def test_the_second_resident_cannot_take_the_same_counsellor_at_the_same_time(centre, vietnamese_morning, long_ago):
    book(centre, long_ago)
    with pytest.raises(Conflict):
        book(centre, long_ago, name="Hoa")


def test_a_booking_needs_a_topic_from_the_guide_and_a_way_to_reach_the_resident(centre, vietnamese_morning, long_ago):
    with pytest.raises(InvalidInput) as error:
        book(centre, long_ago, topic="no-such-topic", phone="", email="")
    assert set(error.value.fields) == {"topic", "phone"}


def test_the_booking_page_books_a_visit_and_leads_to_its_signed_page(client, centre, vietnamese_morning):
    from ondol.centre.services.slots import free_slots

    # Any seven days hold a Monday, when the fixture's counsellor and interpreter work.
    slot = free_slots(agency_id=centre.pk, language="vi", start_day=timezone.localdate() + dt.timedelta(days=1),
                      days=7)
    response = client.post(reverse("centre:book"), {
        "centre": centre.pk, "topic": "kiip", "language": "vi", "slot": slot[0].starts_at.isoformat(),
        "name": "Lan", "phone": "010-1234-5678"})
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("centre:manage", args=[manage_token(appointment)]))


def test_a_tampered_link_finds_nothing(client, centre, vietnamese_morning, long_ago):
    appointment = book(centre, long_ago)
    response = client.get(reverse("centre:manage", args=[manage_token(appointment) + "x"]))
    assert response.status_code == 404


def test_the_signed_link_cancels_the_visit_and_frees_the_slot(client, centre, vietnamese_morning, long_ago):
    appointment = book(centre, long_ago)
    client.post(reverse("centre:cancel", args=[manage_token(appointment)]))
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert book(centre, long_ago, name="Hoa").status == AppointmentStatus.BOOKED


def test_rescheduling_moves_the_visit_and_sends_a_new_confirmation(
        centre, vietnamese_morning, long_ago, django_capture_on_commit_callbacks):
    from ondol.centre.services.appointments import do_reschedule_appointment

    appointment = book(centre, long_ago)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        do_reschedule_appointment(None, appointment=appointment, starts_at=at(MONDAY, "11:30"), now=long_ago)
    appointment.refresh_from_db()
    assert appointment.starts_at == at(MONDAY, "11:30")
    assert len(mail.outbox) == 1


def test_reminders_go_out_once_a_day_ahead(centre, vietnamese_morning, long_ago):
    book(centre, long_ago)
    assert send_due_reminders(now=at(MONDAY, "08:00") - dt.timedelta(days=2)) == 0
    mail.outbox.clear()
    assert send_due_reminders(now=at(MONDAY, "10:30") - dt.timedelta(days=1)) == 1
    assert send_due_reminders(now=at(MONDAY, "09:00")) == 0
    assert [message.subject.startswith("Nhắc lịch") for message in mail.outbox] == [True]


def test_a_no_show_is_counted_against_the_same_phone_number(centre, vietnamese_morning, long_ago):
    appointment = book(centre, long_ago)
    do_record_attendance(None, appointment=appointment, attended=False, now=at(MONDAY, "10:40"))
    assert no_show_count(phone="010-2222-3333", email="") == 1
    assert no_show_count(phone="010-9999-9999", email="") == 0


def test_attendance_cannot_be_recorded_before_the_visit(centre, vietnamese_morning, long_ago):
    appointment = book(centre, long_ago)
    with pytest.raises(Conflict):
        do_record_attendance(None, appointment=appointment, attended=True, now=at(MONDAY, "09:00"))


def test_the_calendar_file_holds_the_visit_at_its_time(client, centre, vietnamese_morning, long_ago):
    appointment = book(centre, long_ago)
    response = client.get(reverse("centre:visit-ics", args=[manage_token(appointment)]))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == appointment.starts_at


def test_the_staff_calendar_shows_the_week_to_centre_staff_only(client, centre, vietnamese_morning, long_ago,
                                                                 make_user):
    book(centre, long_ago, name="Nguyễn Thị Lan")
    client.force_login(make_user(role="counsellor", agency=centre))
    page = client.get(reverse("centre_staff:calendar"), {"centre": centre.pk, "week": MONDAY.isoformat()})
    assert "Nguyễn Thị Lan" in page.content.decode()
    client.force_login(make_user(role="counsellor"))
    other = client.get(reverse("centre_staff:calendar"), {"centre": centre.pk, "week": MONDAY.isoformat()})
    assert "Nguyễn Thị Lan" not in other.content.decode()


def test_one_phone_number_can_hold_only_three_upcoming_visits(centre, long_ago):
    for weekday in range(7):
        provider_with_hours(agency=centre, languages=["ko", "vi"], weekday=weekday, starts="10:00", ends="12:00")
    for hour in ("10:00", "10:30", "11:00"):
        book(centre, long_ago, starts_at=at(MONDAY, hour))
    with pytest.raises(Conflict) as error:
        book(centre, long_ago, starts_at=at(MONDAY, "11:30"))
    assert error.value.code == "too_many_visits"


def test_the_booking_page_slows_down_one_address_that_books_again_and_again(client, centre, vietnamese_morning):
    from ondol.centre.ratelimit import BOOKINGS_PER_ADDRESS_PER_HOUR

    statuses = [client.post(reverse("centre:book"), {"centre": centre.pk, "topic": "kiip", "slot": "x"},
                            REMOTE_ADDR="203.0.113.9").status_code
                for _ in range(BOOKINGS_PER_ADDRESS_PER_HOUR + 1)]
    assert statuses[-1] == 429
    assert 429 not in statuses[:-1]


def test_a_broken_mail_server_does_not_undo_the_booking_and_the_text_message_still_goes(
        centre, vietnamese_morning, long_ago, django_capture_on_commit_callbacks, empty_sms_outbox):
    from unittest import mock

    with mock.patch("ondol.centre.notify.EmailMessage.send", side_effect=OSError("mail server down")), \
            django_capture_on_commit_callbacks(execute=True):
        appointment = book(centre, long_ago)
    assert Appointment.objects.filter(pk=appointment.pk, status=AppointmentStatus.BOOKED).exists()
    assert [message["to"] for message in empty_sms_outbox] == ["010-2222-3333", "010-9000-0001"]


def test_looking_at_the_staff_calendar_is_written_to_the_audit_log(client, centre, make_user):
    from ondol.core.models import AuditEntry

    client.force_login(make_user(role="counsellor", agency=centre))
    client.get(reverse("centre_staff:calendar"), {"centre": centre.pk})
    assert AuditEntry.objects.filter(action="view", target_type="centre.appointment").exists()


def test_the_interpreter_is_told_in_korean_which_language_and_when(
        centre, vietnamese_morning, long_ago, django_capture_on_commit_callbacks, empty_sms_outbox):
    with django_capture_on_commit_callbacks(execute=True):
        book(centre, long_ago)
    to_interpreter = [m["body"] for m in empty_sms_outbox if m["to"] == "010-9000-0001"]
    assert len(to_interpreter) == 1
    assert "Tiếng Việt" in to_interpreter[0]
    assert "2030년 3월 4일" in to_interpreter[0]


def test_a_booking_without_a_time_shows_the_form_again_with_the_reason_in_the_residents_language(
        client, centre, vietnamese_morning):
    response = client.post("/vi/centre/book/", {"centre": centre.pk, "topic": "kiip", "language": "vi",
                                                "name": "Lan", "phone": "010-1234-5678"})
    assert response.status_code == 422
    assert "Hãy chọn giờ." in response.content.decode()
    assert not Appointment.objects.exists()


def test_the_resident_moves_the_visit_from_the_signed_page(client, centre, long_ago):
    for weekday in range(7):
        provider_with_hours(agency=centre, languages=["ko", "vi"], weekday=weekday, starts="10:00", ends="12:00")
    appointment = book(centre, long_ago, starts_at=at(MONDAY, "10:00"))
    token = manage_token(appointment)
    page = client.get(reverse("centre:manage", args=[token]), {"reschedule": "1"}).content.decode()
    assert 'name="slot"' in page
    tomorrow = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time(11)))
    client.post(reverse("centre:reschedule", args=[token]), {"slot": tomorrow.isoformat()})
    appointment.refresh_from_db()
    assert appointment.starts_at == tomorrow
