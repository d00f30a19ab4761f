"""Slot generation from weekly availability, exceptions, languages and interpreters."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from ondol.centre.models import AvailabilityException, Interpretation, ProviderKind, ProviderSource
from ondol.centre.services.appointments import do_book_appointment
from ondol.centre.services.slots import free_slots, grid_starts
from ondol.centre.tests.conftest import MONDAY, at
from ondol.centre.tests.factories import provider_with_hours


def starts(slots: list) -> list[str]:
    return [slot.starts_at.strftime("%H:%M") for slot in slots]


def test_weekly_hours_become_half_hour_slots_on_the_matching_weekday(centre, long_ago):
    provider_with_hours(agency=centre, languages=["ko", "vi"], weekday=0, starts="10:00", ends="12:00")
    slots = free_slots(agency_id=centre.pk, language="vi", start_day=MONDAY, days=2, now=long_ago)
    assert starts(slots) == ["10:00", "10:30", "11:00", "11:30"]
    assert {slot.starts_at.date() for slot in slots} == {MONDAY}


def test_slots_snap_to_the_grid_and_never_run_past_the_window():
    assert grid_starts([(10 * 60 + 10, 11 * 60 + 50)]) == [10 * 60 + 30, 11 * 60]


def test_an_away_day_removes_every_slot_and_an_away_hour_removes_only_that_hour(centre, long_ago):
    counsellor = provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="12:00")
    AvailabilityException.objects.create(provider=counsellor, date=MONDAY, starts=dt.time(10), ends=dt.time(11))
    assert starts(free_slots(agency_id=centre.pk, language="ko", start_day=MONDAY, now=long_ago)) == ["11:00", "11:30"]
    AvailabilityException.objects.create(provider=counsellor, date=MONDAY)
    assert free_slots(agency_id=centre.pk, language="ko", start_day=MONDAY, now=long_ago) == []


def test_an_extra_window_adds_slots_on_a_day_without_rules(centre, long_ago):
    counsellor = provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    AvailabilityException.objects.create(provider=counsellor, date=MONDAY + dt.timedelta(days=2),
                                         starts=dt.time(14), ends=dt.time(15), is_available=True)
    slots = free_slots(agency_id=centre.pk, language="ko", start_day=MONDAY + dt.timedelta(days=2), now=long_ago)
    assert starts(slots) == ["14:00", "14:30"]


def test_no_slot_is_offered_in_a_language_nobody_covers(centre, long_ago):
    provider_with_hours(agency=centre, languages=["ko", "en"], weekday=0, starts="10:00", ends="12:00")
    assert free_slots(agency_id=centre.pk, language="ne", start_day=MONDAY, now=long_ago) == []


def test_an_interpreter_is_paired_only_within_their_own_hours(centre, long_ago):
    provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="12:00")
    interpreter = provider_with_hours(agency=centre, kind=ProviderKind.INTERPRETER, languages=["ne"], weekday=0,
                                      starts="11:00", ends="13:00")
    slots = free_slots(agency_id=centre.pk, language="ne", start_day=MONDAY, now=long_ago)
    assert starts(slots) == ["11:00", "11:30"]
    assert {(slot.interpreter_id, slot.interpretation) for slot in slots} == {
        (interpreter.pk, Interpretation.IN_PERSON)}


def test_a_counsellor_who_speaks_the_language_is_preferred_over_an_interpreter(centre, long_ago):
    provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    speaker = provider_with_hours(agency=centre, languages=["ko", "vi"], weekday=0, starts="10:00", ends="11:00")
    provider_with_hours(agency=centre, kind=ProviderKind.INTERPRETER, languages=["vi"], weekday=0,
                        starts="10:00", ends="11:00")
    slots = free_slots(agency_id=centre.pk, language="vi", start_day=MONDAY, now=long_ago)
    assert {(slot.counsellor_id, slot.interpreter_id) for slot in slots} == {(speaker.pk, None)}


def test_the_phone_line_fills_in_when_the_interpreter_in_person_is_booked(centre, long_ago):
    provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="10:30", name="Kim")
    provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="10:30", name="Lee")
    in_person = provider_with_hours(agency=centre, kind=ProviderKind.INTERPRETER, languages=["ne"], weekday=0,
                                    starts="10:00", ends="10:30")
    line = provider_with_hours(agency=centre, kind=ProviderKind.INTERPRETER, languages=["ne", "vi"], weekday=0,
                               starts="09:00", ends="18:00", source=ProviderSource.PHONE_LINE)
    first = do_book_appointment(None, agency=centre, topic="kiip", language="ne", starts_at=at(MONDAY, "10:00"),
                                name="Sita", phone="010-1111-2222", now=long_ago)
    assert first.interpreter == in_person
    second_offer = free_slots(agency_id=centre.pk, language="ne", start_day=MONDAY, now=long_ago)
    assert [(slot.interpreter_id, slot.interpretation) for slot in second_offer] == [
        (line.pk, Interpretation.PHONE)]


def test_a_booked_counsellor_is_not_offered_again_at_the_same_time(centre, long_ago):
    provider_with_hours(agency=centre, languages=["ko", "en"], weekday=0, starts="10:00", ends="11:00")
    do_book_appointment(None, agency=centre, topic="kiip", language="en", starts_at=at(MONDAY, "10:00"),
                        name="Ann", email="ann@example.org", now=long_ago)
    assert starts(free_slots(agency_id=centre.pk, language="en", start_day=MONDAY, now=long_ago)) == ["10:30"]


def test_slots_that_have_already_begun_are_not_offered(centre):
    provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="12:00")
    slots = free_slots(agency_id=centre.pk, language="ko", start_day=MONDAY, now=at(MONDAY, "10:45"))
    assert starts(slots) == ["11:00", "11:30"]


def test_a_manager_marks_a_counsellor_away_from_the_staff_page_and_the_slots_disappear(
        client, centre, long_ago, make_user):
    counsellor = provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    client.force_login(make_user(role="centre_manager", agency=centre))
    client.post(reverse("centre_staff:add-exception", args=[counsellor.pk]),
                {"date": MONDAY.isoformat(), "is_available": "no", "note": "training"})
    assert free_slots(agency_id=centre.pk, language="ko", start_day=MONDAY, now=long_ago) == []


def test_a_counsellor_of_another_centre_cannot_change_someone_elses_hours(client, centre, make_user):
    counsellor = provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    client.force_login(make_user(role="centre_manager"))
    response = client.post(reverse("centre_staff:add-exception", args=[counsellor.pk]),
                           {"date": MONDAY.isoformat(), "is_available": "no"})
    assert response.status_code == 404
    assert not AvailabilityException.objects.exists()
