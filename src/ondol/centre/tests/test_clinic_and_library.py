"""The free clinic's access rule; the library's due dates, loans, reminders and search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from ondol.centre.models import ClinicSession, ClinicStaff, LibraryItem
from ondol.centre.services.clinic import do_book_clinic_visit
from ondol.centre.services.library import (
    do_lend_item,
    do_return_item,
    due_date,
    open_weekdays,
    search_catalogue,
    send_loan_reminders,
)
from ondol.centre.tests.factories import library_item
from ondol.core.errors import Conflict, PermissionDenied

TUE_TO_SAT = {1, 2, 3, 4, 5}


@pytest.fixture
def evening(centre):
    return ClinicSession.objects.create(agency=centre, date=dt.date(2030, 3, 6), starts=dt.time(19),
                                        ends=dt.time(21), capacity=1)


def test_only_clinic_staff_see_clinic_visits_not_other_staff_of_the_centre(client, centre, evening, make_user):
    do_book_clinic_visit(None, session=evening, name="Bishnu", phone="", language="ne")
    nurse, counsellor = make_user(role="counsellor", agency=centre), make_user(role="counsellor", agency=centre)
    ClinicStaff.objects.create(agency=centre, user=nurse)
    client.force_login(nurse)
    assert "Bishnu" in client.get(reverse("centre_staff:clinic")).content.decode()
    client.force_login(counsellor)
    assert "Bishnu" not in client.get(reverse("centre_staff:clinic")).content.decode()


def test_a_resident_who_books_the_clinic_gets_a_text_in_their_language(
        centre, evening, django_capture_on_commit_callbacks, empty_sms_outbox):
    with django_capture_on_commit_callbacks(execute=True):
        do_book_clinic_visit(None, session=evening, name="Lan", phone="010-3333-4444", language="vi")
    assert empty_sms_outbox[0]["to"] == "010-3333-4444"
    assert "phòng khám miễn phí" in empty_sms_outbox[0]["body"]


def test_a_full_evening_refuses_bookings_but_clinic_staff_can_add_walk_ins(centre, evening, make_user):
    do_book_clinic_visit(None, session=evening, name="A", phone="", language="vi")
    with pytest.raises(Conflict):
        do_book_clinic_visit(None, session=evening, name="B", phone="", language="vi")
    nurse = make_user(role="counsellor", agency=centre)
    with pytest.raises(PermissionDenied):
        do_book_clinic_visit(nurse, session=evening, name="C", phone="", language="vi", walk_in=True)
    ClinicStaff.objects.create(agency=centre, user=nurse)
    assert do_book_clinic_visit(nurse, session=evening, name="C", phone="", language="vi", walk_in=True).pk


def test_a_loan_is_due_in_two_weeks():
    assert due_date(dt.date(2030, 3, 5), open_days=TUE_TO_SAT) == dt.date(2030, 3, 19)


def test_a_due_date_on_a_closed_day_moves_to_the_next_open_day():
    # Lent on a Sunday: fourteen days later is a Sunday again, and the centre is closed Sunday and Monday.
    assert due_date(dt.date(2030, 3, 3), open_days=TUE_TO_SAT) == dt.date(2030, 3, 19)
    assert due_date(dt.date(2030, 3, 5), open_days=TUE_TO_SAT,
                    closed_dates=frozenset({dt.date(2030, 3, 19)})) == dt.date(2030, 3, 20)


def test_open_days_come_from_the_centres_opening_hours(centre):
    assert open_weekdays(centre.opening_hours) == {0, 1, 2, 3, 4, 5}


def test_an_item_on_loan_cannot_be_lent_twice_until_it_is_returned(centre):
    item = library_item(agency=centre, title="Truyện Kiều", language="vi")
    loan = do_lend_item(None, item=item, reader_name="Lan", today=dt.date(2030, 3, 4))
    with pytest.raises(Conflict):
        do_lend_item(None, item=item, reader_name="Hoa", today=dt.date(2030, 3, 4))
    do_return_item(None, loan=loan, today=dt.date(2030, 3, 10))
    assert do_lend_item(None, item=item, reader_name="Hoa", today=dt.date(2030, 3, 10)).pk


def test_readers_are_reminded_once_in_their_own_language_before_the_due_date(centre):
    item = library_item(agency=centre, title="Muna Madan", language="ne")
    do_lend_item(None, item=item, reader_name="Sita", reader_email="sita@example.org", reader_language="vi",
                 today=dt.date(2030, 3, 4))
    assert send_loan_reminders(today=dt.date(2030, 3, 10)) == 0
    assert send_loan_reminders(today=dt.date(2030, 3, 16)) == 1
    assert send_loan_reminders(today=dt.date(2030, 3, 17)) == 0
    assert "Muna Madan" in mail.outbox[0].body
    assert "Please return" not in mail.outbox[0].body


def test_search_finds_titles_without_accents_and_in_the_readers_language(centre):
    library_item(agency=centre, title="Tiếng Việt cho trẻ em", language="vi")
    library_item(agency=centre, title="Tiếng Anh", language="en")
    library_item(agency=centre, title="小王子", language="zh-hans")
    assert [i.title for i in search_catalogue(agency_id=centre.pk, query="tieng viet", language="vi")] == [
        "Tiếng Việt cho trẻ em"]
    assert [i.title for i in search_catalogue(agency_id=centre.pk, query="王子", language="zh-hans")] == ["小王子"]
    assert search_catalogue(agency_id=centre.pk, query="", language="en").count() == 1
    assert LibraryItem.objects.count() == 3


def test_the_hourly_reminder_command_reminds_a_reader_whose_book_is_due_tomorrow(centre, empty_sms_outbox):
    import io

    from django.core.management import call_command
    from django.utils import timezone

    item = library_item(agency=centre, title="小王子", language="zh-hans")
    loan = do_lend_item(None, item=item, reader_name="Wang", reader_phone="010-7000-0000", reader_language="zh-hans",
                        today=timezone.localdate() - dt.timedelta(days=13))
    out = io.StringIO()
    call_command("centre_reminders", stdout=out)
    assert "Library reminders sent: 1." in out.getvalue()
    assert empty_sms_outbox[0]["to"] == loan.reader_phone
    assert "请在" in empty_sms_outbox[0]["body"]
