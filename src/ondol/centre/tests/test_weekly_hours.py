"""A centre manager edits weekly hours on a staff page: opening before closing, no overlaps, managers only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ondol.centre.models import AvailabilityRule
from ondol.centre.services.weekly_hours import Window, check_windows, do_set_weekly_rules
from ondol.centre.tests.factories import provider_with_hours
from ondol.core.errors import InvalidInput, PermissionDenied
from ondol.core.models import AuditEntry
from ondol.core.tests.factories import AgencyFactory


def window(weekday: int, starts: str, ends: str, **validity: dt.date) -> Window:
    return Window(weekday=weekday, starts=dt.time.fromisoformat(starts), ends=dt.time.fromisoformat(ends), **validity)


def rows(*lines: tuple[str, str, str], form: str, centre) -> dict[str, str]:
    data = {"centre": str(centre.pk), "form": form, "rows": str(len(lines))}
    for index, (weekday, starts, ends) in enumerate(lines):
        data |= {f"weekday-{index}": weekday, f"starts-{index}": starts, f"ends-{index}": ends}
    return data


@pytest.fixture
def manager(centre, make_user):
    return make_user(role="centre_manager", agency=centre)


def test_windows_must_open_before_they_close_and_not_overlap_on_one_day():
    errors = check_windows([window(0, "09:00", "12:00"), window(0, "11:00", "13:00"), window(1, "14:00", "10:00"),
                            window(0, "12:00", "18:00")])
    assert set(errors) == {"row-1", "row-2", "row-3"}
    assert check_windows([window(0, "09:00", "12:00"), window(0, "12:00", "18:00"), window(1, "09:00", "12:00")]) == {}


def test_windows_in_periods_that_never_meet_may_share_hours():
    spring = window(2, "09:00", "12:00", valid_until=dt.date(2030, 5, 31))
    summer = window(2, "10:00", "13:00", valid_from=dt.date(2030, 6, 1))
    assert check_windows([spring, summer]) == {}
    assert set(check_windows([spring, window(2, "10:00", "13:00", valid_from=dt.date(2030, 5, 1))])) == {"row-1"}


def test_a_manager_replaces_a_counsellors_weekly_rules(centre, manager):
    provider = provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    do_set_weekly_rules(manager, provider=provider, windows=[window(1, "09:00", "12:00"), window(3, "13:00", "17:00")])
    assert list(AvailabilityRule.objects.order_by("weekday").values_list("weekday", "starts")) == [
        (1, dt.time(9)), (3, dt.time(13))]
    assert AuditEntry.objects.filter(action="weekly_hours", target_type="centre.provider").exists()


def test_a_counsellor_cannot_change_weekly_hours(centre, make_user):
    provider = provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    with pytest.raises(PermissionDenied):
        do_set_weekly_rules(make_user(role="counsellor", agency=centre), provider=provider, windows=[])


def test_the_page_saves_the_centres_opening_hours_grouped_by_equal_hours(client, centre, manager):
    client.force_login(manager)
    url = reverse("centre_staff:weekly-hours")
    assert client.get(url, {"centre": centre.pk}).status_code == 200
    data = rows(("0", "09:00", "18:00"), ("1", "09:00", "18:00"), ("5", "10:00", "14:00"), ("6", "", ""),
                form="centre", centre=centre)
    response = client.post(url, data)
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.opening_hours == [{"days": [0, 1], "opens": "09:00", "closes": "18:00"},
                                    {"days": [5], "opens": "10:00", "closes": "14:00"}]


def test_the_page_refuses_overlapping_hours_with_a_translated_error_next_to_the_row(client, centre, manager):
    client.force_login(manager)
    before = list(centre.opening_hours)
    response = client.post(reverse("centre_staff:weekly-hours"),
                           rows(("0", "09:00", "13:00"), ("0", "12:00", "18:00"), form="centre", centre=centre))
    assert response.status_code == 422
    page = response.content.decode()
    assert page.count('class="field-error"') == 1 and "겹칩니다" in page
    centre.refresh_from_db()
    assert centre.opening_hours == before


def test_the_page_refuses_a_closing_time_before_the_opening_time_for_a_person(client, centre, manager):
    provider = provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    client.force_login(manager)
    response = client.post(reverse("centre_staff:weekly-hours"),
                           rows(("2", "15:00", "10:00"), form=f"provider-{provider.pk}", centre=centre))
    assert response.status_code == 422
    assert list(provider.rules.values_list("weekday", flat=True)) == [0]


def test_removed_rows_are_deleted_and_unreadable_rows_are_reported(client, centre, manager):
    provider = provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    client.force_login(manager)
    url = reverse("centre_staff:weekly-hours")
    bad = client.post(url, rows(("2", "15:00", ""), form=f"provider-{provider.pk}", centre=centre))
    assert bad.status_code == 422
    data = rows(("0", "10:00", "11:00"), ("4", "09:00", "12:00"), form=f"provider-{provider.pk}", centre=centre)
    assert client.post(url, {**data, "remove-0": "yes"}).status_code == 302
    assert list(provider.rules.values_list("weekday", flat=True)) == [4]


def test_staff_who_are_not_managers_cannot_open_the_page(client, centre, make_user):
    client.force_login(make_user(role="counsellor", agency=centre))
    assert client.get(reverse("centre_staff:weekly-hours"), {"centre": centre.pk}).status_code == 403


def test_a_manager_cannot_edit_a_provider_of_another_centre(client, centre, manager):
    other = provider_with_hours(agency=AgencyFactory(), languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    client.force_login(manager)
    response = client.post(reverse("centre_staff:weekly-hours"),
                           rows(("1", "09:00", "10:00"), form=f"provider-{other.pk}", centre=centre))
    assert response.status_code == 404
    assert list(other.rules.values_list("weekday", flat=True)) == [0]


def test_invalid_windows_are_refused_by_the_service_too(centre, manager):
    provider = provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    with pytest.raises(InvalidInput):
        do_set_weekly_rules(manager, provider=provider, windows=[window(0, "10:00", "12:00"), window(0, "11:00", "13:00")])
